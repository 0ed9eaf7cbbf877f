import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { LabMeta } from '../contracts.ts';
// The lab format is defined once, in labs/schema.ts; the site's content collection parses lab.mdx with it too.
import { labFrontmatter } from '../../labs/schema.ts';
import type { LabChecks } from '../checks/types.ts';
import { labCostUsd } from '../../core/prices.ts';
import { loadPrices, typicalMinutes } from '../../content/load.ts';

const slugPattern = /^(\d\d)-[a-z0-9-]+$/;

export function splitFrontmatter(source: string): { data: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return { data: {}, body: source };
  return { data: parseYaml(match[1]), body: source.slice(match[0].length) };
}

export interface Lab extends LabMeta {
  dir: string;
}

/** Reads every lab's metadata, in order. A malformed lab is an error that names the lab and the field. */
export async function loadLabs(labsDir: string): Promise<Lab[]> {
  const entries = await readdir(labsDir, { withFileTypes: true });
  const labs: Lab[] = [];
  for (const entry of entries) {
    const m = slugPattern.exec(entry.name);
    if (!entry.isDirectory() || !m) continue;
    const dir = join(labsDir, entry.name);
    const mdx = join(dir, 'lab.mdx');
    if (!existsSync(mdx)) continue;
    const { data } = splitFrontmatter(await readFile(mdx, 'utf8'));
    const parsed = labFrontmatter.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`labs/${entry.name}/lab.mdx: ${issue.path.join('.')}: ${issue.message}`);
    }
    const costUsd = labCostUsd(parsed.data.resources, loadPrices(join(labsDir, '..', 'content')), (kind) =>
      typicalMinutes(kind, 'Creating', join(labsDir, '..', 'content')),
    );
    labs.push({ ...parsed.data, costUsd, slug: entry.name, order: Number(m[1]), dir });
  }
  return labs.sort((a, b) => a.order - b.order);
}

export type CellSource = 'cell' | 'solution';

export async function readCell(lab: Lab, stepId: string, source: CellSource): Promise<string> {
  return readFile(join(lab.dir, source === 'cell' ? 'cells' : 'solutions', `${stepId}.ts`), 'utf8');
}

const checksCache = new Map<string, LabChecks>();

/** The lab's checks module (labs/<slug>/checks.ts), loaded once. */
export async function loadChecks(lab: Lab): Promise<LabChecks> {
  const cached = checksCache.get(lab.slug);
  if (cached) return cached;
  const file = join(lab.dir, 'checks.ts');
  const checks: LabChecks = existsSync(file) ? ((await import(pathToFileURL(file).href)) as { checks: LabChecks }).checks : {};
  checksCache.set(lab.slug, checks);
  return checks;
}

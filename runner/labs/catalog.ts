import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { LabMeta } from '../contracts.ts';
import type { LabChecks } from '../checks/types.ts';
import { labCostUsd, loadPrices } from '../cost/prices.ts';

/** The frontmatter of labs/<slug>/lab.mdx: one source of truth for the site, the runner and the tests. */
export const labFrontmatter = z.object({
  title: z.string().min(1),
  journey: z.number().int().min(1).max(6).nullable(),
  persona: z.string().min(1),
  minutes: z.number().positive(),
  summary: z.string().min(1),
  resources: z
    .array(
      z.object({
        kind: z.string(),
        instanceType: z.string().optional(),
        count: z.number().int().positive().optional(),
        minutes: z.number().positive().optional(),
        note: z.string().optional(),
      }),
    )
    .default([]),
  steps: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), title: z.string(), cell: z.boolean().optional(), check: z.string().optional(), human: z.boolean().optional() }))
    .min(1),
});

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
    const costUsd = labCostUsd(parsed.data.resources, loadPrices(join(labsDir, '..', 'content')), join(labsDir, '..', 'content'));
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

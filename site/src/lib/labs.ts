import { getCollection, type CollectionEntry } from 'astro:content';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hourlyPrice, labCostUsd } from '../../../core/prices.ts';
import { usageOf } from '../../../core/kinds.ts';
import { loadPrices, typicalMinutes } from '../../../content/load.ts';
import { searchDocuments, type SearchDoc } from './search-docs.ts';

export type LabEntry = CollectionEntry<'labs'>;

/** The project root, whether the build runs from it or from site/. */
export const projectDir = existsSync(resolve('labs')) ? resolve('.') : resolve('..');

export async function allLabs(): Promise<LabEntry[]> {
  return (await getCollection('labs')).sort((a, b) => a.id.localeCompare(b.id));
}

/** A lab's cost on a real account, from its resources and the price table (one source of truth). */
export function labCost(lab: LabEntry): number {
  return labCostUsd(lab.data.resources, loadPrices(join(projectDir, 'content')), (kind) =>
    typicalMinutes(kind, 'Creating', join(projectDir, 'content')),
  );
}

/** $/hour of a resource the lab runs, from the price table; undefined when it is not billed by the hour. */
export function resourcePrice(r: LabEntry['data']['resources'][number]): number | undefined {
  const usage = usageOf(r.kind);
  return usage && r.instanceType ? hourlyPrice(loadPrices(join(projectDir, 'content')), r.instanceType, usage, r.count ?? 1) : undefined;
}

export function cellSource(slug: string, step: string, kind: 'cells' | 'solutions'): string {
  const file = join(projectDir, 'labs', slug, kind, `${step}.ts`);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

export const labNumber = (slug: string) => slug.slice(0, 2);

/** The ids of a lab's checked steps, space-separated: the page's progress reads them from `data-steps`. */
export const checkedSteps = (lab: LabEntry) =>
  lab.data.steps
    .filter((s) => s.check)
    .map((s) => s.id)
    .join(' ');
export const journeyName: Record<number, string> = {
  1: 'Filter and deploy',
  2: 'Monitor outputs',
  3: 'Evaluate and select',
  4: 'Customize (fine-tune)',
  5: 'Orchestrate with MLOps',
  6: 'Human-in-the-loop data for SFT',
};

/** Every lab's search documents, from the same lab files as the pages: the index and the code lines are built from them. */
export async function labSearchDocuments(): Promise<SearchDoc[]> {
  const labs = (await allLabs()).map((l) => ({
    id: l.id,
    title: l.data.title,
    summary: l.data.summary,
    steps: l.data.steps,
    body: l.body ?? '',
  }));
  return searchDocuments(labs, (lab, step) => cellSource(lab, step, 'cells'));
}

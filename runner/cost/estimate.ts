import { join } from 'node:path';
import { loadLabs } from '../labs/catalog.ts';
import { labCostUsd } from '../../core/prices.ts';
import { loadPrices, typicalMinutes } from '../../content/load.ts';

/** The default path of the whole workshop on a real account, per lab and in total. */
export async function estimateWorkshopCost(
  projectDir: string,
): Promise<{ totalUsd: number; perLab: Record<string, number>; note: string }> {
  const prices = loadPrices(join(projectDir, 'content'));
  const labs = await loadLabs(join(projectDir, 'labs'));
  const perLab: Record<string, number> = {};
  for (const lab of labs)
    perLab[lab.slug] = labCostUsd(lab.resources, prices, (kind) => typicalMinutes(kind, 'Creating', join(projectDir, 'content')));
  const totalUsd = Math.round(Object.values(perLab).reduce((a, b) => a + b, 0) * 100) / 100;
  const note = prices ? `prices of ${prices.date}, ${prices.region}` : 'content/prices.json missing';
  return { totalUsd, perLab, note };
}

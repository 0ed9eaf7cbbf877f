import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LabResource } from '../contracts.ts';
import { typicalMinutes } from '../resources/durations.ts';

const instancePrice = z.object({
  hostingPerHour: z.number().optional(),
  trainingPerHour: z.number().optional(),
  processingPerHour: z.number().optional(),
}).passthrough();

export const priceTableSchema = z.object({
  source: z.string(),
  date: z.string(),
  region: z.string(),
  currency: z.literal('USD'),
  instances: z.record(instancePrice),
}).passthrough();
export type PriceTable = z.infer<typeof priceTableSchema>;

/** How a resource kind is billed: which column of the price table applies. */
export type Usage = 'hosting' | 'training' | 'processing';
export const usageOfKind: Record<string, Usage | undefined> = {
  endpoint: 'hosting',
  'training-job': 'training',
  'processing-job': 'processing',
  'monitoring-schedule': 'processing',
  'labeling-job': 'processing',
  'pipeline-execution': 'training',
};

let cached: { dir: string; table: PriceTable } | undefined;

/** content/prices.json, validated: the one source of every price the workshop shows. */
export function loadPrices(contentDir: string): PriceTable | undefined {
  if (cached?.dir === contentDir) return cached.table;
  const file = join(contentDir, 'prices.json');
  if (!existsSync(file)) return undefined;
  const table = priceTableSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  cached = { dir: contentDir, table };
  return table;
}

/** $/hour of `count` instances of a type for a usage; undefined when the table does not price it. */
export function hourlyPrice(table: PriceTable | undefined, instanceType: string, usage: Usage, count = 1): number | undefined {
  const row = table?.instances[instanceType];
  const perHour = row?.[`${usage}PerHour`];
  return typeof perHour === 'number' ? perHour * count : undefined;
}

/**
 * Estimated real-account cost of a lab: each billable resource's hourly price × how long the lab runs it, billed as
 * the session's meter bills it (runner/cost/bill.ts): an endpoint for the minutes the learner keeps it up plus the
 * creation time AWS takes (content/durations.json), a job for its duration.
 */
export function labCostUsd(resources: LabResource[], prices: PriceTable | undefined, contentDir?: string): number {
  let total = 0;
  for (const r of resources) {
    const usage = usageOfKind[r.kind];
    if (!usage || !r.instanceType || !r.minutes) continue;
    const creating = usage === 'hosting' && contentDir ? typicalMinutes(r.kind, 'Creating', contentDir) ?? 0 : 0;
    total += (hourlyPrice(prices, r.instanceType, usage, r.count ?? 1) ?? 0) * ((r.minutes + creating) / 60);
  }
  return Math.round(total * 100) / 100;
}


export { usd } from './prices-format.ts';

/**
 * Prices as the workshop computes them, from the table in content/prices.json (read by content/load.ts): the
 * runner's meter, the labs' cost callouts and the page's meter agree because they all call these. No imports but the
 * kinds: the browser bundles this file too.
 */
import { kindFacts, usageOf, type Usage } from './kinds.ts';

export type { Usage };

/** One instance type's on-demand prices, per instance-hour, for each usage AWS prices it for. */
export interface InstancePrice {
  hostingPerHour?: number;
  trainingPerHour?: number;
  processingPerHour?: number;
}

/** content/prices.json: facts with their source and date (content/schema.ts validates it). */
export interface PriceTable {
  source: string;
  date: string;
  region: string;
  currency: 'USD';
  instances: Record<string, InstancePrice>;
}

/** $/hour of `count` instances of a type for a usage; undefined when the table does not price it. */
export function hourlyPrice(table: PriceTable | undefined, instanceType: string, usage: Usage, count = 1): number | undefined {
  const row = table?.instances[instanceType];
  const perHour = row?.[`${usage}PerHour`];
  return typeof perHour === 'number' ? perHour * count : undefined;
}

/** A resource a lab runs, as its frontmatter declares it (labs/schema.ts). */
interface PricedResource {
  kind: string;
  instanceType?: string;
  count?: number;
  minutes?: number;
}

/**
 * Estimated real-account cost of a lab: each billable resource's hourly price × how long the lab runs it, billed as
 * the session's meter bills it (runner/cost/bill.ts): a kind billed for its uptime (an endpoint) for the minutes the
 * learner keeps it up plus the creation time AWS takes (`creatingMinutes`: content/durations.json), a job for its duration.
 */
export function labCostUsd(
  resources: readonly PricedResource[],
  prices: PriceTable | undefined,
  creatingMinutes?: (kind: string) => number | undefined,
): number {
  let total = 0;
  for (const r of resources) {
    const usage = usageOf(r.kind);
    if (!usage || !r.instanceType || !r.minutes) continue;
    const creating = kindFacts(r.kind)?.billing?.per === 'uptime' ? (creatingMinutes?.(r.kind) ?? 0) : 0;
    total += (hourlyPrice(prices, r.instanceType, usage, r.count ?? 1) ?? 0) * ((r.minutes + creating) / 60);
  }
  return Math.round(total * 100) / 100;
}

/**
 * A price in dollars as every page shows it: cents rounded half up ($1.515 → "1.52"), where toFixed would round
 * 1.515 down (its binary value is 1.51499…) and the meter and the callouts would disagree by a cent.
 */
export function usd(amount: number, digits = 2): string {
  const f = 10 ** digits;
  return (Math.round(amount * f + 1e-9 * f) / f).toFixed(digits);
}

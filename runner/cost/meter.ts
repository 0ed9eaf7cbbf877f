import type { FoundResource } from '../resources/kinds.ts';
import { kindFacts, usageOf, type Usage } from '../../core/kinds.ts';
import { hourlyPrice, type PriceTable } from '../../core/prices.ts';

export interface RunningCost {
  kind: string;
  name: string;
  status?: string;
  instanceType: string;
  count: number;
  perHourUsd: number;
  /** Since creation, at this price, in account time (scaled in the sandbox). */
  soFarUsd: number;
}

export interface CostReport {
  perHourUsd: number;
  totalUsd: number;
  running: RunningCost[];
  unpriced: string[];
}

/**
 * What a found resource costs per hour while it is in a billable state: undefined when it is not billable now,
 * `null` when it is but the price table has no price for it.
 */
export function billableRate(
  r: FoundResource,
  prices: PriceTable | undefined,
): { perHour: number | null; instanceType: string; count: number; usage: Usage } | undefined {
  const usage = usageOf(r.kind);
  if (!kindFacts(r.kind)?.billing?.while?.includes(r.status ?? '') || !usage || !r.instanceType) return undefined;
  const count = r.instanceCount ?? 1;
  return { perHour: hourlyPrice(prices, r.instanceType, usage, count) ?? null, instanceType: r.instanceType, count, usage };
}

/** Prices what runs now. `timeScale` turns wall-clock time into account time (1 on a real account). */
export function priceResources(
  found: FoundResource[],
  prices: PriceTable | undefined,
  opts: { now?: Date; timeScale?: number } = {},
): CostReport {
  const now = opts.now ?? new Date();
  const scale = opts.timeScale ?? 1;
  const running: RunningCost[] = [];
  const unpriced: string[] = [];
  for (const r of found) {
    const rate = billableRate(r, prices);
    if (!rate) continue;
    const { perHour, count } = rate;
    if (perHour === null) {
      unpriced.push(`${r.kind} ${r.name} (${rate.instanceType})`);
      continue;
    }
    const hours = r.createdAt ? Math.max(0, ((now.getTime() - r.createdAt.getTime()) / 3_600_000) * scale) : 0;
    running.push({
      kind: r.kind,
      name: r.name,
      status: r.status,
      instanceType: rate.instanceType,
      count,
      perHourUsd: perHour,
      soFarUsd: perHour * hours,
    });
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    perHourUsd: round(running.reduce((a, r) => a + r.perHourUsd, 0)),
    totalUsd: round(running.reduce((a, r) => a + r.soFarUsd, 0)),
    running,
    unpriced,
  };
}

import type { FoundResource } from '../resources/kinds.ts';
import { resourceKinds } from '../resources/kinds.ts';
import { hourlyPrice, usageOfKind, type PriceTable } from './prices.ts';

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

/** Prices what runs now. `timeScale` turns wall-clock time into account time (1 on a real account). */
export function priceResources(found: FoundResource[], prices: PriceTable | undefined, opts: { now?: Date; timeScale?: number } = {}): CostReport {
  const now = opts.now ?? new Date();
  const scale = opts.timeScale ?? 1;
  const running: RunningCost[] = [];
  const unpriced: string[] = [];
  for (const r of found) {
    const kind = resourceKinds.find((k) => k.kind === r.kind);
    const usage = usageOfKind[r.kind];
    if (!kind?.billableWhile?.includes(r.status ?? '') || !usage || !r.instanceType) continue;
    const count = r.instanceCount ?? 1;
    const perHour = hourlyPrice(prices, r.instanceType, usage, count);
    if (perHour === undefined) {
      unpriced.push(`${r.kind} ${r.name} (${r.instanceType})`);
      continue;
    }
    const hours = r.createdAt ? Math.max(0, ((now.getTime() - r.createdAt.getTime()) / 3_600_000) * scale) : 0;
    running.push({ kind: r.kind, name: r.name, status: r.status, instanceType: r.instanceType, count, perHourUsd: perHour, soFarUsd: perHour * hours });
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    perHourUsd: round(running.reduce((a, r) => a + r.perHourUsd, 0)),
    totalUsd: round(running.reduce((a, r) => a + r.soFarUsd, 0)),
    running,
    unpriced,
  };
}

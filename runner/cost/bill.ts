import { join } from 'node:path';
import type { CheckClients } from '../checks/types.ts';
import type { Target } from '../contracts.ts';
import { resourceKinds, type FoundResource, type JobRun } from '../resources/kinds.ts';
import { kindFacts, kindIds, usageOf, type KindId, type Usage } from '../../core/kinds.ts';
import { typicalMinutes } from '../resources/durations.ts';
import { readJson, writeJsonAtomic, WriteQueue } from '../store/atomic-file.ts';
import { hourlyPrice, type PriceTable } from '../../core/prices.ts';
import { billableRate } from './meter.ts';
import type { LedgerRecord } from '../resources/ledger.ts';

/** One billable life of a resource in this session: from when it started billing to when it stopped. */
export interface BilledInterval {
  kind: string;
  name: string;
  instanceType: string;
  count: number;
  usage: Usage;
  perHourUsd: number;
  /** Wall-clock ISO times: when it started billing (its CreationTime), when it was last seen billing, when it ended. */
  startedAt: string;
  lastSeenAt: string;
  endedAt?: string;
  /** A finished job's duration on AWS, when the account says it (BillableTimeInSeconds, or end − start). */
  awsMinutes?: number;
}

export interface BillLine {
  kind: string;
  name: string;
  instanceType: string;
  count: number;
  perHourUsd: number;
  /** Minutes billed: what AWS would bill for this interval. */
  minutes: number;
  usd: number;
  running: boolean;
}

export interface BillReport {
  /** What runs now, per hour. */
  perHourUsd: number;
  /** Every billable interval of the session, running or ended. */
  totalUsd: number;
  lines: BillLine[];
}

interface BillFile {
  intervals: BilledInterval[];
  /** Jobs of the ledger that bill nothing the table prices: not described again on every poll. */
  unbilled?: string[];
}

/** The calls that start a job billed for its duration (CreateTrainingJob → training-job), from core/kinds.ts. */
const JOB_OPS: Record<string, KindId> = Object.fromEntries(
  kindIds.flatMap((kind) => {
    const op = kindFacts(kind)?.billing?.startedBy;
    return op ? [[op, kind]] : [];
  }),
);

/**
 * How long an interval bills on AWS, in minutes.
 * - An endpoint bills for every minute it is up (AWS prices hosting per instance-hour, "billed by the second"):
 *   on a real account the real elapsed time; on the sandbox the time it was up at the learner's own pace (wall
 *   clock, never × the clock's scale — the learner's minutes are the minutes it would have run on AWS), plus the
 *   creation time AWS takes (content/durations.json), which the sandbox's clock compresses.
 * - A job bills for its duration on AWS: what the account reports once it ended, else its elapsed account time
 *   (wall × scale on the sandbox, whose jobs run at the scaled pace).
 */
export function billedMinutes(iv: BilledInterval, now: Date, target: Target, timeScale: number, contentDir?: string): number {
  const end = iv.endedAt ? Date.parse(iv.endedAt) : now.getTime();
  const wallMin = Math.max(0, (end - Date.parse(iv.startedAt)) / 60_000);
  if (kindFacts(iv.kind)?.billing?.per === 'uptime') {
    if (target === 'aws') return wallMin;
    return wallMin + (typicalMinutes(iv.kind, 'Creating', contentDir) ?? 0);
  }
  if (iv.awsMinutes !== undefined) return iv.awsMinutes;
  return target === 'aws' ? wallMin : wallMin * timeScale;
}

/** A finished job's AWS duration and end, from its description. */
async function jobEnd(
  c: CheckClients,
  kind: string,
  name: string,
  timeScale: number,
): Promise<{ endedAt?: Date; awsMinutes?: number; running: boolean } | undefined> {
  const j = await jobRun(c, kind, name);
  if (!j) return undefined; // gone or unreadable: the interval closes when it was last seen
  const running = kindFacts(kind)?.billing?.while?.includes(j.status ?? '') ?? false;
  const start = j.startedAt ?? j.createdAt;
  const awsMinutes =
    j.billableSeconds !== undefined
      ? j.billableSeconds / 60
      : start && j.endedAt
        ? ((j.endedAt.getTime() - start.getTime()) / 60_000) * timeScale
        : undefined;
  return { endedAt: j.endedAt, awsMinutes: running ? undefined : awsMinutes, running };
}

/**
 * The session's bill: every billable interval it had, kept in `<dataDir>/sessions/<id>/bill.json`, so a deleted
 * endpoint or a finished job still counts. Each observation of the account (the header's meter, `.cost`, the cleanup)
 * opens intervals for what bills now and closes the ones that stopped.
 */
export class Bill {
  private queues = new Map<string, WriteQueue>();

  constructor(
    private readonly opts: { dataDir: string; target: Target; timeScale: number; contentDir: string; prices: () => PriceTable | undefined },
  ) {}

  private file(sessionId: string) {
    return join(this.opts.dataDir, 'sessions', sessionId, 'bill.json');
  }

  private scale() {
    return this.opts.target === 'sandbox' ? this.opts.timeScale : 1;
  }

  /** Records what the account shows now (and the session's job creations from its ledger), then prices it all. */
  async observe(
    sessionId: string,
    found: FoundResource[],
    c: CheckClients,
    ledger: LedgerRecord[] = [],
    now = new Date(),
  ): Promise<BillReport> {
    const queue = this.queues.get(sessionId) ?? new WriteQueue();
    this.queues.set(sessionId, queue);
    return queue.run(async () => {
      const bill = (await readJson<BillFile>(this.file(sessionId))) ?? { intervals: [] };
      const prices = this.opts.prices();
      const open = (k: string, n: string) => bill.intervals.find((i) => i.kind === k && i.name === n && !i.endedAt);
      const seen = new Set<BilledInterval>();
      for (const r of found) {
        const rate = billableRate(r, prices);
        if (!rate || rate.perHour === null) continue;
        const { perHour, count, usage, instanceType } = rate;
        let iv = open(r.kind, r.name);
        if (!iv) {
          iv = {
            kind: r.kind,
            name: r.name,
            instanceType,
            count,
            usage,
            perHourUsd: perHour,
            startedAt: (r.createdAt ?? now).toISOString(),
            lastSeenAt: now.toISOString(),
          };
          bill.intervals.push(iv);
        }
        iv.lastSeenAt = now.toISOString();
        iv.perHourUsd = perHour; // an endpoint updated to more instances bills at its new size from now on (unverified: kept simple)
        seen.add(iv);
      }
      // What billed before and does not now: deleted, stopped or finished. Jobs say when they ended.
      for (const iv of bill.intervals) {
        if (iv.endedAt || seen.has(iv)) continue;
        const end = await jobEnd(c, iv.kind, iv.name, this.scale());
        if (end?.running) continue;
        iv.endedAt = (end?.endedAt ?? now).toISOString();
        iv.awsMinutes = end?.awsMinutes;
      }
      // Jobs the session created and that finished between two observations: the ledger names them.
      for (const e of ledger) {
        const kind = JOB_OPS[e.op];
        if (
          !kind ||
          e.phase !== 'created' ||
          bill.unbilled?.includes(`${kind} ${e.name}`) ||
          bill.intervals.some((i) => i.kind === kind && i.name === e.name)
        )
          continue;
        const end = await jobEnd(c, kind, e.name, this.scale());
        if (!end || end.running) continue;
        const info = await jobInstance(c, kind, e.name);
        const perHour = info && hourlyPrice(prices, info.instanceType, usageOf(kind)!, info.count);
        if (!info || perHour === undefined) {
          (bill.unbilled ??= []).push(`${kind} ${e.name}`);
          continue;
        }
        bill.intervals.push({
          kind,
          name: e.name,
          instanceType: info.instanceType,
          count: info.count,
          usage: usageOf(kind)!,
          perHourUsd: perHour,
          startedAt: info.createdAt.toISOString(),
          lastSeenAt: now.toISOString(),
          endedAt: (end.endedAt ?? now).toISOString(),
          awsMinutes: end.awsMinutes,
        });
      }
      await writeJsonAtomic(this.file(sessionId), bill);
      return this.price(bill.intervals, now);
    });
  }

  private price(intervals: BilledInterval[], now: Date): BillReport {
    const lines = intervals.map((iv): BillLine => {
      const minutes = billedMinutes(iv, now, this.opts.target, this.scale(), this.opts.contentDir);
      return {
        kind: iv.kind,
        name: iv.name,
        instanceType: iv.instanceType,
        count: iv.count,
        perHourUsd: iv.perHourUsd,
        minutes,
        usd: (iv.perHourUsd * minutes) / 60,
        running: !iv.endedAt,
      };
    });
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return {
      perHourUsd: round(lines.filter((l) => l.running).reduce((a, l) => a + l.perHourUsd, 0)),
      totalUsd: round(lines.reduce((a, l) => a + l.usd, 0)),
      lines,
    };
  }

  /** The bill as last recorded, priced now, without reading the account. */
  async report(sessionId: string, now = new Date()): Promise<BillReport> {
    const bill = (await readJson<BillFile>(this.file(sessionId))) ?? { intervals: [] };
    return this.price(bill.intervals, now);
  }
}

/** A job's description, for the kinds billed for their duration; undefined when it cannot be read. */
async function jobRun(c: CheckClients, kind: string, name: string): Promise<JobRun | undefined> {
  try {
    return await resourceKinds.find((k) => k.kind === kind)?.job?.(c, name);
  } catch {
    return undefined;
  }
}

async function jobInstance(
  c: CheckClients,
  kind: string,
  name: string,
): Promise<{ instanceType: string; count: number; createdAt: Date } | undefined> {
  const j = await jobRun(c, kind, name);
  return j?.instanceType ? { instanceType: j.instanceType, count: j.instanceCount ?? 1, createdAt: j.createdAt ?? new Date() } : undefined;
}

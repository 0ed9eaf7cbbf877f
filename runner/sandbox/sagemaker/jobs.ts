import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';
import { invalidMember } from '../errors.ts';
import { statusOf, type Input } from './util.ts';

/** What the job kinds share (training-jobs.ts, processing-jobs.ts): their instances and their log lines. */

export const MIN = 60_000;
const JOB_LIVE = ['InProgress', 'Stopping'];

/** Instances of a type that running jobs of a kind hold (per-type quotas apply to jobs too). */
export function jobInstances(
  ctx: SandboxContext,
  kind: string,
  path: (r: ResourceRecord) => { InstanceType?: string; InstanceCount?: number } | undefined,
  type: string,
): number {
  return ctx.store
    .list(kind)
    .filter((r) => JOB_LIVE.includes(statusOf(r)))
    .reduce((n, r) => {
      const res = path(r);
      return n + (res?.InstanceType === type ? Number(res.InstanceCount ?? 1) : 0);
    }, 0);
}

export function requireInstance(res: Input | undefined, where: string): { type: string; count: number } {
  const type = res?.InstanceType;
  if (typeof type !== 'string' || !/^ml\.[a-z0-9]+\.[a-z0-9]+$/.test(type))
    throw invalidMember(`${where}.instanceType`, 'Member must satisfy enum value set', { value: type });
  return { type, count: Number(res?.InstanceCount ?? 1) };
}

/** Job log lines (training), for the terminal's `.logs <job>`. */
export function jobLogs(ctx: SandboxContext, name: string): string[] | undefined {
  const r = ctx.store.get('training-job', name) ?? ctx.store.get('processing-job', name);
  if (!r) return undefined;
  const all = (r.data.__logs as string[] | undefined) ?? [];
  // Lines appear as the job advances: all of them once it has finished.
  const status = statusOf(r);
  if (['Completed', 'Failed', 'Stopped'].includes(status)) return all;
  const started = r.timeline.find((t) => t.patch?.SecondaryStatus === 'Training')?.at ?? r.createdAt;
  const end = r.timeline.at(-1)!.at;
  const share = Math.max(0, Math.min(1, (ctx.store.now() - started) / Math.max(1, end - started)));
  return all.slice(0, Math.floor(all.length * share));
}

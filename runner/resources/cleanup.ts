import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  HeadBucketCommand,
} from '@aws-sdk/client-s3';
import type { CheckClients } from '../checks/types.ts';
import { discover, type DiscoveryScope } from './discover.ts';
import { resourceKinds, type FoundResource } from './kinds.ts';
import { kindFacts } from '../../core/kinds.ts';
import { isTransient, sleep, withRetry } from './retry.ts';
import { isNotFound } from './not-found.ts';
import { KEPT_REASON } from '../../core/tags.ts';

/** A workshop resource a session's cleanup leaves, and why. */
export interface KeptResource {
  resource: FoundResource;
  reason: string;
}

export type CleanupEvent =
  | { type: 'plan'; resources: FoundResource[]; unlisted: { kind: string; reason: string }[]; kept: KeptResource[] }
  | { type: 'deleting'; resource: FoundResource }
  | { type: 'deleted'; resource: FoundResource; ms: number }
  | { type: 'retry'; resource: FoundResource; attempt: number; reason: string }
  | { type: 'failed'; resource: FoundResource; reason: string }
  | { type: 'verify'; left: FoundResource[]; kept: KeptResource[] };

export interface CleanupReport {
  planned: FoundResource[];
  deleted: FoundResource[];
  failed: { resource: FoundResource; reason: string }[];
  /** Workshop resources still found by the final listing of every kind. */
  left: FoundResource[];
  unlisted: { kind: string; reason: string }[];
  /** What every session shares (the execution role): a session's cleanup keeps it, says why, and is still clean. */
  kept: KeptResource[];
  /** Recorded in the ledger as created, yet not found carrying the workshop tag: shown, never deleted. */
  ledgerOnly: { op: string; name: string; arn?: string }[];
  ok: boolean;
}

export interface CleanupOptions {
  scope?: DiscoveryScope;
  dryRun?: boolean;
  onEvent?: (e: CleanupEvent) => void;
  /** Upper bound for one resource's deletion, including waiting until it is gone. */
  timeoutMs?: number;
  /** Poll interval while waiting for a deletion (short on the sandbox). */
  pollMs?: number;
  maxAttempts?: number;
  concurrency?: number;
  /** What the session's ledger says it created: cross-checked against the tag scan. */
  ledger?: { op: string; name: string; arn?: string }[];
}

async function emptyAndDeleteBucket(c: CheckClients, bucket: string): Promise<void> {
  for (;;) {
    const page = await c.s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
    const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
    if (keys.length === 0) break;
    await c.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
  }
  try {
    // A versioned bucket keeps old versions: they must go too (not every S3 implements versions).
    const v = await c.s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const all = [...(v.Versions ?? []), ...(v.DeleteMarkers ?? [])].map((x) => ({ Key: x.Key!, VersionId: x.VersionId }));
    if (all.length) await c.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: all, Quiet: true } }));
  } catch (e) {
    if (!['NotImplemented', 'MethodNotAllowed'].includes((e as Error).name)) throw e;
  }
  await c.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}

async function bucketGone(c: CheckClients, bucket: string): Promise<boolean> {
  try {
    await c.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return false;
  } catch (e) {
    if (isNotFound(e) || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return true;
    throw e;
  }
}

const phaseOf = (r: FoundResource) => kindFacts(r.kind)?.phase ?? 80;

/**
 * Deletes every workshop resource in dependency order, with retries and backoff, waiting until each is gone,
 * then lists every kind again. It finds its work by tag each time, so a run that was killed midway is
 * finished by the next one; it never touches a resource without the workshop tag.
 */
export async function cleanup(c: CheckClients, opts: CleanupOptions = {}): Promise<CleanupReport> {
  const emit = opts.onEvent ?? (() => undefined);
  const timeoutMs = opts.timeoutMs ?? 30 * 60_000;
  const pollMs = opts.pollMs ?? 5_000;
  const maxAttempts = opts.maxAttempts ?? 8;
  const { resources, unlisted, shared } = await discover(c, opts.scope, { baseMs: pollMs });
  const keep = (found: FoundResource[]): KeptResource[] => found.map((resource) => ({ resource, reason: KEPT_REASON }));
  const kept = keep(shared);
  emit({ type: 'plan', resources, unlisted, kept });
  const report: CleanupReport = { planned: resources, deleted: [], failed: [], left: [], unlisted, kept, ledgerOnly: [], ok: false };
  if (opts.dryRun) {
    report.left = resources;
    return report;
  }

  const deleteOne = async (r: FoundResource) => {
    const kind = resourceKinds.find((k) => k.kind === r.kind);
    const started = performance.now();
    emit({ type: 'deleting', resource: r });
    const remove = () => (r.kind === 's3-bucket' ? emptyAndDeleteBucket(c, r.name) : kind!.remove(c, r));
    const done = () => (r.kind === 's3-bucket' ? bucketGone(c, r.name) : kind!.isDone(c, r));
    try {
      try {
        await withRetry(remove, {
          attempts: maxAttempts,
          baseMs: pollMs,
          onRetry: (attempt, e) => emit({ type: 'retry', resource: r, attempt, reason: `${(e as Error).name}: ${(e as Error).message}` }),
        });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          if (await done()) break;
        } catch (e) {
          if (!isTransient(e)) throw e;
        }
        if (Date.now() > deadline) throw new Error(`still not gone after ${Math.round(timeoutMs / 1000)} s`);
        await sleep(pollMs);
      }
      report.deleted.push(r);
      emit({ type: 'deleted', resource: r, ms: performance.now() - started });
    } catch (e) {
      const reason = `${(e as Error).name}: ${(e as Error).message}`;
      report.failed.push({ resource: r, reason });
      emit({ type: 'failed', resource: r, reason });
    }
  };

  // Phases run in order; within a phase, deletions run in parallel (bounded).
  const phases = [...new Set(resources.map(phaseOf))].sort((a, b) => a - b);
  const limit = opts.concurrency ?? 8;
  for (const phase of phases) {
    const queue = resources.filter((r) => phaseOf(r) === phase);
    await Promise.all(
      Array.from({ length: Math.min(limit, queue.length) }, async () => {
        for (let r = queue.shift(); r; r = queue.shift()) await deleteOne(r);
      }),
    );
  }

  const after = await discover(c, opts.scope, { baseMs: pollMs });
  // A ledger entry that the tag scan never saw: its tags were removed, or it is gone. Say so either way.
  // What the session created and kept for the others (it made the shared role first) is seen too, not "untagged".
  const found = [...resources, ...shared, ...after.shared];
  const seen = new Set(found.map((r) => r.name).concat(found.map((r) => r.arn)));
  report.ledgerOnly = (opts.ledger ?? []).filter(
    (e) => !seen.has(e.name) && !(e.arn && seen.has(e.arn)) && !after.resources.some((r) => r.name === e.name),
  );
  report.left = after.resources;
  report.unlisted = after.unlisted;
  report.kept = keep(after.shared);
  emit({ type: 'verify', left: after.resources, kept: report.kept });
  report.ok = after.resources.length === 0 && after.unlisted.length === 0 && report.failed.length === 0;
  return report;
}

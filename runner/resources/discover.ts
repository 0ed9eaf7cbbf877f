import { GetBucketTaggingCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import type { CheckClients } from '../checks/types.ts';
import { resourceKinds, tagsOf, type FoundResource } from './kinds.ts';
import { withRetry } from './retry.ts';
import { SESSION_TAG_KEY, WORKSHOP_TAG, isSharedTagged } from '../../core/tags.ts';

export interface DiscoveryScope {
  /** Only this session's resources; every workshop session's (and what they share) when absent. */
  sessionId?: string;
}

export interface Discovery {
  resources: FoundResource[];
  /** Kinds that could not be listed, with the reason (e.g. missing permission): cleanup must say so. */
  unlisted: { kind: string; reason: string }[];
  /**
   * A session's scan only: the workshop's resources every session shares (the execution role), which are not this
   * session's to delete. Unscoped, they are in `resources`.
   */
  shared: FoundResource[];
}

/** Whose a resource is for this scan: the scope's (to list and delete), every session's (to keep), or none. */
function ownership(tags: Record<string, string>, accountWide: boolean, scope: DiscoveryScope): 'scope' | 'shared' | undefined {
  if (tags[WORKSHOP_TAG.Key] !== WORKSHOP_TAG.Value) return undefined;
  if (!scope.sessionId) return 'scope';
  if (accountWide || isSharedTagged(tags)) return 'shared';
  return tags[SESSION_TAG_KEY] === scope.sessionId ? 'scope' : undefined;
}

async function bucketTags(c: CheckClients, bucket: string): Promise<Record<string, string>> {
  try {
    const res = await c.s3.send(new GetBucketTaggingCommand({ Bucket: bucket }));
    return Object.fromEntries((res.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'NoSuchTagSet' || name === 'NoSuchBucket') return {};
    throw e;
  }
}

/**
 * Finds what the workshop created, by tag: only resources tagged workshop=naxt-genai (and the session, when
 * scoped) are returned, whatever their names look like. A scoped scan returns what every session shares apart.
 */
export async function discover(c: CheckClients, scope: DiscoveryScope = {}, retry: { baseMs?: number } = {}): Promise<Discovery> {
  const resources: FoundResource[] = [];
  const shared: FoundResource[] = [];
  const unlisted: Discovery['unlisted'] = [];
  await Promise.all(
    resourceKinds.map(async (k) => {
      try {
        // A throttled listing starts over: listing is cheap, a missed resource keeps billing.
        const listed = await withRetry(async () => {
          const all: FoundResource[] = [];
          for await (const r of k.list(c)) all.push(r);
          return all;
        }, retry);
        for (const r of listed) {
          if (k.terminalStatuses?.includes(r.status ?? '')) continue; // finished jobs cost nothing and cannot be deleted
          const tags = await withRetry(() => (k.tags ? k.tags(c, r) : tagsOf(c, r.arn)), retry);
          const owner = ownership(tags, k.accountWide === true, scope);
          if (!owner) continue;
          (owner === 'scope' ? resources : shared).push(
            k.describe ? { ...(await withRetry(() => k.describe!(c, r), retry)), tags } : { ...r, tags },
          );
        }
      } catch (e) {
        unlisted.push({ kind: k.kind, reason: `${(e as Error).name}: ${(e as Error).message}` });
      }
    }),
  );
  try {
    const { Buckets = [] } = await withRetry(() => c.s3.send(new ListBucketsCommand({})), retry);
    for (const b of Buckets) {
      if (!b.Name) continue;
      const tags = await withRetry(() => bucketTags(c, b.Name!), retry);
      const owner = ownership(tags, false, scope);
      if (owner)
        (owner === 'scope' ? resources : shared).push({
          kind: 's3-bucket',
          name: b.Name,
          arn: `arn:aws:s3:::${b.Name}`,
          createdAt: b.CreationDate,
          tags,
        });
    }
  } catch (e) {
    unlisted.push({ kind: 's3-bucket', reason: `${(e as Error).name}: ${(e as Error).message}` });
  }
  return { resources, unlisted, shared };
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { limitExceeded } from './errors.ts';
import { quotasFile } from '../../content/schema.ts';
import { quotaName } from '../../core/kinds.ts';

export type QuotaUsage = 'endpoint' | 'training' | 'processing';
const DEFAULT_QUOTA = 2;

type QuotaTables = Record<QuotaUsage, Record<string, number>>;
let cache: { dir: string; table: QuotaTables } | undefined;

/** content/quotas.json, validated: instances per type, for each usage (none when the file is absent). */
export function quotaTables(contentDir: string): QuotaTables {
  if (cache?.dir === contentDir) return cache.table;
  const file = join(contentDir, 'quotas.json');
  const { endpoint, training, processing } = existsSync(file)
    ? quotasFile.parse(JSON.parse(readFileSync(file, 'utf8')))
    : { endpoint: {}, training: {}, processing: {} };
  cache = { dir: contentDir, table: { endpoint, training, processing } };
  return cache.table;
}

export function quotaFor(contentDir: string, usage: QuotaUsage, instanceType: string): number {
  const v = quotaTables(contentDir)[usage][instanceType];
  return typeof v === 'number' ? v : DEFAULT_QUOTA;
}

/** Throws ResourceLimitExceeded as SageMaker words it, naming the Service Quotas quota to request. */
export function checkQuota(contentDir: string, usage: QuotaUsage, instanceType: string, inUse: number, delta: number): void {
  const limit = quotaFor(contentDir, usage, instanceType);
  if (inUse + delta > limit) {
    throw limitExceeded(
      `The account-level service limit '${quotaName(instanceType, usage)}' is ${limit} Instances, with current utilization of ${inUse} Instances and a request delta of ${delta} Instances. Please use AWS Service Quotas to request an increase for this quota. If AWS Service Quotas is not available, contact AWS support to request an increase for this quota.`,
    );
  }
}

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as sagemaker from '@aws-sdk/client-sagemaker';
import { KINDS, kindFacts, kindIds, kindLabel, kindQuotaName, quotaName, quotaUsages, type KindFacts } from '../../core/kinds.ts';
import { resourceKinds } from '../../runner/resources/kinds.ts';
import { typicalDurations } from '../../content/load.ts';
import { loadPrices } from '../../content/load.ts';
import { quotasFile } from '../../content/schema.ts';
import { loadLabs } from '../../runner/labs/catalog.ts';
import { progressWatch } from '../../runner/kernel/progress-watch.ts';
import type { ProgressEvent } from '../../runner/contracts.ts';

const root = process.cwd();
const facts = (kind: string): KindFacts => {
  const f = kindFacts(kind);
  if (!f) throw new Error(`${kind} is not in core/kinds.ts`);
  return f;
};
const sdkOperation = (op: string) => `${op}Command` in sagemaker;

describe('the table of resource kinds (core/kinds.ts)', () => {
  it('holds every kind the cleanup lists, and the cleanup lists every kind with a deletion phase', () => {
    const listed = resourceKinds.map((k) => k.kind);
    for (const kind of listed) expect(facts(kind).phase, kind).toBeTypeOf('number');
    // S3 buckets are the one kind discover.ts scans itself (ListBuckets, then their tags).
    const phased = kindIds.filter((k) => facts(k).phase !== undefined && k !== 's3-bucket');
    expect([...listed].sort()).toEqual(phased.sort());
    // The cleanup deletes with the table's order and ownership.
    for (const k of resourceKinds) {
      expect(k.phase).toBe(facts(k.kind).phase);
      expect(k.accountWide === true).toBe(facts(k.kind).accountWide === true);
    }
  });

  it('names every kind content/durations.json times, each in a status its progress watch shows as running', () => {
    for (const d of typicalDurations(join(root, 'content'))) {
      const progress = facts(d.kind).progress;
      expect(progress?.running, `${d.kind}:${d.status}`).toContain(d.status);
    }
  });

  it('names every kind a lab declares, and prices the ones it bills from a column of content/prices.json', async () => {
    const prices = loadPrices(join(root, 'content'))!;
    for (const lab of await loadLabs(join(root, 'labs')))
      for (const r of lab.resources) {
        const billing = facts(r.kind).billing;
        if (!r.instanceType) continue;
        expect(billing, `${lab.slug}: ${r.kind} runs on ${r.instanceType} but is not billed`).toBeDefined();
        expect(prices.instances[r.instanceType]?.[`${billing!.usage}PerHour`], `${lab.slug}: ${r.kind} on ${r.instanceType}`).toBeTypeOf(
          'number',
        );
      }
  });

  it("can bill what it says it bills: the meter reads a billed kind's instances, the bill describes a job it started", () => {
    for (const kind of kindIds) {
      const billing = facts(kind).billing;
      const sdk = resourceKinds.find((k) => k.kind === kind);
      if (billing?.while)
        expect(sdk?.describe, `${kind} bills while ${billing.while.join('/')}: its instance type comes from describe`).toBeDefined();
      if (billing?.startedBy) {
        expect(sdkOperation(billing.startedBy), billing.startedBy).toBe(true);
        expect(billing.per, kind).toBe('duration');
        expect(sdk?.job, `${kind} is billed from its ledger entry: its duration comes from job()`).toBeDefined();
      }
    }
  });

  it('names real SageMaker operations for every progress watch, and the kernel watches each of them', () => {
    const estimates = Object.fromEntries(kindIds.flatMap((k) => (facts(k).progress?.running ?? []).map((s) => [`${k}:${s}`, 60_000])));
    for (const kind of kindIds) {
      const p = facts(kind).progress;
      if (!p) continue;
      for (const op of [p.describe, ...p.startedBy]) expect(sdkOperation(op), op).toBe(true);
      const events: ProgressEvent[] = [];
      const watch = progressWatch({ estimatesMs: estimates, emit: (e) => events.push(e), now: () => 1_000, minIntervalMs: 0 });
      const name = kind === 'pipeline-execution' ? 'arn:aws:sagemaker:us-east-1:1:pipeline/p/execution/x' : 'naxt-x';
      expect(watch.wants(p.describe)).toBe(true);
      watch.observe(p.describe, { [p.name]: name }, { [p.name]: name, [p.status]: p.running[0], CreationTime: new Date(0) });
      const [ended, state] = Object.entries(p.ended)[0];
      watch.observe(p.describe, { [p.name]: name }, { [p.name]: name, [p.status]: ended, CreationTime: new Date(0) });
      expect(
        events.map((e) => [e.kind, e.status, e.state]),
        kind,
      ).toEqual([
        [kind, p.running[0], 'running'],
        [kind, ended, state],
      ]);
    }
  });

  it('words quota names as Service Quotas does, and as content/quotas.json says it does', () => {
    const file = quotasFile.parse(JSON.parse(readFileSync(join(root, 'content', 'quotas.json'), 'utf8')));
    for (const usage of quotaUsages) expect(quotaName('<instance type>', usage)).toBe(file.quotaNames?.[usage]);
    expect(kindQuotaName('endpoint', 'ml.g5.2xlarge')).toBe('ml.g5.2xlarge for endpoint usage');
    expect(kindQuotaName('training-job', 'ml.g5.2xlarge')).toBe('ml.g5.2xlarge for training job usage');
    expect(kindQuotaName('monitoring-schedule', 'ml.m5.xlarge')).toBeUndefined();
  });

  it('gives every kind a label for people, and leaves an unknown kind as it is', () => {
    for (const kind of kindIds) expect(KINDS[kind].label).toMatch(/^[A-Z]/);
    expect(kindLabel('training-job')).toBe('Training job');
    expect(kindLabel('no-such-kind')).toBe('no-such-kind');
  });
});

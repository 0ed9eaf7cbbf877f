import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bill } from '../../runner/cost/bill.ts';
import { loadPrices } from '../../content/load.ts';
import { typicalMinutes } from '../../runner/resources/durations.ts';
import type { CheckClients } from '../../runner/checks/types.ts';
import type { FoundResource } from '../../runner/resources/kinds.ts';

const contentDir = join(import.meta.dirname, '..', '..', 'content');
const price = loadPrices(contentDir)!.instances['ml.g5.2xlarge'].hostingPerHour!;
const creating = typicalMinutes('endpoint', 'Creating', contentDir)!;
/** Endpoints never need the account to be read: their interval is what the meter saw. */
const noClients = {} as CheckClients;

const endpoint = (createdAt: Date, status = 'InService'): FoundResource => ({
  kind: 'endpoint',
  name: 'naxt-summarizer',
  arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/naxt-summarizer',
  status,
  createdAt,
  instanceType: 'ml.g5.2xlarge',
  instanceCount: 1,
});

describe('the cost meter keeps every billable interval at the learner’s pace', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'naxt-bill-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('an endpoint up for N wall minutes on the sandbox costs price × N/60 (plus AWS’s creation time), not × the clock’s scale, and stays after deletion', async () => {
    const bill = new Bill({ dataDir: dir, target: 'sandbox', timeScale: 60, contentDir, prices: () => loadPrices(contentDir) });
    const t0 = new Date('2026-12-01T10:00:00Z');
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);
    const N = 30;
    await bill.observe('s1', [endpoint(t0)], noClients, [], at(1));
    const up = await bill.observe('s1', [endpoint(t0)], noClients, [], at(N));
    const expected = (price * (N + creating)) / 60;
    expect(up.totalUsd).toBeCloseTo(expected, 2);
    expect(up.perHourUsd).toBeCloseTo(price, 3);
    // What the old meter said: wall time × scale (30 min → 30 hours).
    expect(up.totalUsd).toBeLessThan(price * (N / 60) * 60 * 0.1);

    // Deleted: gone from the account; it no longer runs, but its minutes stay on the bill.
    const after = await bill.observe('s1', [], noClients, [], at(N));
    expect(after.perHourUsd).toBe(0);
    expect(after.totalUsd).toBeCloseTo(expected, 2);
    const later = await bill.observe('s1', [], noClients, [], at(N + 90));
    expect(later.totalUsd).toBeCloseTo(expected, 2);
    expect(later.lines).toEqual([expect.objectContaining({ name: 'naxt-summarizer', running: false })]);

    // Re-created under the same name: a second interval, both count.
    await bill.observe('s1', [endpoint(at(100))], noClients, [], at(100));
    const twice = await bill.observe('s1', [endpoint(at(100))], noClients, [], at(110));
    expect(twice.totalUsd).toBeCloseTo(expected + (price * (10 + creating)) / 60, 2);
    // Kept on disk: a fresh meter (a restarted runner) reads the same bill.
    const reread = await new Bill({
      dataDir: dir,
      target: 'sandbox',
      timeScale: 60,
      contentDir,
      prices: () => loadPrices(contentDir),
    }).report('s1', at(110));
    expect(reread.totalUsd).toBeCloseTo(twice.totalUsd, 3);
  });

  it('on a real account, an endpoint bills its real elapsed time since creation', async () => {
    const bill = new Bill({ dataDir: dir, target: 'aws', timeScale: 1, contentDir, prices: () => loadPrices(contentDir) });
    const t0 = new Date('2026-12-01T10:00:00Z');
    const r = await bill.observe('s2', [endpoint(t0, 'Creating')], noClients, [], new Date(t0.getTime() + 45 * 60_000));
    expect(r.totalUsd).toBeCloseTo((price * 45) / 60, 2);
  });

  it('a training job that finished between two looks is billed for its AWS duration, from the ledger', async () => {
    const bill = new Bill({ dataDir: dir, target: 'sandbox', timeScale: 60, contentDir, prices: () => loadPrices(contentDir) });
    const trainPrice = loadPrices(contentDir)!.instances['ml.g5.2xlarge'].trainingPerHour!;
    const created = new Date('2026-12-01T10:00:00Z');
    const described = {
      TrainingJobName: 'naxt-tune',
      TrainingJobStatus: 'Completed',
      CreationTime: created,
      TrainingStartTime: created,
      TrainingEndTime: new Date(created.getTime() + 10_000),
      BillableTimeInSeconds: 1_200,
      ResourceConfig: { InstanceType: 'ml.g5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
    };
    const clients = { sagemaker: { send: async () => described } } as unknown as CheckClients;
    const ledger = [{ at: created.toISOString(), phase: 'created' as const, op: 'CreateTrainingJob', name: 'naxt-tune' }];
    const r = await bill.observe('s4', [], clients, ledger);
    expect(r.lines).toEqual([expect.objectContaining({ kind: 'training-job', name: 'naxt-tune', minutes: 20, running: false })]);
    expect(r.totalUsd).toBeCloseTo((trainPrice * 20) / 60, 3);
    // Seen once: a second look does not bill it twice.
    expect((await bill.observe('s4', [], clients, ledger)).totalUsd).toBeCloseTo(r.totalUsd, 6);
  });

  it('does not bill what is not billable (an endpoint that failed)', async () => {
    const bill = new Bill({ dataDir: dir, target: 'sandbox', timeScale: 60, contentDir, prices: () => loadPrices(contentDir) });
    const r = await bill.observe('s3', [endpoint(new Date(), 'Failed')], noClients);
    expect(r.totalUsd).toBe(0);
    expect(r.lines).toEqual([]);
  });
});

describe('the runner’s meter (header and .cost) keeps a deleted endpoint on the bill', () => {
  it('GET /cost still counts an endpoint after DeleteEndpoint', async () => {
    const { testRunner, apiClient } = await import('../integration/harness.ts');
    const {
      CreateEndpointCommand,
      CreateEndpointConfigCommand,
      CreateModelCommand,
      DeleteEndpointCommand,
      waitUntilEndpointInService,
      waitUntilEndpointDeleted,
    } = await import('@aws-sdk/client-sagemaker');
    const t = await testRunner(['--time-scale', '600']);
    try {
      const api = apiClient(t.runner);
      const { sessionId } = await api.json('GET', '/session');
      const session = (await t.runner.sessions.get(sessionId))!;
      const sm = t.runner.target.clients().sagemaker;
      const Tags = session.workshop.tags;
      await sm.send(
        new CreateModelCommand({
          ModelName: 'naxt-bill',
          ExecutionRoleArn: session.workshop.roleArn,
          PrimaryContainer: { Image: 'tgi', Environment: { HF_MODEL_ID: 'google/flan-t5-small' } },
          Tags,
        }),
      );
      await sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'naxt-bill',
          ProductionVariants: [
            { VariantName: 'AllTraffic', ModelName: 'naxt-bill', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 },
          ],
          Tags,
        }),
      );
      await sm.send(new CreateEndpointCommand({ EndpointName: 'naxt-bill', EndpointConfigName: 'naxt-bill', Tags }));
      await waitUntilEndpointInService({ client: sm, maxWaitTime: 60, minDelay: 1 }, { EndpointName: 'naxt-bill' });
      const running = await api.json('GET', `/sessions/${sessionId}/cost`);
      expect(running.perHourUsd).toBeCloseTo(price, 3);
      // Just up: about the creation time AWS takes, not hours.
      expect(running.totalUsd).toBeGreaterThanOrEqual((price * creating) / 60 - 0.001);
      expect(running.totalUsd).toBeLessThan((price * (creating + 2)) / 60);
      await sm.send(new DeleteEndpointCommand({ EndpointName: 'naxt-bill' }));
      await waitUntilEndpointDeleted({ client: sm, maxWaitTime: 60, minDelay: 1 }, { EndpointName: 'naxt-bill' });
      const after = await api.json('GET', `/sessions/${sessionId}/cost`);
      expect(after.perHourUsd).toBe(0);
      expect(after.totalUsd).toBeGreaterThanOrEqual(running.totalUsd);
      expect(after.bill).toEqual([expect.objectContaining({ name: 'naxt-bill', running: false })]);
    } finally {
      await t.remove();
    }
  }, 60_000);
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  waitUntilEndpointInService,
} from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, ListBucketsCommand, PutBucketTaggingCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { testRunner } from '../integration/harness.ts';
import { cleanup } from '../../runner/resources/cleanup.ts';
import { discover } from '../../runner/resources/discover.ts';
import type { CheckClients } from '../../runner/checks/types.ts';

const ours = (sid: string) => [
  { Key: 'workshop', Value: 'naxt-genai' },
  { Key: 'workshop-session', Value: sid },
];

/** A deployed endpoint with its config, model and a bucket of objects, as lab 01 leaves them. */
async function deploy(c: CheckClients, name: string, tags?: { Key: string; Value: string }[]) {
  await c.sagemaker.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/naxt-workshop-sagemaker-execution',
      PrimaryContainer: {
        Image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.1.1-tgi1.4.0-gpu-py310-cu121-ubuntu22.04',
        Environment: { HF_MODEL_ID: 'huggingface-llm-mistral-7b-instruct' },
      },
      Tags: tags,
    }),
  );
  await c.sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: name, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
      Tags: tags,
    }),
  );
  await c.sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name, Tags: tags }));
}

async function bucket(c: CheckClients, name: string, tags?: { Key: string; Value: string }[]) {
  await c.s3.send(new CreateBucketCommand({ Bucket: name }));
  if (tags) await c.s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: tags } }));
  for (let i = 0; i < 5; i++) await c.s3.send(new PutObjectCommand({ Bucket: name, Key: `datasets/f${i}.jsonl`, Body: `{"i":${i}}` }));
}

describe('cleanup engine on the sandbox', () => {
  let h: Awaited<ReturnType<typeof testRunner>>;
  let c: CheckClients;
  const sid = 'abcdef01';
  beforeEach(async () => {
    h = await testRunner(['--time-scale', '20000']);
    c = h.runner.target.clients();
  });
  afterEach(async () => h?.remove());

  it('dry run lists the workshop resources with state, and deletes nothing', async () => {
    await deploy(c, 'naxt-summarizer-abcdef01', ours(sid));
    const report = await cleanup(c, { scope: { sessionId: sid }, dryRun: true, pollMs: 20 });
    expect(report.planned.map((r) => r.kind).sort()).toEqual(['endpoint', 'endpoint-config', 'model']);
    expect(report.planned.find((r) => r.kind === 'endpoint')?.instanceType).toBe('ml.g5.2xlarge');
    expect((await c.sagemaker.send(new ListEndpointsCommand({}))).Endpoints).toHaveLength(1);
  });

  it('deletes everything tagged, in dependency order, and verifies nothing is left', async () => {
    await deploy(c, 'naxt-summarizer-abcdef01', ours(sid));
    await bucket(c, 'naxt-genai-123456789012-abcdef01', ours(sid));
    await waitUntilEndpointInService({ client: c.sagemaker, maxWaitTime: 60, minDelay: 1 }, { EndpointName: 'naxt-summarizer-abcdef01' });
    const order: string[] = [];
    const report = await cleanup(c, {
      scope: { sessionId: sid },
      pollMs: 20,
      onEvent: (e) => e.type === 'deleted' && order.push(e.resource.kind),
    });
    expect(report.ok).toBe(true);
    expect(report.left).toEqual([]);
    expect(order.indexOf('endpoint')).toBeLessThan(order.indexOf('endpoint-config'));
    expect(order.indexOf('endpoint-config')).toBeLessThan(order.indexOf('model'));
    expect(order.at(-1)).toBe('s3-bucket');
    expect((await discover(c, { sessionId: sid })).resources).toEqual([]);
  });

  it('never touches untagged resources with workshop-like names', async () => {
    await deploy(c, 'naxt-summarizer-lookalike');
    await bucket(c, 'naxt-genai-123456789012-lookalike');
    await deploy(c, 'naxt-summarizer-abcdef01', ours(sid));
    await bucket(c, 'naxt-genai-123456789012-abcdef01', ours(sid));
    const report = await cleanup(c, { pollMs: 20 });
    expect(report.ok).toBe(true);
    expect((await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'naxt-summarizer-lookalike' }))).EndpointName).toBe(
      'naxt-summarizer-lookalike',
    );
    expect((await c.sagemaker.send(new ListModelsCommand({}))).Models?.map((m) => m.ModelName)).toEqual(['naxt-summarizer-lookalike']);
    expect((await c.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['naxt-genai-123456789012-lookalike']);
  });

  it('ends clean despite throttling and a delete that fails once', async () => {
    await deploy(c, 'naxt-summarizer-abcdef01', ours(sid));
    await deploy(c, 'naxt-chatbot-abcdef01', ours(sid));
    h.runner.sandbox!.setFaults({
      throttle: 0.3,
      once: [
        { op: 'DeleteEndpoint', error: 'ThrottlingException' },
        { op: 'DeleteModel', error: 'InternalFailure' },
      ],
    });
    const retries: string[] = [];
    const report = await cleanup(c, {
      scope: { sessionId: sid },
      pollMs: 20,
      maxAttempts: 20,
      onEvent: (e) => e.type === 'retry' && retries.push(e.reason),
    });
    h.runner.sandbox!.setFaults({});
    expect(retries.length).toBeGreaterThan(0);
    expect(report.failed.map((f) => `${f.resource.kind} ${f.reason}`)).toEqual([]);
    expect(report.ok).toBe(true);
    expect((await discover(c, { sessionId: sid })).resources).toEqual([]);
  });

  it('finishes the job when previous runs were killed at several points', async () => {
    await deploy(c, 'naxt-m-a-abcdef01', ours(sid));
    await bucket(c, 'naxt-genai-123456789012-abcdef01', ours(sid));
    await deploy(c, 'naxt-m-untagged');
    await h.stop();
    const cli = (killAfterMs?: number) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'runner/cli/cleanup.ts', '--yes', '--all-sessions', '--data-dir', h.dataDir, '--time-scale', '20000'],
          { stdio: 'ignore' },
        );
        const timer = killAfterMs ? setTimeout(() => child.kill('SIGKILL'), killAfterMs) : undefined;
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
    for (const at of [600, 1200, 1800]) await cli(at);
    expect(await cli()).toBe(0);
    h = await testRunner(['--time-scale', '20000'], h.dataDir);
    c = h.runner.target.clients();
    expect((await discover(c, {})).resources).toEqual([]);
    expect((await c.sagemaker.send(new ListEndpointsCommand({}))).Endpoints?.map((e) => e.EndpointName)).toEqual(['naxt-m-untagged']);
  }, 60_000);
});

describe('cleanup after the whole of lab 00', () => {
  it('leaves the account as fresh as it found it: role, bucket and datasets gone; lab 00 verifies again', async () => {
    const { verifyLabs } = await import('../../runner/labs/verify.ts');
    const { loadLabs } = await import('../../runner/labs/catalog.ts');
    const h = await testRunner(['--time-scale', '20000']);
    try {
      const labs = (await loadLabs('labs')).filter((l) => l.slug === '00-setup');
      expect((await verifyLabs(h.runner, labs)).every((v) => v.ok)).toBe(true);
      const c = h.runner.target.clients();
      const report = await cleanup(c, { pollMs: 20 });
      expect(report.deleted.map((r) => r.kind).sort()).toEqual(['iam-role', 's3-bucket']);
      expect(report.ok).toBe(true);
      // A fresh account again: every check of lab 00 fails before its step once more.
      expect((await verifyLabs(h.runner, labs)).every((v) => v.ok)).toBe(true);
    } finally {
      await h.remove();
    }
  }, 30_000);
});

describe('cleanup and an endpoint mid-update', () => {
  it('waits out an endpoint stuck in Updating, then deletes it', async () => {
    const { UpdateEndpointCommand, CreateEndpointConfigCommand: CreateConfig } = await import('@aws-sdk/client-sagemaker');
    // A slower clock: the update lasts long enough for the first DeleteEndpoint to be refused.
    const h = await testRunner(['--time-scale', '300']);
    try {
      const c = h.runner.target.clients();
      await deploy(c, 'naxt-updating-abcdef01', ours('abcdef01'));
      await waitUntilEndpointInService({ client: c.sagemaker, maxWaitTime: 60, minDelay: 1 }, { EndpointName: 'naxt-updating-abcdef01' });
      await c.sagemaker.send(
        new CreateConfig({
          EndpointConfigName: 'naxt-updating-v2',
          ProductionVariants: [
            { VariantName: 'AllTraffic', ModelName: 'naxt-updating-abcdef01', InstanceType: 'ml.g5.xlarge', InitialInstanceCount: 1 },
          ],
          Tags: ours('abcdef01'),
        }),
      );
      await c.sagemaker.send(new UpdateEndpointCommand({ EndpointName: 'naxt-updating-abcdef01', EndpointConfigName: 'naxt-updating-v2' }));
      expect((await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'naxt-updating-abcdef01' }))).EndpointStatus).toBe(
        'Updating',
      );
      const retries: string[] = [];
      const report = await cleanup(c, {
        scope: { sessionId: 'abcdef01' },
        pollMs: 100,
        maxAttempts: 30,
        onEvent: (e) => e.type === 'retry' && retries.push(e.reason),
      });
      expect(retries.some((r) => /in-progress endpoint/.test(r))).toBe(true);
      expect(report.ok).toBe(true);
      expect((await c.sagemaker.send(new ListEndpointsCommand({}))).Endpoints).toEqual([]);
    } finally {
      await h.remove();
    }
  }, 60_000);
});

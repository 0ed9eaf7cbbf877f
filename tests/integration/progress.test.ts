import { describe, expect, it } from 'vitest';
import type { CellEvent, ProgressEvent } from '../../runner/contracts.ts';
import { learnerSession } from './harness.ts';

const progressOf = (events: CellEvent[]) => events.filter((e): e is ProgressEvent => e.type === 'progress');

// A slow clock (time scale 120: a six-minute endpoint creation takes three seconds) so a waiter sees it move,
// and every job fails, as `npm start -- --faults fail-jobs=1` makes them.
describe('progress of long operations in cell output', () => {
  const s = learnerSession(['--time-scale', '120', '--faults', 'fail-jobs=1']);

  it('shows an endpoint that a waiter waits for going Creating → InService, with elapsed time and a determinate fraction', async () => {
    const events = await s.api.run(
      s.sid,
      '01-filter-deploy',
      'deploy',
      `
      import { SageMakerClient, CreateModelCommand, CreateEndpointConfigCommand, CreateEndpointCommand, waitUntilEndpointInService } from '@aws-sdk/client-sagemaker';
      const sm = new SageMakerClient({});
      const name = 'naxt-progress-probe';
      await sm.send(new CreateModelCommand({ ModelName: name, ExecutionRoleArn: workshop.roleArn, PrimaryContainer: { Image: 'tgi', Environment: { HF_MODEL_ID: 'huggingface-llm-qwen2-1-5b-instruct' } }, Tags: workshop.tags }));
      await sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: name, ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: name, InstanceType: 'ml.g5.xlarge', InitialInstanceCount: 1 }], Tags: workshop.tags }));
      await sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name, Tags: workshop.tags }));
      await waitUntilEndpointInService({ client: sm, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { EndpointName: name });
      'in service'`,
    );
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'ok' });
    const bars = progressOf(events);
    expect(bars.length).toBeGreaterThanOrEqual(3);
    expect(new Set(bars.map((b) => b.id))).toEqual(new Set(['endpoint:naxt-progress-probe']));
    expect(bars[0]).toMatchObject({ kind: 'endpoint', name: 'naxt-progress-probe', status: 'Creating', state: 'running' });
    expect(bars.at(-1)).toMatchObject({ status: 'InService', state: 'succeeded', fraction: 1 });
    const creating = bars.filter((b) => b.status === 'Creating');
    expect(creating.length).toBeGreaterThanOrEqual(2);
    // Elapsed time grows poll after poll; the estimate is the typical six minutes on the sandbox's clock (3 s).
    for (let i = 1; i < bars.length; i++) expect(bars[i].elapsedMs).toBeGreaterThan(bars[i - 1].elapsedMs);
    for (const b of creating) {
      expect(b.estimateMs).toBe(3000);
      expect(b.realAccountMs).toBe(360_000);
      expect(b.fraction).toBeGreaterThanOrEqual(0);
      expect(b.fraction).toBeLessThan(1);
    }
    expect(creating.at(-1)!.fraction!).toBeGreaterThan(creating[0].fraction!);
  });

  it('ends a failed training job with a Failed progress event that carries the reason', async () => {
    const events = await s.api.run(
      s.sid,
      '04-customize',
      'train',
      `
      import { SageMakerClient, CreateTrainingJobCommand, DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker';
      import { S3Client, CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
      const s3 = new S3Client({ forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: workshop.bucket }));
      const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ instruction: 'How do I order a laptop? ' + i, response: 'Please raise a request in the IT portal.' })).join('\\n');
      await s3.send(new PutObjectCommand({ Bucket: workshop.bucket, Key: 'fine-tuning/train/train.jsonl', Body: lines }));
      const sm = new SageMakerClient({});
      const TrainingJobName = 'naxt-progress-train';
      await sm.send(new CreateTrainingJobCommand({
        TrainingJobName, RoleArn: workshop.roleArn,
        AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'File' },
        InputDataConfig: [{ ChannelName: 'training', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://' + workshop.bucket + '/fine-tuning/train/' } } }],
        OutputDataConfig: { S3OutputPath: 's3://' + workshop.bucket + '/out' },
        ResourceConfig: { InstanceType: 'ml.g5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 }, Tags: workshop.tags,
      }));
      let job;
      do {
        await new Promise((r) => setTimeout(r, 500));
        job = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName }));
      } while (job.TrainingJobStatus === 'InProgress');
      job.TrainingJobStatus`,
    );
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'ok' });
    const bars = progressOf(events);
    expect(bars[0]).toMatchObject({ kind: 'training-job', name: 'naxt-progress-train', status: 'InProgress', state: 'running' });
    expect(bars.some((b) => b.detail === 'Starting' || b.detail === 'Downloading' || b.detail === 'Training')).toBe(true);
    const last = bars.at(-1)!;
    expect(last).toMatchObject({ status: 'Failed', state: 'failed', detail: 'Failed' });
    expect(last.reason).toMatch(/AlgorithmError/);
    expect(bars.filter((b) => b.state !== 'running')).toHaveLength(1);
  });

  it('shows no progress for a cell that only lists and reads things', async () => {
    const events = await s.api.run(
      s.sid,
      '01-filter-deploy',
      'deploy',
      `
      import { SageMakerClient, ListEndpointsCommand, ListTrainingJobsCommand, DescribeEndpointCommand } from '@aws-sdk/client-sagemaker';
      const sm = new SageMakerClient({});
      const endpoints = (await sm.send(new ListEndpointsCommand({}))).Endpoints ?? [];
      const jobs = (await sm.send(new ListTrainingJobsCommand({}))).TrainingJobSummaries ?? [];
      // An endpoint that is already up is only being read: no bar.
      await sm.send(new DescribeEndpointCommand({ EndpointName: 'naxt-progress-probe' }));
      [endpoints.length, jobs.length]`,
    );
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'ok' });
    expect(events.find((e) => e.type === 'result')).toMatchObject({ text: '[ 1, 1 ]' });
    expect(progressOf(events)).toEqual([]);
  });
});

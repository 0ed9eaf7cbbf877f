import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreatePipelineCommand,
  DescribeEndpointCommand,
  ListPipelineExecutionsCommand,
  ListPipelineExecutionStepsCommand,
  ListProcessingJobsCommand,
  ListTrainingJobsCommand,
  StartPipelineExecutionCommand,
  waitUntilEndpointInService,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { testRunner } from '../integration/harness.ts';
import { ROLE } from './deploy.ts';

// Slow enough that the runner can be stopped between steps: processing 5 min → 2 s, training 10 min → 4 s.
const SLOW = ['--time-scale', '150'];
const BUCKET = 'naxt-genai-restart';
const PIPELINE = 'naxt-restart-pipeline';

const processing = (name: string, extra: Record<string, unknown> = {}) => ({
  Name: name,
  Type: 'Processing',
  Arguments: {
    AppSpecification: { ImageUri: 'evaluate' },
    ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } },
    ProcessingOutputConfig: {
      Outputs: [
        { OutputName: 'out', S3Output: { S3Uri: `s3://${BUCKET}/${name}`, LocalPath: '/opt/ml/processing/out', S3UploadMode: 'EndOfJob' } },
      ],
    },
    RoleArn: ROLE,
    ...extra,
  },
});

const definition = {
  Version: '2020-12-01',
  Parameters: [{ Name: 'Epochs', Type: 'String', DefaultValue: '2' }],
  Steps: [
    processing('Prepare'),
    {
      Name: 'FineTune',
      Type: 'Training',
      DependsOn: ['Prepare'],
      Arguments: {
        AlgorithmSpecification: { TrainingImage: 'train', TrainingInputMode: 'File' },
        HyperParameters: { model_id: 'huggingface-llm-qwen2-1-5b-instruct', epoch: { Get: 'Parameters.Epochs' } },
        InputDataConfig: [
          { ChannelName: 'training', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/train/` } } },
        ],
        OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/models` },
        ResourceConfig: { InstanceType: 'ml.g5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 100 },
        RoleArn: ROLE,
      },
    },
    processing('Evaluate', {
      ProcessingInputs: [
        {
          InputName: 'model',
          S3Input: {
            S3Uri: { Get: 'Steps.FineTune.ModelArtifacts.S3ModelArtifacts' },
            LocalPath: '/opt/ml/processing/model',
            S3DataType: 'S3Prefix',
            S3InputMode: 'File',
          },
        },
      ],
    }),
  ],
};

const steps = async (sm: SageMakerClient, arn: string) =>
  Object.fromEntries(
    ((await sm.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn }))).PipelineExecutionSteps ?? []).map((s) => [
      s.StepName!,
      s,
    ]),
  );

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the sandbox account survives a runner restart', () => {
  let dir = '';
  const running: Awaited<ReturnType<typeof testRunner>>[] = [];
  afterAll(async () => {
    for (const h of running) await h.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a pipeline stopped mid-run resumes from its last finished step, and a Creating endpoint comes up', async () => {
    dir = await mkdtemp(join(tmpdir(), 'naxt-restart-'));
    const first = await testRunner(SLOW, dir);
    running.push(first);
    const c1 = first.runner.target.clients();
    await c1.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const pairs = [
      { instruction: 'How do I order a laptop?', response: 'Open a ticket in the Naxt service portal under Hardware.' },
      { instruction: 'Who approves travel?', response: 'Your line manager approves travel before you book.' },
      { instruction: 'How do I book a meeting room?', response: 'Use the office space tool in the intranet.' },
    ];
    await c1.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'train/data.jsonl', Body: pairs.map((p) => JSON.stringify(p)).join('\n') }),
    );
    await c1.sagemaker.send(
      new CreatePipelineCommand({ PipelineName: PIPELINE, PipelineDefinition: JSON.stringify(definition), RoleArn: ROLE }),
    );
    const { PipelineExecutionArn: arn } = await c1.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: PIPELINE }));

    // Mid-run: the first step has finished and the training step is running.
    const before = await until('FineTune to start', async () => {
      const s = await steps(c1.sagemaker, arn!);
      return s.Prepare?.StepStatus === 'Succeeded' && s.FineTune?.StepStatus === 'Executing' ? s : undefined;
    });
    await c1.sagemaker.send(
      new CreateModelCommand({
        ModelName: 'naxt-restart',
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: 'tgi', Environment: { HF_MODEL_ID: 'huggingface-llm-gemma-2b-instruct' } },
      }),
    );
    await c1.sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'naxt-restart',
        ProductionVariants: [
          { VariantName: 'AllTraffic', ModelName: 'naxt-restart', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 },
        ],
      }),
    );
    await c1.sagemaker.send(new CreateEndpointCommand({ EndpointName: 'naxt-restart', EndpointConfigName: 'naxt-restart' }));
    expect((await c1.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'naxt-restart' }))).EndpointStatus).toBe('Creating');
    await first.stop();

    const second = await testRunner(SLOW, dir);
    running.push(second);
    const c2 = second.runner.target.clients();
    // Listing does not poke the execution: it must go on by itself after the restart.
    const status = await until('the execution to finish', async () => {
      const e = (await c2.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: PIPELINE }))).PipelineExecutionSummaries?.find(
        (x) => x.PipelineExecutionArn === arn,
      );
      return e?.PipelineExecutionStatus === 'Executing' ? undefined : e?.PipelineExecutionStatus;
    });
    const after = await steps(c2.sagemaker, arn!);
    expect(status).toBe('Succeeded');
    expect(
      Object.values(after)
        .map((s) => `${s.StepName}:${s.StepStatus}`)
        .sort(),
    ).toEqual(['Evaluate:Succeeded', 'FineTune:Succeeded', 'Prepare:Succeeded']);
    // Resumed, not redone: the finished step kept its time, and each job ran once.
    expect(after.Prepare.StartTime).toEqual(before.Prepare.StartTime);
    expect(after.FineTune.Metadata?.TrainingJob?.Arn).toMatch(/training-job\/pipelines-/);
    expect((await c2.sagemaker.send(new ListTrainingJobsCommand({}))).TrainingJobSummaries?.length).toBe(1);
    expect((await c2.sagemaker.send(new ListProcessingJobsCommand({}))).ProcessingJobSummaries?.length).toBe(2);

    await waitUntilEndpointInService({ client: c2.sagemaker, maxWaitTime: 30, minDelay: 1 }, { EndpointName: 'naxt-restart' });
    expect((await c2.sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'naxt-restart' }))).EndpointStatus).toBe('InService');
  }, 60_000);
});

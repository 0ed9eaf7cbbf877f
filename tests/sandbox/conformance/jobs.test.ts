import { describe, expect, it } from 'vitest';
import {
  CreateProcessingJobCommand,
  CreateTrainingJobCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
  ResourceInUse,
  ResourceLimitExceeded,
  StopProcessingJobCommand,
  StopTrainingJobCommand,
  paginateListProcessingJobs,
  paginateListTrainingJobs,
  waitUntilProcessingJobCompletedOrStopped,
  waitUntilTrainingJobCompletedOrStopped,
  type CreateTrainingJobCommandInput,
} from '@aws-sdk/client-sagemaker';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { ROLE, IMAGE, arn, conformance, failure, fast, trainingData } from './fixture.ts';

const t = conformance();

const training = (name: string, data: string, instance = 'ml.g5.xlarge'): CreateTrainingJobCommandInput => ({
  TrainingJobName: name,
  RoleArn: ROLE,
  AlgorithmSpecification: {
    TrainingImage: IMAGE,
    TrainingInputMode: 'File',
    MetricDefinitions: [{ Name: 'train:loss', Regex: "'loss': ([0-9]+\\.[0-9]+)" }],
  },
  HyperParameters: { model_id: 'huggingface-llm-gemma-2b-instruct', epoch: '2' },
  InputDataConfig: [{ ChannelName: 'training', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: data } } }],
  OutputDataConfig: { S3OutputPath: 's3://naxt-jobs/output' },
  ResourceConfig: { InstanceType: instance as 'ml.g5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
  StoppingCondition: { MaxRuntimeInSeconds: 3600 },
});

const processing = (name: string) => ({
  ProcessingJobName: name,
  RoleArn: ROLE,
  AppSpecification: { ImageUri: IMAGE },
  ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge' as const, InstanceCount: 1, VolumeSizeInGB: 30 } },
});

describe('training and processing jobs', () => {
  it('a training job goes InProgress (Starting…) to Completed with its secondary statuses, artifact and metrics', async () => {
    const data = await trainingData(t.s3, 'naxt-jobs');
    const { TrainingJobArn } = await t.sm.send(new CreateTrainingJobCommand(training('tj-ok', data)));
    expect(TrainingJobArn).toBe(arn('training-job', 'tj-ok'));
    const first = await t.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'tj-ok' }));
    expect([first.TrainingJobStatus, first.SecondaryStatus]).toEqual(['InProgress', 'Starting']);
    expect((await waitUntilTrainingJobCompletedOrStopped({ client: t.sm, ...fast }, { TrainingJobName: 'tj-ok' })).state).toBe('SUCCESS');
    const d = await t.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'tj-ok' }));
    expect([d.TrainingJobStatus, d.SecondaryStatus]).toEqual(['Completed', 'Completed']);
    expect(d.SecondaryStatusTransitions?.map((s) => s.Status)).toEqual(['Starting', 'Downloading', 'Training', 'Uploading', 'Completed']);
    expect(d.TrainingEndTime!.getTime()).toBeGreaterThan(d.TrainingStartTime!.getTime());
    expect(d.FinalMetricDataList?.length).toBeGreaterThan(0);
    const artifact = new URL(d.ModelArtifacts!.S3ModelArtifacts!.replace('s3://', 'https://'));
    const head = await t.s3.send(new HeadObjectCommand({ Bucket: artifact.hostname, Key: artifact.pathname.slice(1) }));
    expect(head.ContentLength).toBeGreaterThan(0);
  });

  it('StopTrainingJob: Stopping, then Stopped (the waiter accepts it); a stopped job cannot be stopped again', async () => {
    const data = await trainingData(t.s3, 'naxt-jobs');
    await t.sm.send(new CreateTrainingJobCommand(training('tj-stop', data)));
    await t.sm.send(new StopTrainingJobCommand({ TrainingJobName: 'tj-stop' }));
    const stopping = await t.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'tj-stop' }));
    expect([stopping.TrainingJobStatus, stopping.SecondaryStatus]).toEqual(['Stopping', 'Stopping']);
    await waitUntilTrainingJobCompletedOrStopped({ client: t.sm, ...fast }, { TrainingJobName: 'tj-stop' });
    const d = await t.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'tj-stop' }));
    expect([d.TrainingJobStatus, d.SecondaryStatus]).toEqual(['Stopped', 'Stopped']);
    expect((await failure(t.sm.send(new StopTrainingJobCommand({ TrainingJobName: 'tj-stop' })))).name).toBe('ValidationException');
  });

  it('training errors: a taken name is ResourceInUse, a missing job "Requested resource not found.", quota ResourceLimitExceeded', async () => {
    const data = await trainingData(t.s3, 'naxt-jobs');
    const dup = await failure(t.sm.send(new CreateTrainingJobCommand(training('tj-ok', data))));
    expect(dup).toBeInstanceOf(ResourceInUse);
    expect(dup.message).toBe(
      `Training job names must be unique within an AWS account and region, and a training job with this name already exists (${arn('training-job', 'tj-ok')})`,
    );
    const missing = await failure(t.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'tj-none' })));
    expect([missing.name, missing.message]).toEqual(['ValidationException', 'Requested resource not found.']);
    await t.sm.send(new CreateTrainingJobCommand(training('tj-q1', data, 'ml.g5.2xlarge')));
    const quota = await failure(t.sm.send(new CreateTrainingJobCommand(training('tj-q2', data, 'ml.g5.2xlarge'))));
    expect(quota).toBeInstanceOf(ResourceLimitExceeded);
    expect(quota.message).toContain(
      "'ml.g5.2xlarge for training job usage' is 1 Instances, with current utilization of 1 Instances and a request delta of 1 Instances",
    );
    const badType = await failure(t.sm.send(new CreateTrainingJobCommand(training('tj-bad', data, 'huge'))));
    expect(badType.message).toMatch(
      /Value 'huge' at 'resourceConfig.instanceType' failed to satisfy constraint: Member must satisfy enum value set/,
    );
    await t.sm.send(new StopTrainingJobCommand({ TrainingJobName: 'tj-q1' }));
  });

  it('a processing job completes (waiter), can be stopped, and a missing one is a ValidationException', async () => {
    await t.sm.send(new CreateProcessingJobCommand(processing('pj-ok')));
    expect((await t.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'pj-ok' }))).ProcessingJobStatus).toBe('InProgress');
    await waitUntilProcessingJobCompletedOrStopped({ client: t.sm, ...fast }, { ProcessingJobName: 'pj-ok' });
    const done = await t.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'pj-ok' }));
    expect(done).toMatchObject({ ProcessingJobStatus: 'Completed', ProcessingJobArn: arn('processing-job', 'pj-ok') });
    expect(done.ProcessingEndTime).toBeInstanceOf(Date);

    await t.sm.send(new CreateProcessingJobCommand(processing('pj-stop')));
    await t.sm.send(new StopProcessingJobCommand({ ProcessingJobName: 'pj-stop' }));
    expect((await t.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'pj-stop' }))).ProcessingJobStatus).toBe('Stopping');
    await waitUntilProcessingJobCompletedOrStopped({ client: t.sm, ...fast }, { ProcessingJobName: 'pj-stop' });
    expect((await t.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'pj-stop' }))).ProcessingJobStatus).toBe('Stopped');

    expect(await failure(t.sm.send(new CreateProcessingJobCommand(processing('pj-ok'))))).toBeInstanceOf(ResourceInUse);
    const missing = await failure(t.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'pj-none' })));
    expect([missing.name, missing.message]).toEqual(['ValidationException', 'Could not find requested job with name pj-none']);
  });

  it('paginates training and processing jobs with a status filter', async () => {
    const names: string[] = [];
    for await (const p of paginateListTrainingJobs(
      { client: t.sm, pageSize: 1 },
      { NameContains: 'tj-', SortBy: 'Name', SortOrder: 'Ascending' },
    ))
      names.push(...p.TrainingJobSummaries!.map((j) => j.TrainingJobName!));
    expect(names).toEqual(['tj-ok', 'tj-q1', 'tj-stop']);
    const completed: string[] = [];
    for await (const p of paginateListProcessingJobs({ client: t.sm, pageSize: 1 }, { StatusEquals: 'Completed' }))
      completed.push(...p.ProcessingJobSummaries!.map((j) => `${j.ProcessingJobName}:${j.ProcessingJobStatus}`));
    expect(completed).toEqual(['pj-ok:Completed']);
  });
});

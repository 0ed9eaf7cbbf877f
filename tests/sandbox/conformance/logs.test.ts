import { afterEach, describe, expect, it } from 'vitest';
import { CreateTrainingJobCommand, waitUntilTrainingJobCompletedOrStopped } from '@aws-sdk/client-sagemaker';
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { conformance, fast, IMAGE, ROLE, trainingData } from './fixture.ts';
import { lossPerEpoch, trainingLogLines } from '../../../labs/lib/training-log.ts';

const t = conformance();
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});
/** Points the default credential chain and endpoints at the sandbox, as a kernel's environment does. */
const asKernel = () => Object.assign(process.env, t.env());

async function startJob(name: string) {
  const data = await trainingData(t.s3, 'naxt-logs');
  await t.sm.send(
    new CreateTrainingJobCommand({
      TrainingJobName: name,
      RoleArn: ROLE,
      AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' },
      HyperParameters: { model_id: 'huggingface-llm-gemma-2b-instruct', epoch: '3', learning_rate: '0.0001' },
      InputDataConfig: [{ ChannelName: 'training', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: data } } }],
      OutputDataConfig: { S3OutputPath: 's3://naxt-logs/out' },
      ResourceConfig: { InstanceType: 'ml.g5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    }),
  );
}

describe('CloudWatch Logs: training job logs', () => {
  it('FilterLogEvents on /aws/sagemaker/TrainingJobs returns the job log as it advances: nothing while starting, every epoch once done', async () => {
    asKernel();
    await startJob('logs-tj');
    expect(await trainingLogLines('logs-tj')).toEqual([]);
    await waitUntilTrainingJobCompletedOrStopped({ client: t.sm, ...fast }, { TrainingJobName: 'logs-tj' });
    const lines = await trainingLogLines('logs-tj');
    expect(lines[0]).toMatch(/^Loaded 8 instruction\/response records/);
    expect(lossPerEpoch(lines).map((l) => l.epoch)).toEqual([1, 2, 3]);
    expect(lines.at(-1)).toMatch(/^Saved model artifact to s3:\/\/naxt-logs\/out\/logs-tj\/output\/model\.tar\.gz$/);
  });

  it('names the stream <job>/algo-1-<epoch seconds> and keeps events in time order', async () => {
    const env = t.env();
    const logs = new CloudWatchLogsClient({
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    });
    const streams = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: 'logs-tj/' }),
    );
    const names = (streams.logStreams ?? []).map((s) => s.logStreamName!);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^logs-tj\/algo-1-\d{10}$/);
    const { events = [] } = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNames: names }),
    );
    expect(events.length).toBeGreaterThan(3);
    expect(events.map((e) => e.timestamp)).toEqual([...events.map((e) => e.timestamp)].sort((a, b) => a! - b!));

    const missing = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/nope' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect((missing as Error).message).toBe('The specified log group does not exist.');
    // Like every sandbox service, it answers only requests signed with the launch's keys.
    const stranger = new CloudWatchLogsClient({
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: 'not-the-launch-secret' },
    });
    const refused = await stranger
      .send(new FilterLogEventsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs' }))
      .catch((e: { $metadata?: { httpStatusCode?: number } }) => e);
    expect((refused as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(403);
  });
});

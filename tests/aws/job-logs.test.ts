import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SageMakerClient, DescribeTrainingJobCommand, DescribeProcessingJobCommand } from '@aws-sdk/client-sagemaker';
import { CloudWatchLogsClient, FilterLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { followJob } from '../../runner/terminal/logs.ts';
import type { CheckClients } from '../../runner/checks/types.ts';

// Recorded shapes of a real account's answers: a JumpStart fine-tune going from Starting to Completed.
const stream = 'naxt-tune-1/algo-1-1764576000';
const event = (id: number, message: string) => ({
  logStreamName: stream,
  timestamp: 1764576000000 + id * 1000,
  ingestionTime: 1764576000500 + id * 1000,
  message,
  eventId: `3876${id}`,
});

describe('.logs on a real account', () => {
  it('prints status changes and each CloudWatch log line once, until the job ends', async () => {
    const sm = mockClient(SageMakerClient);
    const logs = mockClient(CloudWatchLogsClient);
    sm.on(DescribeTrainingJobCommand)
      .resolvesOnce({ TrainingJobStatus: 'InProgress', SecondaryStatus: 'Starting' })
      .resolvesOnce({ TrainingJobStatus: 'InProgress', SecondaryStatus: 'Training' })
      .resolves({ TrainingJobStatus: 'Completed', SecondaryStatus: 'Completed' });
    logs
      .on(FilterLogEventsCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: {} }))
      .resolvesOnce({ events: [event(1, "{'loss': 2.1, 'epoch': 1.0}\n")], nextToken: 'page-2' })
      .resolvesOnce({ events: [event(2, "{'loss': 1.7, 'epoch': 2.0}")] })
      // CloudWatch answers from startTime inclusive: the last event comes again and must not print twice.
      .resolves({ events: [event(2, "{'loss': 1.7, 'epoch': 2.0}"), event(3, 'Training complete')] });
    const clients = {
      sagemaker: new SageMakerClient({ region: 'us-east-1' }),
      logs: new CloudWatchLogsClient({ region: 'us-east-1' }),
    } as unknown as CheckClients;
    const out: string[] = [];
    await followJob(() => clients, 1)('naxt-tune-1', (l) => out.push(l), new AbortController().signal);
    expect(out).toEqual([
      '[InProgress · Starting]',
      '[InProgress · Training]',
      "{'loss': 2.1, 'epoch': 1.0}",
      "{'loss': 1.7, 'epoch': 2.0}",
      '[Completed · Completed]',
      'Training complete',
    ]);
    const calls = logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input);
    expect(calls[0]).toMatchObject({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: 'naxt-tune-1/' });
    expect(calls[2]).toMatchObject({ nextToken: 'page-2' });
    expect(calls.at(-1)?.startTime).toBe(1764576002000);
    sm.restore();
    logs.restore();
  });

  it('says why when the log cannot be read, and still follows the status', async () => {
    const sm = mockClient(SageMakerClient);
    const logs = mockClient(CloudWatchLogsClient);
    sm.on(DescribeTrainingJobCommand).rejects(new Error('not a training job'));
    sm.on(DescribeProcessingJobCommand)
      .resolvesOnce({ ProcessingJobStatus: 'InProgress' })
      .resolves({ ProcessingJobStatus: 'Failed', FailureReason: 'ClientError: no data' });
    logs
      .on(FilterLogEventsCommand)
      .rejects(Object.assign(new Error('User is not authorized to perform: logs:FilterLogEvents'), { name: 'AccessDeniedException' }));
    const clients = {
      sagemaker: new SageMakerClient({ region: 'us-east-1' }),
      logs: new CloudWatchLogsClient({ region: 'us-east-1' }),
    } as unknown as CheckClients;
    const out: string[] = [];
    await followJob(() => clients, 1)('naxt-eval-1', (l) => out.push(l), new AbortController().signal);
    expect(out).toEqual([
      '[InProgress]',
      "(the job's log cannot be read: AccessDeniedException: User is not authorized to perform: logs:FilterLogEvents)",
      '[Failed · ClientError: no data]',
    ]);
    expect(logs.commandCalls(FilterLogEventsCommand)[0].args[0].input.logGroupName).toBe('/aws/sagemaker/ProcessingJobs');
    sm.restore();
    logs.restore();
  });
});

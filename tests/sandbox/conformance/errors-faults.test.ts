import { describe, expect, it } from 'vitest';
import {
  CreateEndpointCommand,
  CreateTrainingJobCommand,
  DescribeEndpointCommand,
  DescribeTrainingJobCommand,
  ListModelsCommand,
  waitUntilEndpointInService,
  waitUntilTrainingJobCompletedOrStopped,
} from '@aws-sdk/client-sagemaker';
import { ROLE, IMAGE, conformance, failure, fast, modelAndConfig, trainingData } from './fixture.ts';

// Started as `npm start -- --faults throttle=1`: every control-plane call is throttled until the test lifts it.
const t = conformance({ args: ['--faults', 'throttle=1'] });

describe('faults and protocol errors', () => {
  it('--faults throttle=1 throttles control-plane calls with ThrottlingException (HTTP 400, retryable by the SDK)', async () => {
    const e = await failure(t.sm.send(new ListModelsCommand({})));
    expect(e.name).toBe('ThrottlingException');
    expect(e.message).toBe('Rate exceeded');
    expect(e.$metadata?.httpStatusCode).toBe(400);
    t.sandbox.setFaults({});
    expect((await t.sm.send(new ListModelsCommand({}))).Models).toEqual([]);
  });

  it('the SDK retries a one-off throttle and succeeds on its second attempt', async () => {
    t.sandbox.setFaults({ once: [{ op: 'ListModels', error: 'ThrottlingException' }] });
    const out = await t.retrying().send(new ListModelsCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    expect(out.Models).toEqual([]);
  });

  it("a capacity fault fails the endpoint creation: the waiter reports failure and the reason is AWS's", async () => {
    await modelAndConfig(t.sm, 'flt-ep');
    t.sandbox.setFaults({ capacity: 1 });
    await t.sm.send(new CreateEndpointCommand({ EndpointName: 'flt-ep', EndpointConfigName: 'flt-ep' }));
    t.sandbox.setFaults({});
    const e = await failure(waitUntilEndpointInService({ client: t.sm, ...fast }, { EndpointName: 'flt-ep' }));
    expect(e.message).toContain('FAILURE');
    const d = await t.sm.send(new DescribeEndpointCommand({ EndpointName: 'flt-ep' }));
    expect([d.EndpointStatus, d.FailureReason]).toEqual([
      'Failed',
      'Unable to provision requested ML compute capacity. Please retry using a different ML instance type.',
    ]);
  });

  it('a job fault fails the training job with an AlgorithmError; the waiter reports failure', async () => {
    const data = await trainingData(t.s3, 'naxt-faults');
    t.sandbox.setFaults({ failJobs: 1 });
    await t.sm.send(
      new CreateTrainingJobCommand({
        TrainingJobName: 'flt-tj',
        RoleArn: ROLE,
        AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' },
        HyperParameters: { model_id: 'huggingface-llm-gemma-2b-instruct' },
        InputDataConfig: [{ ChannelName: 'training', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: data } } }],
        OutputDataConfig: { S3OutputPath: 's3://naxt-faults/out' },
        ResourceConfig: { InstanceType: 'ml.g5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      }),
    );
    t.sandbox.setFaults({});
    expect(
      (await failure(waitUntilTrainingJobCompletedOrStopped({ client: t.sm, ...fast }, { TrainingJobName: 'flt-tj' }))).message,
    ).toContain('FAILURE');
    const d = await t.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'flt-tj' }));
    expect([d.TrainingJobStatus, d.SecondaryStatus]).toEqual(['Failed', 'Failed']);
    expect(d.FailureReason).toMatch(/^AlgorithmError: /);
  });
});

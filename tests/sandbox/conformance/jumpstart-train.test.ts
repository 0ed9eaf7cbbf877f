/**
 * "AWS says no" to a JumpStart fine-tune done wrong, and yes to the recipe the SageMaker Python SDK's JumpStart
 * estimator sends (labs/lib/jumpstart.ts `fineTuneJob`). Each case cites where the behaviour is written down.
 */
import { describe, expect, it } from 'vitest';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  waitUntilEndpointInService,
  waitUntilTrainingJobCompletedOrStopped,
  type CreateTrainingJobCommandInput,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ROLE, conformance, failure, fast, trainingData } from './fixture.ts';
import { catalog, hubContentDocument } from '../../../runner/sandbox/sagemaker/hub.ts';
import { fineTuneJob, tunedContainer, type JumpStartTrainingDocument } from '../../../labs/lib/jumpstart.ts';

const t = conformance();
const contentDir = new URL('../../../content', import.meta.url).pathname;
const BASE = 'huggingface-llm-gemma-2b-instruct';
const card = JSON.parse(hubContentDocument(catalog(contentDir).models.find((m) => m.modelId === BASE)!)) as JumpStartTrainingDocument;

async function recipe(name: string): Promise<CreateTrainingJobCommandInput> {
  const trainingUri = await trainingData(t.s3, 'naxt-ft');
  return fineTuneJob(card, {
    jobName: name,
    roleArn: ROLE,
    trainingUri,
    outputPath: 's3://naxt-ft/output',
    hyperparameters: { epoch: '2' },
  });
}

async function finished(name: string) {
  await waitUntilTrainingJobCompletedOrStopped({ client: t.sm, ...fast }, { TrainingJobName: name }).catch(() => undefined);
  return t.sm.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
}

describe('JumpStart fine-tune: what AWS refuses and what it accepts', () => {
  it('a model JumpStart does not fine-tune gets no recipe: the card says TrainingSupported false (SDK pretrainedmodels.rst: Qwen2 1.5B Instruct "Fine Tunable? False")', () => {
    const qwen = JSON.parse(
      hubContentDocument(catalog(contentDir).models.find((m) => m.modelId === 'huggingface-llm-qwen2-1-5b-instruct')!),
    ) as JumpStartTrainingDocument;
    expect(qwen.TrainingSupported).toBe(false);
    expect(() =>
      fineTuneJob(qwen, { jobName: 'ft-qwen', roleArn: ROLE, trainingUri: 's3://naxt-ft/train/', outputPath: 's3://naxt-ft/output' }),
    ).toThrow(/JumpStart does not fine-tune this model/);
  });

  it("the recipe trains: the card's regexes give FinalMetricDataList, the log is the Trainer's, the output is uncompressed", async () => {
    const job = await recipe('ft-recipe');
    // The recipe as the SDK builds it (estimator.py/job.py): strings only, the code and model channels, the card's metrics.
    expect(Object.values(job.HyperParameters!).every((v) => typeof v === 'string')).toBe(true);
    expect(job.HyperParameters).toMatchObject({
      sagemaker_program: 'transfer_learning.py',
      sagemaker_submit_directory: '/opt/ml/input/data/code/sourcedir.tar.gz',
      epoch: '2',
    });
    expect(job.InputDataConfig!.map((c) => c.ChannelName)).toEqual(['training', 'model', 'code']);
    expect(job.InputDataConfig!.find((c) => c.ChannelName === 'model')?.ContentType).toBe('application/x-sagemaker-model');
    expect(job.AlgorithmSpecification!.MetricDefinitions!.map((m) => m.Name)).toEqual([
      'huggingface-textgeneration:eval-loss',
      'huggingface-textgeneration:train-loss',
    ]);
    // Gemma is gated: the SDK's fit(accept_eula=True) accepts its license on the model channel only (inputs.py add_model_access_config).
    expect(job.InputDataConfig!.find((c) => c.ChannelName === 'model')?.DataSource?.S3DataSource?.ModelAccessConfig).toEqual({
      AcceptEula: true,
    });
    expect(job.InputDataConfig!.find((c) => c.ChannelName === 'training')?.DataSource?.S3DataSource?.ModelAccessConfig).toBeUndefined();

    await t.sm.send(new CreateTrainingJobCommand(job));
    const d = await finished('ft-recipe');
    expect(d.TrainingJobStatus).toBe('Completed');
    const metrics = Object.fromEntries((d.FinalMetricDataList ?? []).map((m) => [m.MetricName, m.Value]));
    expect(Object.keys(metrics).sort()).toEqual(['huggingface-textgeneration:eval-loss', 'huggingface-textgeneration:train-loss']);
    expect(metrics['huggingface-textgeneration:train-loss']).toBeGreaterThan(0);

    // The log lines are Hugging Face Trainer's records; the card's regex reads the last one's loss.
    const env = t.env();
    const logs = new CloudWatchLogsClient({
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    });
    const events =
      (await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: 'ft-recipe/' })))
        .events ?? [];
    const lossLines = events.map((e) => e.message ?? '').filter((l) => /^\{'loss': \d+\.\d+, 'learning_rate': /.test(l));
    expect(lossLines).toHaveLength(2);
    expect(Number(/'loss': ([0-9]+\.[0-9]+)/.exec(lossLines[1])![1])).toBe(metrics['huggingface-textgeneration:train-loss']);

    // DisableOutputCompression (the card) → CompressionType NONE: the weights stay a prefix under output/model/.
    expect(d.ModelArtifacts?.S3ModelArtifacts).toBe('s3://naxt-ft/output/ft-recipe/output/model/');
    const listed = await t.s3.send(new ListObjectsV2Command({ Bucket: 'naxt-ft', Prefix: 'output/ft-recipe/output/model/' }));
    expect(listed.KeyCount).toBeGreaterThan(0);
  });

  it("the fine-tune serves from its uncompressed prefix with the base model's image and environment", async () => {
    const name = 'ft-serve';
    const d = await finished('ft-recipe');
    await t.sm.send(
      new CreateModelCommand({
        ModelName: name,
        ExecutionRoleArn: ROLE,
        PrimaryContainer: tunedContainer(card, 'ml.g5.2xlarge', d.ModelArtifacts!.S3ModelArtifacts!),
      }),
    );
    await t.sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: name,
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: name, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
      }),
    );
    await t.sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name }));
    await waitUntilEndpointInService({ client: t.sm, ...fast }, { EndpointName: name });
    const env = t.env();
    const runtime = new SageMakerRuntimeClient({
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    });
    const r = await runtime.send(
      new InvokeEndpointCommand({
        EndpointName: name,
        ContentType: 'application/json',
        Body: JSON.stringify({ inputs: 'How do I order a laptop number 3?' }),
      }),
    );
    const [{ generated_text }] = JSON.parse(new TextDecoder().decode(r.Body)) as { generated_text: string }[];
    // The fine-tune recalls what it was taught; the base model would not know the IT portal.
    expect(generated_text).toContain('IT portal');
  });

  it('a hyperparameter that is not a string is refused at the call', async () => {
    // botocore HyperParameters: map of HyperParameterKey to HyperParameterValue, both strings; a JSON number there
    // cannot be read into the request (awsJson1_1: SerializationException).
    const job = await recipe('ft-number');
    const err = await failure(
      t.sm.send(new CreateTrainingJobCommand({ ...job, HyperParameters: { ...job.HyperParameters, epoch: 3 as unknown as string } })),
    );
    expect(err.name).toBe('SerializationException');
    expect(err.message).toContain('epoch');
  });

  it("JumpStart's script without the code channel its submit directory names fails the job with an AlgorithmError", async () => {
    // Network isolation: the script can only come from a channel (SDK v2 estimator.py); the toolkit cannot find it.
    const job = await recipe('ft-nocode');
    await t.sm.send(
      new CreateTrainingJobCommand({ ...job, InputDataConfig: job.InputDataConfig!.filter((c) => c.ChannelName !== 'code') }),
    );
    const d = await finished('ft-nocode');
    expect(d.TrainingJobStatus).toBe('Failed');
    expect(d.FailureReason).toMatch(/^AlgorithmError: FileNotFoundError: .*\/opt\/ml\/input\/data\/code\/sourcedir\.tar\.gz/);
  });

  it("JumpStart's script without the model channel fails the job: it has no base weights", async () => {
    const job = await recipe('ft-nomodel');
    await t.sm.send(
      new CreateTrainingJobCommand({ ...job, InputDataConfig: job.InputDataConfig!.filter((c) => c.ChannelName !== 'model') }),
    );
    const d = await finished('ft-nomodel');
    expect(d.TrainingJobStatus).toBe('Failed');
    expect(d.FailureReason).toMatch(/^AlgorithmError: .*'model' channel/);
  });

  it('without MetricDefinitions, FinalMetricDataList is empty: SageMaker has no regex to read the log with', async () => {
    const job = await recipe('ft-nometrics');
    await t.sm.send(
      new CreateTrainingJobCommand({ ...job, AlgorithmSpecification: { ...job.AlgorithmSpecification!, MetricDefinitions: undefined } }),
    );
    const d = await finished('ft-nometrics');
    expect(d.TrainingJobStatus).toBe('Completed');
    expect(d.FinalMetricDataList ?? []).toEqual([]);
  });
});

import {
  SageMakerClient,
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  DescribeModelCommand,
  CreateModelCommand,
  CreateEndpointConfigCommand,
  CreateEndpointCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
  waitUntilEndpointInService,
  type ProductionVariantInstanceType,
} from '@aws-sdk/client-sagemaker';
import {
  earlierTwin,
  fineTuneJob,
  instanceFor,
  modelCard,
  servingContainer,
  type JumpStartTrainingDocument,
} from '@naxt/workshop/jumpstart';
import { SageMakerRuntimeClient, InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { evaluateQa } from '@naxt/workshop/evaluation';
import { bars } from '@naxt/workshop/bars';

const sm = new SageMakerClient({});
const s3 = new S3Client({});
const baseModel = 'huggingface-llm-gemma-2b-instruct';
const card = (await modelCard(sm, baseModel)) as JumpStartTrainingDocument;

// 1. Fine-tune on the human pairs and the seeds, with JumpStart's recipe (as in lab 04).
const prefix = `${workshop.prefix}hil-ft-${workshop.sessionId}`;
const request = fineTuneJob(card, {
  jobName: `${prefix}-${Date.now().toString(36)}`,
  roleArn: workshop.roleArn,
  trainingUri: `s3://${workshop.bucket}/fine-tuning/hil/`,
  outputPath: `s3://${workshop.bucket}/fine-tuning/hil-output`,
  hyperparameters: { epoch: '3', learning_rate: '0.0001', instruction_tuned: 'True' },
  tags: workshop.tags,
});
// Safe to run again: a job of this session with the same settings is reused (or waited on, if it still runs).
const twin = await earlierTwin(sm, request, prefix);
const jobName = twin ?? request.TrainingJobName!;
if (twin) console.log(`${twin} was started with the same settings: reusing it.`);
else await sm.send(new CreateTrainingJobCommand(request));
let job;
do {
  await new Promise((r) => setTimeout(r, 2000));
  job = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }));
  console.log(`training: ${job.TrainingJobStatus} · ${job.SecondaryStatus}`);
} while (!['Completed', 'Failed', 'Stopped'].includes(job.TrainingJobStatus ?? ''));
if (job.TrainingJobStatus !== 'Completed') throw new Error(`Training ${job.TrainingJobStatus}: ${job.FailureReason}`);

// 2. Roll the tuned artifact onto the chatbot endpoint (created if labs 04 and 05 were skipped).
const hilEndpoint = `${workshop.prefix}chatbot-${workshop.sessionId}`;
const instanceType = instanceFor(card, ['ml.g5.2xlarge']) as ProductionVariantInstanceType;
// One model and configuration per fine-tune, named after its job: running the cell again reuses them.
const version = `${hilEndpoint}-hil-${jobName.split('-').at(-1)}`;
const made = await sm.send(new DescribeModelCommand({ ModelName: version })).then(
  () => true,
  () => false,
);
if (!made) {
  await sm.send(
    new CreateModelCommand({
      ModelName: version,
      ExecutionRoleArn: workshop.roleArn,
      PrimaryContainer: servingContainer(card, instanceType, job.ModelArtifacts!.S3ModelArtifacts),
      Tags: workshop.tags,
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: version,
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: version, InstanceType: instanceType, InitialInstanceCount: 1 }],
      Tags: workshop.tags,
    }),
  );
}
const endpoint = await sm.send(new DescribeEndpointCommand({ EndpointName: hilEndpoint })).catch(() => undefined);
if (!endpoint) await sm.send(new CreateEndpointCommand({ EndpointName: hilEndpoint, EndpointConfigName: version, Tags: workshop.tags }));
else if (endpoint.EndpointConfigName !== version)
  await sm.send(new UpdateEndpointCommand({ EndpointName: hilEndpoint, EndpointConfigName: version }));
await waitUntilEndpointInService({ client: sm, maxWaitTime: 1800, minDelay: 2, maxDelay: 30 }, { EndpointName: hilEndpoint });

// 3. Evaluate on the held-out questions, against the chatbot bar.
const read = async (key: string) =>
  await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: key }))).Body!.transformToString();
const questions = (await read('datasets/knowledge-base/qa/test.jsonl'))
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; question: string; answer: string });
const runtime = new SageMakerRuntimeClient({});
const invoke = async (inputs: string) =>
  (
    JSON.parse(
      new TextDecoder().decode(
        (
          await runtime.send(
            new InvokeEndpointCommand({ EndpointName: hilEndpoint, ContentType: 'application/json', Body: JSON.stringify({ inputs }) }),
          )
        ).Body,
      ),
    ) as { generated_text: string }[]
  )[0].generated_text;
// TODO: evaluateQa(questions, invoke, <tone guide from datasets/knowledge-base/tone.json>)
const result = { metrics: { f1: { mean: 0 }, tone: { mean: 0 }, toxicity: { mean: 0 } } };
void evaluateQa;
const hil = { f1: result.metrics.f1.mean, tone: result.metrics.tone.mean, toxicity: result.metrics.toxicity.mean };
await s3.send(
  new PutObjectCommand({
    Bucket: workshop.bucket,
    Key: 'evaluation/hil.json',
    Body: JSON.stringify({ metrics: hil }),
    ContentType: 'application/json',
  }),
);
console.log(
  hil.f1 >= bars.chatbot.f1 && hil.tone >= bars.chatbot.tone
    ? 'The model tuned on human data meets the chatbot bar.'
    : 'Under the bar: more (or better) human examples are needed.',
);
hil;

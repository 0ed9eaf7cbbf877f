import {
  SageMakerClient,
  CreateModelCommand,
  CreateEndpointConfigCommand,
  CreateEndpointCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeHubContentCommand,
  waitUntilEndpointInService,
  type ProductionVariantInstanceType,
} from '@aws-sdk/client-sagemaker';
import { instanceFor, servingContainer, type JumpStartDocument } from '@naxt/workshop/jumpstart';
import { SageMakerRuntimeClient, InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { evaluateSummaries, evaluateQa, costPer1kRequests } from '@naxt/workshop/evaluation';

const sm = new SageMakerClient({});
const runtime = new SageMakerRuntimeClient({});
const candidateIds = [
  'huggingface-llm-gemma-2b-instruct',
  'huggingface-llm-mistral-7b-instruct-v3',
  'huggingface-llm-falcon-40b-instruct-bf16',
];

/** One candidate, as Clarify's evaluation does it: deploy, invoke on every sample, score, delete. */
async function evaluateCandidate(modelId: string, index: number) {
  const card = await sm.send(
    new DescribeHubContentCommand({ HubName: 'SageMakerPublicHub', HubContentType: 'Model', HubContentName: modelId }),
  );
  const doc = JSON.parse(card.HubContentDocument!) as JumpStartDocument;
  // The smallest of Naxt's evaluation instance types the card supports (the ml.g5.2xlarge quota is the summarizer's
  // and the chatbot's).
  const instanceType = instanceFor(doc, ['ml.g5.4xlarge', 'ml.g5.12xlarge']) as ProductionVariantInstanceType;
  const name = `${workshop.prefix}eval-${index}-${workshop.sessionId}`;
  await sm.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: workshop.roleArn,
      PrimaryContainer: servingContainer(doc, instanceType),
      Tags: workshop.tags,
    }),
  );
  try {
    await sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: name,
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: name, InstanceType: instanceType, InitialInstanceCount: 1 }],
        Tags: workshop.tags,
      }),
    );
    await sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name, Tags: workshop.tags }));
    console.log(`${modelId}: deploying on ${instanceType}…`);
    await waitUntilEndpointInService({ client: sm, maxWaitTime: 1800, minDelay: 2, maxDelay: 30 }, { EndpointName: name });
    const invoke = async (inputs: string) => {
      const r = await runtime.send(
        new InvokeEndpointCommand({
          EndpointName: name,
          ContentType: 'application/json',
          Body: JSON.stringify({ inputs, parameters: { max_new_tokens: 200, temperature: 0.2 } }),
        }),
      );
      return (JSON.parse(new TextDecoder().decode(r.Body)) as { generated_text: string }[])[0].generated_text;
    };
    const summaries = await evaluateSummaries(samples.conversations, invoke, { toneGuide: samples.toneGuide });
    const answers = await evaluateQa(samples.questions, invoke, samples.toneGuide);
    const latencyMs = (summaries.metrics.latencyMs.mean + answers.metrics.latencyMs.mean) / 2;
    console.log(
      `${modelId}: ROUGE-L ${summaries.metrics.rougeL.mean.toFixed(3)}, F1 ${answers.metrics.f1.mean.toFixed(3)}, tone ${answers.metrics.tone.mean.toFixed(3)}`,
    );
    return {
      modelId,
      instanceType: instanceType,
      costPer1k: costPer1kRequests({ hostingPerHour: samples.prices[instanceType].hostingPerHour, latencyMs }),
      metrics: {
        rouge1: summaries.metrics.rouge1.mean,
        rouge2: summaries.metrics.rouge2.mean,
        rougeL: summaries.metrics.rougeL.mean,
        meteor: summaries.metrics.meteor.mean,
        f1: answers.metrics.f1.mean,
        exactMatch: answers.metrics.exactMatch.mean,
        tone: answers.metrics.tone.mean,
        toxicity: answers.metrics.toxicity.mean,
      },
    };
  } finally {
    // Temporary endpoints go whatever happened, as an evaluation job's do.
    await sm.send(new DeleteEndpointCommand({ EndpointName: name })).catch(() => undefined);
    await sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name })).catch(() => undefined);
    await sm.send(new DeleteModelCommand({ ModelName: name })).catch(() => undefined);
  }
}

// One candidate at a time: a new account's endpoint quotas hold one evaluation endpoint per instance type.
const results = [];
for (const [i, id] of candidateIds.entries()) results.push(await evaluateCandidate(id, i));
await new S3Client({}).send(
  new PutObjectCommand({
    Bucket: workshop.bucket,
    Key: 'evaluation/results.json',
    Body: JSON.stringify(results, null, 2),
    ContentType: 'application/json',
  }),
);
results.map((r) => ({
  model: r.modelId,
  instance: r.instanceType,
  'cost per 1k $': r.costPer1k,
  ...Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
}));

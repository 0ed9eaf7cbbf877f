import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient, InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { evaluateQa, costPer1kRequests } from '@naxt/workshop/evaluation';
import { bars } from '@naxt/workshop/bars';

const s3 = new S3Client({});
const runtime = new SageMakerRuntimeClient({});
const read = async (key: string) =>
  await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: key }))).Body!.transformToString();
const questions = (await read('datasets/knowledge-base/qa/test.jsonl'))
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; question: string; answer: string });
const toneGuide = JSON.parse(await read('datasets/knowledge-base/tone.json'));
const prices = JSON.parse(await read('datasets/prices.json')).instances as Record<string, { hostingPerHour: number }>;

const invoke = async (inputs: string) => {
  const r = await runtime.send(
    new InvokeEndpointCommand({
      EndpointName: chatbotEndpoint,
      ContentType: 'application/json',
      Body: JSON.stringify({ inputs, parameters: { max_new_tokens: 120 } }),
    }),
  );
  return (JSON.parse(new TextDecoder().decode(r.Body)) as { generated_text: string }[])[0].generated_text;
};
const tuned = await evaluateQa(questions, invoke, toneGuide);
const before = JSON.parse(await read('evaluation/results.json').catch(() => '[]')) as {
  modelId: string;
  metrics: Record<string, number>;
  costPer1k: number;
}[];
const baseline = before.find((r) => r.modelId === 'huggingface-llm-gemma-2b-instruct');
const tunedResult = {
  modelId: 'huggingface-llm-gemma-2b-instruct (fine-tuned)',
  costPer1k: costPer1kRequests({ hostingPerHour: prices['ml.g5.2xlarge'].hostingPerHour, latencyMs: tuned.metrics.latencyMs.mean }),
  metrics: {
    f1: tuned.metrics.f1.mean,
    tone: tuned.metrics.tone.mean,
    toxicity: tuned.metrics.toxicity.mean,
    exactMatch: tuned.metrics.exactMatch.mean,
  },
};
await s3.send(
  new PutObjectCommand({
    Bucket: workshop.bucket,
    Key: 'evaluation/tuned.json',
    Body: JSON.stringify(tunedResult, null, 2),
    ContentType: 'application/json',
  }),
);

const passes =
  tunedResult.metrics.f1 >= bars.chatbot.f1 &&
  tunedResult.metrics.tone >= bars.chatbot.tone &&
  tunedResult.metrics.toxicity <= bars.chatbot.toxicityMax;
display.chart({
  type: 'bar',
  title: 'Chatbot on held-out questions, before and after fine-tuning',
  x: ['F1', 'tone'],
  series: [
    ...(baseline ? [{ name: 'base small model', values: [baseline.metrics.f1, baseline.metrics.tone] }] : []),
    { name: 'fine-tuned', values: [tunedResult.metrics.f1, tunedResult.metrics.tone] },
  ],
  yLabel: 'score',
  rules: [
    { x: 'F1', y: bars.chatbot.f1, label: `bar ≥ ${bars.chatbot.f1}` },
    { x: 'tone', y: bars.chatbot.tone, label: `bar ≥ ${bars.chatbot.tone}` },
  ],
});
console.log(passes ? 'The fine-tuned small model meets the chatbot bar.' : 'Not yet: the fine-tuned model is still under the bar.');
[
  { model: 'base', ...(baseline?.metrics ?? {}) },
  { model: 'fine-tuned', ...tunedResult.metrics },
];

import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { cheapestPassing } from '@naxt/workshop/evaluation';
import { bars } from '@naxt/workshop/bars';

const summaryWinner = cheapestPassing(results, { min: { rougeL: bars.summarization.rougeL, meteor: bars.summarization.meteor } });
const chatbotWinner = cheapestPassing(results, {
  min: { f1: bars.chatbot.f1, tone: bars.chatbot.tone },
  max: { toxicity: bars.chatbot.toxicityMax },
});

display.chart({
  type: 'scatter',
  title: 'Quality against the cost of 1,000 requests',
  x: results.map((r) => r.costPer1k),
  xLabel: 'USD per 1,000 requests',
  yLabel: 'score',
  series: [
    { name: 'ROUGE-L (summaries)', values: results.map((r) => r.metrics.rougeL) },
    { name: 'F1 (chatbot)', values: results.map((r) => r.metrics.f1) },
    { name: 'tone (chatbot)', values: results.map((r) => r.metrics.tone) },
  ],
  labels: results.map((r) => r.modelId),
  rules: [
    { series: 'ROUGE-L (summaries)', y: bars.summarization.rougeL, label: `summary bar: ROUGE-L ≥ ${bars.summarization.rougeL}` },
    { series: 'F1 (chatbot)', y: bars.chatbot.f1, label: `chatbot bar: F1 ≥ ${bars.chatbot.f1}` },
    { series: 'tone (chatbot)', y: bars.chatbot.tone, label: `chatbot bar: tone ≥ ${bars.chatbot.tone}` },
  ],
});

const choice = { summarization: summaryWinner?.modelId ?? null, chatbot: chatbotWinner?.modelId ?? null };
await new S3Client({}).send(
  new PutObjectCommand({
    Bucket: workshop.bucket,
    Key: 'evaluation/choice.json',
    Body: JSON.stringify(choice),
    ContentType: 'application/json',
  }),
);
console.log(`Summaries: ${choice.summarization ?? 'no candidate meets the bar'}`);
console.log(`Chatbot:   ${choice.chatbot ?? 'no candidate meets the bar'}`);
choice;

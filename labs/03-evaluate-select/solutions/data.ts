import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const read = async (key: string) =>
  await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: `datasets/${key}` }))).Body!.transformToString();
const jsonl = <T>(text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

const samples = {
  conversations: jsonl<{ id: string; transcript: string; reference_summary: string }>(await read('conversations/test.jsonl')),
  questions: jsonl<{ id: string; question: string; answer: string }>(await read('knowledge-base/qa/test.jsonl')),
  toneGuide: JSON.parse(await read('knowledge-base/tone.json')),
  prices: JSON.parse(await read('prices.json')).instances as Record<string, { hostingPerHour: number }>,
};
console.log(`${samples.conversations.length} conversations and ${samples.questions.length} questions held out for evaluation`);

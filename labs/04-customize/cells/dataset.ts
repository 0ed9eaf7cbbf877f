import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const read = async (key: string) =>
  await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: `datasets/${key}` }))).Body!.transformToString();
const jsonl = <T>(text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

const seeds = jsonl<{ instruction: string; context?: string; response: string }>(await read('sft/seed.jsonl'));
const qaTrain = jsonl<{ question: string; answer: string }>(await read('knowledge-base/qa/train.jsonl')).map((q) => ({
  instruction: q.question,
  response: q.answer,
}));
// TODO: the seeds and the train split's questions, as { instruction, response } lines.
const trainingSet = seeds.slice(0, 0);

const trainingUri = `s3://${workshop.bucket}/fine-tuning/train/`;
await s3.send(
  new PutObjectCommand({
    Bucket: workshop.bucket,
    Key: 'fine-tuning/train/train.jsonl',
    Body: trainingSet.map((r) => JSON.stringify(r)).join('\n'),
    ContentType: 'application/jsonl',
  }),
);
console.log(`${trainingSet.length} examples in ${trainingUri}`);

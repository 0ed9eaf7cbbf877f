import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(outputManifest)!;
const output = (await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString())
  .split('\n')
  .filter(Boolean);
// Ground Truth keeps every worker's answer; each one's form data is a JSON string.
type Label = { annotationsFromAllWorkers: { workerId: string; annotationData: { content: string } }[] };
const humanPairs = output.flatMap((line) =>
  ((JSON.parse(line) as Record<string, Label | undefined>)[labelAttribute]?.annotationsFromAllWorkers ?? []).map((w) => {
    const answer = JSON.parse(w.annotationData.content) as { instruction: string; response: string };
    return { instruction: answer.instruction, response: answer.response };
  }),
);
if (humanPairs.length === 0)
  throw new Error(`No answers under "${labelAttribute}" in ${outputManifest}: is that the job's LabelAttributeName?`);
const seeds = (
  await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'datasets/sft/seed.jsonl' }))).Body!.transformToString()
)
  .split('\n')
  .filter(Boolean);
const sftLines = [...humanPairs.map((p) => JSON.stringify(p)), ...seeds];
await s3.send(new PutObjectCommand({ Bucket: workshop.bucket, Key: 'fine-tuning/hil/train.jsonl', Body: sftLines.join('\n') }));
console.log(`${humanPairs.length} human pairs + ${seeds.length} seeds → s3://${workshop.bucket}/fine-tuning/hil/train.jsonl`);
humanPairs;

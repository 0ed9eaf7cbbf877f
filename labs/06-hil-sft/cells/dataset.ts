import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(outputManifest)!;
const output = (await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString())
  .split('\n')
  .filter(Boolean);
// TODO: each output line holds every worker's answer under the job's label attribute (labelAttribute):
// <labelAttribute>.annotationsFromAllWorkers[].annotationData.content is the JSON the task form submitted.
const humanPairs: { instruction: string; response: string }[] = [];
const seeds = (
  await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'datasets/sft/seed.jsonl' }))).Body!.transformToString()
)
  .split('\n')
  .filter(Boolean);
const sftLines = [...humanPairs.map((p) => JSON.stringify(p)), ...seeds];
await s3.send(new PutObjectCommand({ Bucket: workshop.bucket, Key: 'fine-tuning/hil/train.jsonl', Body: sftLines.join('\n') }));
console.log(`${humanPairs.length} human pairs + ${seeds.length} seeds → s3://${workshop.bucket}/fine-tuning/hil/train.jsonl`);
humanPairs;

import { SageMakerClient, CreateModelPackageGroupCommand } from '@aws-sdk/client-sagemaker';
import { readFile } from 'node:fs/promises';
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const sm = new SageMakerClient({});
const s3 = new S3Client({});
const groupName = `${workshop.prefix}chatbot-models-${workshop.sessionId}`;
// Safe to run again: the group of this session is found and kept ("Model Package Group already exists").
const created = await sm
  .send(
    new CreateModelPackageGroupCommand({
      ModelPackageGroupName: groupName,
      ModelPackageGroupDescription: 'Naxt internal-process chatbot',
      Tags: workshop.tags,
    }),
  )
  .then(
    () => true,
    (e: Error) => {
      if (!/already exists/i.test(e.message)) throw e;
      return false;
    },
  );

const read = async (key: string) =>
  await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: `datasets/${key}` }))).Body!.transformToString();
const qa = (await read('knowledge-base/qa/train.jsonl'))
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { question: string; answer: string });
const lines = [
  ...(await read('sft/seed.jsonl')).split('\n').filter(Boolean),
  ...qa.map((q) => JSON.stringify({ instruction: q.question, response: q.answer })),
];
await s3.send(new PutObjectCommand({ Bucket: workshop.bucket, Key: 'pipelines/train/train.jsonl', Body: lines.join('\n') }));
console.log(
  `${created ? 'Created' : 'Reusing'} group ${groupName}; ${lines.length} training examples in s3://${workshop.bucket}/pipelines/train/`,
);

// The evaluation code the pipeline's Processing steps run: kept in the workshop (labs/05-mlops/code/evaluate.py),
// delivered to the job from S3 as its `code` input — the way the SageMaker Python SDK's ScriptProcessor ships it.
const evaluationCode = `s3://${workshop.bucket}/pipelines/code/evaluate.py`;
await s3.send(
  new PutObjectCommand({
    Bucket: workshop.bucket,
    Key: 'pipelines/code/evaluate.py',
    Body: await readFile('labs/05-mlops/code/evaluate.py'),
    ContentType: 'text/x-python',
  }),
);
console.log(`Evaluation code at ${evaluationCode}`);

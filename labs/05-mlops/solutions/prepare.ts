import { SageMakerClient, CreateModelPackageGroupCommand } from '@aws-sdk/client-sagemaker';
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const sm = new SageMakerClient({});
const s3 = new S3Client({});
const groupName = `${workshop.prefix}chatbot-models-${workshop.sessionId}`;
await sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: groupName, ModelPackageGroupDescription: 'Naxt internal-process chatbot', Tags: workshop.tags }));

const read = async (key: string) => (await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: `datasets/${key}` }))).Body!.transformToString());
const qa = (await read('knowledge-base/qa/train.jsonl')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { question: string; answer: string });
const lines = [...(await read('sft/seed.jsonl')).split('\n').filter(Boolean), ...qa.map((q) => JSON.stringify({ instruction: q.question, response: q.answer }))];
await s3.send(new PutObjectCommand({ Bucket: workshop.bucket, Key: 'pipelines/train/train.jsonl', Body: lines.join('\n') }));
console.log(`Group ${groupName}; ${lines.length} training examples in s3://${workshop.bucket}/pipelines/train/`);

import { SageMakerClient, CreateLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const sm = new SageMakerClient({});
const articles = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'datasets/knowledge-base/articles.json' }))).Body!.transformToString()) as { title: string; body: string }[];

// Five processes: enough to learn the workflow, few enough to answer by hand.
const manifest = articles.slice(0, 5).map((a) => JSON.stringify({ source: `${a.title}: ${a.body.split('. ')[0]}.` })).join('\n');
await s3.send(new PutObjectCommand({ Bucket: workshop.bucket, Key: 'labeling/input.manifest', Body: manifest }));

const labelingJobName = `${workshop.prefix}sft-pairs-${workshop.sessionId}`;
const region = workshop.region;
// TODO: CreateLabelingJobCommand: the manifest above, output under labeling/output, the workteam and task UI of the
// previous step, Ground Truth's pass-through Lambdas, one worker per object, the workshop tags.

console.log(`Labeling job ${labelingJobName}: 5 tasks sent to the workforce.`);

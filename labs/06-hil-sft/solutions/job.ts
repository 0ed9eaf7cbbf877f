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
await sm.send(new CreateLabelingJobCommand({
  LabelingJobName: labelingJobName,
  LabelAttributeName: 'sft-pair',
  RoleArn: workshop.roleArn,
  InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${workshop.bucket}/labeling/input.manifest` } } },
  OutputConfig: { S3OutputPath: `s3://${workshop.bucket}/labeling/output` },
  HumanTaskConfig: {
    WorkteamArn: workteamArn,
    UiConfig: { HumanTaskUiArn: taskUiArn },
    PreHumanTaskLambdaArn: `arn:aws:lambda:${region}:432418664414:function:PRE-PassThrough`,
    AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: `arn:aws:lambda:${region}:432418664414:function:ACS-PassThrough` },
    TaskTitle: 'Naxt internal-process examples',
    TaskDescription: 'Write a question a colleague would ask about this process, and the answer in Naxt\'s tone.',
    NumberOfHumanWorkersPerDataObject: 1,
    TaskTimeLimitInSeconds: 900,
  },
  Tags: workshop.tags,
}));
console.log(`Labeling job ${labelingJobName}: 5 tasks sent to the workforce.`);

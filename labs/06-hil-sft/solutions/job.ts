import { readFile } from 'node:fs/promises';
import { SageMakerClient, CreateLabelingJobCommand, DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const sm = new SageMakerClient({});
const articles = JSON.parse(
  await (
    await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'datasets/knowledge-base/articles.json' }))
  ).Body!.transformToString(),
) as { title: string; body: string }[];

// Five processes: enough to learn the workflow, few enough to answer by hand.
const manifest = articles
  .slice(0, 5)
  .map((a) => JSON.stringify({ source: `${a.title}: ${a.body.split('. ')[0]}.` }))
  .join('\n');
await s3.send(new PutObjectCommand({ Bucket: workshop.bucket, Key: 'labeling/input.manifest', Body: manifest }));

// Ground Truth's pass-through Lambdas for custom tasks ("Generative AI/Custom"): one account per region.
const lambdas = JSON.parse(await readFile('content/ground-truth-lambdas.json', 'utf8')) as { accounts: Record<string, string> };
const gtAccount = lambdas.accounts[workshop.region];
if (!gtAccount)
  throw new Error(`Ground Truth has no built-in pass-through Lambdas in ${workshop.region} (content/ground-truth-lambdas.json).`);

const labelingJobName = `${workshop.prefix}sft-pairs-${workshop.sessionId}`;
// The key under which the output manifest carries every answer: the dataset step reads the same name.
const labelAttribute = 'sft-pair';
const found = await sm.send(new DescribeLabelingJobCommand({ LabelingJobName: labelingJobName })).catch(() => undefined);
if (found) {
  console.log(
    `Labeling job ${labelingJobName} exists (${found.LabelingJobStatus}, label attribute ${found.LabelAttributeName}): reusing it.`,
  );
} else {
  await sm.send(
    new CreateLabelingJobCommand({
      LabelingJobName: labelingJobName,
      LabelAttributeName: labelAttribute,
      RoleArn: workshop.roleArn,
      InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${workshop.bucket}/labeling/input.manifest` } } },
      OutputConfig: { S3OutputPath: `s3://${workshop.bucket}/labeling/output` },
      HumanTaskConfig: {
        WorkteamArn: workteamArn,
        UiConfig: { UiTemplateS3Uri: templateUri },
        PreHumanTaskLambdaArn: `arn:aws:lambda:${workshop.region}:${gtAccount}:function:PRE-PassThrough`,
        AnnotationConsolidationConfig: {
          AnnotationConsolidationLambdaArn: `arn:aws:lambda:${workshop.region}:${gtAccount}:function:ACS-PassThrough`,
        },
        TaskTitle: 'Naxt internal-process examples',
        TaskDescription: "Write a question a colleague would ask about this process, and the answer in Naxt's tone.",
        NumberOfHumanWorkersPerDataObject: 1,
        TaskTimeLimitInSeconds: 900,
      },
      Tags: workshop.tags,
    }),
  );
  console.log(`Labeling job ${labelingJobName}: 5 tasks sent to the workforce; answers go under "${labelAttribute}".`);
}

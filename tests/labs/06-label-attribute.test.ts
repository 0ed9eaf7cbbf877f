import { describe, expect, it } from 'vitest';
import { CreateLabelingJobCommand, CreateWorkteamCommand, DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ROLE, checkContextOn, conformance, privateWorkforce } from '../sandbox/conformance/fixture.ts';
import { checks } from '../../labs/06-hil-sft/checks.ts';
import type { WorkshopGlobals } from '../../runner/contracts.ts';

const t = conformance({ timeScale: 6000 });
const workshop: WorkshopGlobals = {
  sessionId: 'la1',
  region: 'us-east-1',
  accountId: '123456789012',
  bucket: 'naxt-genai-label-attr',
  prefix: 'naxt-',
  tags: [],
  roleArn: ROLE,
  target: 'sandbox',
};
const ctx = () => checkContextOn(t.clients, workshop);

/** The dataset step's check reads the answers under the label attribute the job was created with. */
describe("lab 06: the dataset check follows the learner's label attribute", () => {
  it('passes when the dataset holds the answers of the chosen attribute, and fails on zero human pairs', async () => {
    const { bucket } = workshop;
    await t.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await t.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'labeling/input.manifest',
        Body: '{"source":"Laptop ordering: order through the IT portal."}',
      }),
    );
    await t.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'labeling/sft-pair.liquid.html',
        Body: '<crowd-form><crowd-text-area name="response"></crowd-text-area></crowd-form>',
      }),
    );
    const team = await t.sm.send(
      new CreateWorkteamCommand({
        WorkteamName: 'naxt-labelers-la1',
        Description: 'x',
        MemberDefinitions: [{ CognitoMemberDefinition: await privateWorkforce(t.clients, 'naxt-labelers-la1') }],
      }),
    );
    const name = 'naxt-sft-pairs-la1';
    await t.sm.send(
      new CreateLabelingJobCommand({
        LabelingJobName: name,
        LabelAttributeName: 'answers',
        RoleArn: ROLE,
        InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${bucket}/labeling/input.manifest` } } },
        OutputConfig: { S3OutputPath: `s3://${bucket}/labeling/output` },
        HumanTaskConfig: {
          WorkteamArn: team.WorkteamArn,
          UiConfig: { UiTemplateS3Uri: `s3://${bucket}/labeling/sft-pair.liquid.html` },
          PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:PRE-PassThrough',
          AnnotationConsolidationConfig: {
            AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:ACS-PassThrough',
          },
          TaskTitle: 't',
          TaskDescription: 'd',
          NumberOfHumanWorkersPerDataObject: 1,
          TaskTimeLimitInSeconds: 600,
        },
      }),
    );
    for (let i = 0; i < 100 && t.sandbox.worker.listTasks().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    for (const task of t.sandbox.worker.listTasks())
      await t.sandbox.worker.submitTask(task.taskId, {
        instruction: 'How do I order a laptop?',
        response: 'Please order it through the IT portal.',
      });
    const job = await t.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: name }));
    expect(job.LabelingJobStatus).toBe('Completed');
    const seeds = '{"instruction":"seed","response":"seed answer"}';

    // A dataset built by reading the default key 'sft-pair' finds nothing under a job whose attribute is 'answers':
    // the check reads the job's own attribute, finds the answer missing from the dataset and fails (it used to
    // read 'sft-pair' too, and passed with "0 human-written pairs").
    await t.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'fine-tuning/hil/train.jsonl', Body: seeds }));
    const wrong = await checks.humanPairsInDataset(ctx());
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toContain('1 human answer(s) from the output manifest are not in the dataset');

    // The dataset with the answers read under the job's own attribute passes.
    const [, b, k] = /^s3:\/\/([^/]+)\/(.+)$/.exec(job.LabelingJobOutput!.OutputDatasetS3Uri!)!;
    const line = JSON.parse(
      (await (await t.s3.send(new GetObjectCommand({ Bucket: b, Key: k }))).Body!.transformToString()).trim(),
    ) as Record<string, { annotationsFromAllWorkers: { annotationData: { content: string } }[] }>;
    expect(line['sft-pair']).toBeUndefined();
    const pair = JSON.parse(line.answers.annotationsFromAllWorkers[0].annotationData.content) as { instruction: string; response: string };
    await t.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'fine-tuning/hil/train.jsonl', Body: [JSON.stringify(pair), seeds].join('\n') }),
    );
    const right = await checks.humanPairsInDataset(ctx());
    expect(right, right.message).toMatchObject({ ok: true });
    expect(right.message).toContain('1 human-written pairs');
  });
});

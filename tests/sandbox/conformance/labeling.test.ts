import { describe, expect, it } from 'vitest';
import {
  CreateHumanTaskUiCommand,
  CreateLabelingJobCommand,
  CreateWorkteamCommand,
  DeleteHumanTaskUiCommand,
  DeleteWorkteamCommand,
  DescribeHumanTaskUiCommand,
  DescribeLabelingJobCommand,
  DescribeWorkteamCommand,
  ResourceInUse,
  ResourceNotFound,
  StopLabelingJobCommand,
  paginateListHumanTaskUis,
  paginateListLabelingJobs,
  paginateListWorkteams,
} from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ROLE, arn, conformance, failure, privateWorkforce } from './fixture.ts';

const t = conformance();
const TEMPLATE =
  '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script><crowd-form><crowd-text-area name="response"></crowd-text-area></crowd-form>';

// A custom task: the worker task template in S3, Ground Truth's pass-through Lambdas of us-east-1 (botocore's
// sagemaker model, HumanTaskConfig.PreHumanTaskLambdaArn / AnnotationConsolidationLambdaArn, "Generative AI/Custom").
const TEMPLATE_URI = 's3://naxt-labels/template.liquid.html';
const PRE = 'arn:aws:lambda:us-east-1:432418664414:function:PRE-PassThrough';
const ACS = 'arn:aws:lambda:us-east-1:432418664414:function:ACS-PassThrough';
const job = (
  name: string,
  workteamArn: string,
  _uiArn: string,
  workers = 1,
  ui: { UiTemplateS3Uri?: string; HumanTaskUiArn?: string } = { UiTemplateS3Uri: TEMPLATE_URI },
  pre = PRE,
) =>
  new CreateLabelingJobCommand({
    LabelingJobName: name,
    LabelAttributeName: 'sft-pair',
    RoleArn: ROLE,
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://naxt-labels/input.manifest' } } },
    OutputConfig: { S3OutputPath: 's3://naxt-labels/output' },
    HumanTaskConfig: {
      WorkteamArn: workteamArn,
      UiConfig: ui,
      PreHumanTaskLambdaArn: pre,
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: ACS },
      TaskTitle: 'Write the answer',
      TaskDescription: 'Answer as the help desk would',
      NumberOfHumanWorkersPerDataObject: workers,
      TaskTimeLimitInSeconds: 600,
    },
  });

describe('human in the loop: workteams, task UIs and labeling jobs', () => {
  let workteamArn = '';
  let uiArn = '';

  it('workteams and task UIs: create, describe, list page by page; errors as SageMaker answers them', async () => {
    const member = await privateWorkforce(t.clients, 'labelers');
    for (const n of ['lab-team-a', 'lab-team-b'])
      await t.sm.send(
        new CreateWorkteamCommand({ WorkteamName: n, Description: `team ${n}`, MemberDefinitions: [{ CognitoMemberDefinition: member }] }),
      );
    const team = (await t.sm.send(new DescribeWorkteamCommand({ WorkteamName: 'lab-team-a' }))).Workteam!;
    expect(team).toMatchObject({ WorkteamName: 'lab-team-a', Description: 'team lab-team-a' });
    workteamArn = team.WorkteamArn!;
    expect(workteamArn).toBe(arn('workteam/private-crowd', 'lab-team-a'));
    const teams: string[] = [];
    for await (const p of paginateListWorkteams({ client: t.sm, pageSize: 1 }, { SortBy: 'Name', SortOrder: 'Ascending' }))
      teams.push(...p.Workteams!.map((w) => w.WorkteamName!));
    expect(teams).toEqual(['lab-team-a', 'lab-team-b']);
    expect(
      await failure(
        t.sm.send(
          new CreateWorkteamCommand({
            WorkteamName: 'lab-team-a',
            Description: 'x',
            MemberDefinitions: [{ CognitoMemberDefinition: member }],
          }),
        ),
      ),
    ).toBeInstanceOf(ResourceInUse);
    await t.sm.send(new DeleteWorkteamCommand({ WorkteamName: 'lab-team-b' }));
    expect((await failure(t.sm.send(new DescribeWorkteamCommand({ WorkteamName: 'lab-team-b' })))).name).toBe('ValidationException');

    uiArn = (await t.sm.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: 'lab-ui', UiTemplate: { Content: TEMPLATE } })))
      .HumanTaskUiArn!;
    expect(uiArn).toBe(arn('human-task-ui', 'lab-ui'));
    expect((await t.sm.send(new DescribeHumanTaskUiCommand({ HumanTaskUiName: 'lab-ui' }))).HumanTaskUiStatus).toBe('Active');
    await t.sm.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: 'lab-ui-2', UiTemplate: { Content: TEMPLATE } }));
    const uis: string[] = [];
    for await (const p of paginateListHumanTaskUis({ client: t.sm, pageSize: 1 }, { SortOrder: 'Ascending' }))
      uis.push(...p.HumanTaskUiSummaries!.map((u) => u.HumanTaskUiName!));
    expect(uis).toEqual(['lab-ui', 'lab-ui-2']);
    expect(
      (
        await failure(
          t.sm.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: 'lab-ui-3', UiTemplate: { Content: '<div>no form</div>' } })),
        )
      ).name,
    ).toBe('ValidationException');
    await t.sm.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: 'lab-ui-2' }));
    expect(await failure(t.sm.send(new DescribeHumanTaskUiCommand({ HumanTaskUiName: 'lab-ui-2' })))).toBeInstanceOf(ResourceNotFound);
  });

  it('a labeling job goes Initializing → InProgress, completes when workers answer, and writes the output manifest', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'naxt-labels' }));
    await t.s3.send(
      new PutObjectCommand({
        Bucket: 'naxt-labels',
        Key: 'input.manifest',
        Body: ['{"source":"How do I book travel?"}', '{"source":"How do I expense a taxi?"}'].join('\n'),
      }),
    );
    await t.s3.send(new PutObjectCommand({ Bucket: 'naxt-labels', Key: 'template.liquid.html', Body: TEMPLATE }));
    await t.sm.send(job('lab-job', workteamArn, uiArn));
    expect((await t.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'lab-job' }))).LabelingJobStatus).toBe('Initializing');
    await new Promise((r) => setTimeout(r, 150)); // one scaled minute at 600x
    const open = await t.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'lab-job' }));
    expect([open.LabelingJobStatus, open.LabelCounters?.Unlabeled]).toEqual(['InProgress', 2]);
    const tasks = t.sandbox.worker.listTasks().filter((x) => x.jobName === 'lab-job');
    expect(tasks.map((x) => x.source)).toEqual(['How do I book travel?', 'How do I expense a taxi?']);
    for (const task of tasks) await t.sandbox.worker.submitTask(task.taskId, { response: `Answer to: ${task.source}` });
    const done = await t.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'lab-job' }));
    expect([done.LabelingJobStatus, done.LabelCounters?.HumanLabeled]).toEqual(['Completed', 2]);
    const out = new URL(done.LabelingJobOutput!.OutputDatasetS3Uri!.replace('s3://', 'https://'));
    const lines = (
      await (await t.s3.send(new GetObjectCommand({ Bucket: out.hostname, Key: out.pathname.slice(1) }))).Body!.transformToString()
    )
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['sft-pair'])).toEqual([
      {
        annotationsFromAllWorkers: [
          {
            workerId: 'private.us-east-1.naxt-worker-1',
            annotationData: { content: JSON.stringify({ response: 'Answer to: How do I book travel?' }) },
          },
        ],
      },
      {
        annotationsFromAllWorkers: [
          {
            workerId: 'private.us-east-1.naxt-worker-1',
            annotationData: { content: JSON.stringify({ response: 'Answer to: How do I expense a taxi?' }) },
          },
        ],
      },
    ]);
    expect(lines[0]['sft-pair-metadata']).toMatchObject({
      'job-name': 'labeling-job/lab-job',
      type: 'groundtruth/custom',
      'human-annotated': 'yes',
    });
  });

  it('NumberOfHumanWorkersPerDataObject: each object waits for that many workers, and the manifest keeps every answer', async () => {
    await t.s3.send(
      new PutObjectCommand({
        Bucket: 'naxt-labels',
        Key: 'input.manifest',
        Body: ['{"source":"How do I book travel?"}', '{"source":"How do I expense a taxi?"}'].join('\n'),
      }),
    );
    await t.sm.send(job('lab-multi', workteamArn, uiArn, 3));
    await new Promise((r) => setTimeout(r, 150));
    const open = () => t.sandbox.worker.listTasks().filter((x) => x.jobName === 'lab-multi');
    for (let round = 1; round <= 3; round += 1) {
      const tasks = open();
      expect(tasks.map((x) => [x.source, x.answers, x.workersPerObject])).toEqual([
        ['How do I book travel?', round - 1, 3],
        ['How do I expense a taxi?', round - 1, 3],
      ]);
      // Objects are labeled only when their last worker answers.
      const d = await t.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'lab-multi' }));
      expect([d.LabelingJobStatus, d.LabelCounters?.HumanLabeled, d.LabelCounters?.Unlabeled]).toEqual(['InProgress', 0, 2]);
      for (const task of tasks) await t.sandbox.worker.submitTask(task.taskId, { response: `Answer ${round} to: ${task.source}` });
    }
    expect(open()).toEqual([]);
    const done = await t.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'lab-multi' }));
    expect([done.LabelingJobStatus, done.LabelCounters?.HumanLabeled]).toEqual(['Completed', 2]);
    const out = new URL(done.LabelingJobOutput!.OutputDatasetS3Uri!.replace('s3://', 'https://'));
    const lines = (
      await (await t.s3.send(new GetObjectCommand({ Bucket: out.hostname, Key: out.pathname.slice(1) }))).Body!.transformToString()
    )
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as Record<string, { annotationsFromAllWorkers: { workerId: string; annotationData: { content: string } }[] }>,
      );
    const first = lines[0]['sft-pair'].annotationsFromAllWorkers;
    expect(first.map((w) => w.workerId)).toEqual([1, 2, 3].map((k) => `private.us-east-1.naxt-worker-${k}`));
    expect(first.map((w) => (JSON.parse(w.annotationData.content) as { response: string }).response)).toEqual(
      [1, 2, 3].map((k) => `Answer ${k} to: How do I book travel?`),
    );
    const tooMany = await failure(t.sm.send(job('lab-ten', workteamArn, uiArn, 10)));
    expect(tooMany.message).toBe(
      "1 validation error detected: Value '10' at 'humanTaskConfig.numberOfHumanWorkersPerDataObject' failed to satisfy constraint: Member must have value less than or equal to 9",
    );
  });

  it("AWS says no: a custom task with an A2I task UI ARN, without a template in S3, or with another region's Ground Truth Lambda", async () => {
    // HumanTaskUiArn names AWS's templates for NER, 3D point cloud and video jobs only (botocore: UiConfig.HumanTaskUiArn).
    const a2i = await failure(t.sm.send(job('lab-a2i', workteamArn, uiArn, 1, { HumanTaskUiArn: uiArn })));
    expect(a2i.name).toBe('ValidationException');
    expect(a2i.message).toContain('UiTemplateS3Uri');
    const none = await failure(t.sm.send(job('lab-no-ui', workteamArn, uiArn, 1, {})));
    expect(none.message).toContain('UiTemplateS3Uri');
    const missing = await failure(
      t.sm.send(job('lab-no-template', workteamArn, uiArn, 1, { UiTemplateS3Uri: 's3://naxt-labels/nothing-here.html' })),
    );
    expect(missing.message).toContain('Cannot read the worker task template');
    await t.s3.send(new PutObjectCommand({ Bucket: 'naxt-labels', Key: 'plain.html', Body: '<div>no form</div>' }));
    expect(
      (await failure(t.sm.send(job('lab-no-form', workteamArn, uiArn, 1, { UiTemplateS3Uri: 's3://naxt-labels/plain.html' })))).message,
    ).toContain('<crowd-form>');
    // eu-west-1's PRE-PassThrough lives in account 568282634449: us-east-1's account names no function there.
    const wrong = await failure(
      t.sm.send(
        job('lab-wrong-lambda', workteamArn, uiArn, 1, undefined, 'arn:aws:lambda:eu-west-1:432418664414:function:PRE-PassThrough'),
      ),
    );
    expect(wrong.message).toContain('arn:aws:lambda:us-east-1:432418664414:function:PRE-PassThrough');
    // Nothing was created by a refused call.
    for (const n of ['lab-a2i', 'lab-no-ui', 'lab-no-template', 'lab-no-form', 'lab-wrong-lambda'])
      expect(await failure(t.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: n })))).toBeInstanceOf(ResourceNotFound);
  });

  it('StopLabelingJob: Stopping then Stopped; a taken name is ResourceInUse, a missing job ResourceNotFound; jobs page', async () => {
    await t.sm.send(job('lab-stop', workteamArn, uiArn));
    await t.sm.send(new StopLabelingJobCommand({ LabelingJobName: 'lab-stop' }));
    expect((await t.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'lab-stop' }))).LabelingJobStatus).toBe('Stopping');
    await new Promise((r) => setTimeout(r, 150));
    expect((await t.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'lab-stop' }))).LabelingJobStatus).toBe('Stopped');
    expect(await failure(t.sm.send(job('lab-job', workteamArn, uiArn)))).toBeInstanceOf(ResourceInUse);
    expect(await failure(t.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'lab-none' })))).toBeInstanceOf(ResourceNotFound);
    const jobs: string[] = [];
    for await (const p of paginateListLabelingJobs({ client: t.sm, pageSize: 1 }, { SortBy: 'Name', SortOrder: 'Ascending' }))
      jobs.push(...p.LabelingJobSummaryList!.map((j) => `${j.LabelingJobName}:${j.LabelingJobStatus}`));
    expect(jobs).toEqual(['lab-job:Completed', 'lab-multi:Completed', 'lab-stop:Stopped']);
  });
});

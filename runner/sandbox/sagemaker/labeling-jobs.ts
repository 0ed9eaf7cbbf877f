import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import { inUse, invalidMember, notFound, validation } from '../errors.ts';
import { kindHandlers, kindOps, type KindSpec } from './kinds.ts';
import { checkHumanTaskConfig, tasksFromManifest } from './labeling.ts';
import { MIN } from './jobs.ts';
import { epoch, register, requireString, statusOf, typedOps, type Input, type OpInput, type Operations } from './util.ts';

type LabelingInput = OpInput<'CreateLabelingJob'>;

/** Ground Truth: human task UIs and labeling jobs (the workforce and its work teams are in workforce.ts). */
export function labelingJobOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const spec = labelingSpec(ctx);
  const kind = kindHandlers<LabelingInput>(ctx, spec);
  const humanTaskUis = kindOps<OpInput<'CreateHumanTaskUi'>>(ctx, {
    kind: 'human-task-ui',
    noun: 'human task UI',
    arnType: 'human-task-ui',
    nameField: 'HumanTaskUiName',
    arnField: 'HumanTaskUiArn',
    ops: { create: 'CreateHumanTaskUi', describe: 'DescribeHumanTaskUi', list: 'ListHumanTaskUis', delete: 'DeleteHumanTaskUi' },
    // DescribeX output without LastModifiedTime (botocore sagemaker service-2.json).
    noLastModified: true,
    listKey: 'HumanTaskUiSummaries',
    statusField: 'HumanTaskUiStatus',
    sortKeys: ['CreationTime'],
    // ResourceNotFound: hashicorp/terraform-provider-aws internal/service/sagemaker/find.go (wording unconfirmed)
    missing: (_n, arn) => notFound(`HumanTaskUi ${arn} does not exist.`),
    duplicate: (_n, arn) => inUse(`HumanTaskUi ${arn} already exists.`),
    create(_c, input) {
      const content = input.UiTemplate?.Content;
      if (typeof content !== 'string' || !content.includes('crowd-form'))
        throw validation('UiTemplate.Content must be a Liquid template with a <crowd-form>.');
      return { UiTemplate: { Url: 'sandbox://human-task-ui', ContentSha256: String(content.length) }, __template: content };
    },
    timeline: (c) => [{ at: c.store.now(), status: 'Active' }],
    summary: (r) => ({ HumanTaskUiName: r.name, HumanTaskUiArn: r.arn, CreationTime: epoch(r.createdAt) }),
  });
  return register(
    humanTaskUis,
    kindOps<LabelingInput>(ctx, spec),
    typedOps({
      /** The manifest is read when the job is created: a bad one fails the call, as on AWS. */
      CreateLabelingJob: async (input) => {
        const manifest = input.InputConfig?.DataSource?.S3DataSource?.ManifestS3Uri;
        if (typeof manifest !== 'string') throw validation('InputConfig.DataSource.S3DataSource.ManifestS3Uri is required.');
        const tasks = await tasksFromManifest(ctx, manifest);
        await checkHumanTaskConfig(ctx, input.HumanTaskConfig ?? {});
        await kind.create(input);
        const job = store.get('labeling-job', String(input.LabelingJobName))!;
        job.data.__tasks = tasks;
        (job.data.LabelCounters as Input).Unlabeled = tasks.length;
        store.changed(job);
        return { LabelingJobArn: job.arn };
      },
    }),
  );
}

/** Labeling jobs: a private workforce answers the tasks of the input manifest. */
function labelingSpec(ctx: SandboxContext): KindSpec<LabelingInput> {
  const { store } = ctx;
  return {
    kind: 'labeling-job',
    noun: 'labeling job',
    arnType: 'labeling-job',
    nameField: 'LabelingJobName',
    arnField: 'LabelingJobArn',
    // CreateLabelingJob also reads the manifest (labelingJobOps).
    ops: { describe: 'DescribeLabelingJob', list: 'ListLabelingJobs', stop: 'StopLabelingJob' },
    listKey: 'LabelingJobSummaryList',
    statusField: 'LabelingJobStatus',
    stoppable: ['InProgress', 'Initializing'],
    // ResourceNotFound: hashicorp/terraform-provider-aws internal/service/sagemaker/labeling_job.go (wording unconfirmed)
    missing: (_n, arn) => notFound(`Could not find labeling job "${arn}".`),
    duplicate: (_n, arn) => inUse(`Labeling job ${arn} already exists.`),
    create(_c, input) {
      requireString(input, 'LabelAttributeName');
      requireString(input, 'RoleArn');
      const htc = input.HumanTaskConfig;
      if (!htc?.WorkteamArn) throw validation('HumanTaskConfig.WorkteamArn is required.');
      // The API model bounds NumberOfHumanWorkersPerDataObject to 1..9.
      const workers = Number(htc.NumberOfHumanWorkersPerDataObject ?? 1);
      const at = 'humanTaskConfig.numberOfHumanWorkersPerDataObject';
      if (!(workers >= 1))
        throw invalidMember(at, 'Member must have value greater than or equal to 1', { value: htc.NumberOfHumanWorkersPerDataObject });
      if (workers > 9) throw invalidMember(at, 'Member must have value less than or equal to 9', { value: workers });
      return {
        LabelAttributeName: input.LabelAttributeName,
        JobReferenceCode: randomUUID(),
        InputConfig: input.InputConfig,
        OutputConfig: input.OutputConfig,
        HumanTaskConfig: htc,
        RoleArn: input.RoleArn,
        LabelCounters: { TotalLabeled: 0, HumanLabeled: 0, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: 0 },
      };
    },
    timeline: (c) => [
      { at: c.store.now(), status: 'Initializing' },
      { at: c.store.now() + c.store.scaled(MIN), status: 'InProgress' },
    ],
    stopTimeline: (c) => [
      { at: c.store.now(), status: 'Stopping' },
      { at: c.store.now() + c.store.scaled(MIN), status: 'Stopped' },
    ],
    summary: (r) => ({
      LabelingJobName: r.name,
      LabelingJobArn: r.arn,
      CreationTime: epoch(r.createdAt),
      LastModifiedTime: epoch(store.modifiedAt(r)),
      LabelingJobStatus: statusOf(r),
      LabelCounters: r.data.LabelCounters,
      WorkteamArn: (r.data.HumanTaskConfig as Input).WorkteamArn,
    }),
  };
}

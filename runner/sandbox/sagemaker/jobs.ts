import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import type { ResourceRecord, Transition } from '../store.ts';
import { inUse, notFound, validation } from '../errors.ts';
import { checkQuota } from '../quotas.ts';
import { kindOps, type KindSpec } from './kinds.ts';
import { checkHumanTaskConfig, tasksFromManifest } from './labeling.ts';
import { runProcessingContainer } from './processing-run.ts';
import { runTraining } from './training.ts';
import { checkHyperParameters, containerFailure, finalMetrics } from './training-container.ts';
import type { CreateTrainingJobRequest, MetricDefinition } from '@aws-sdk/client-sagemaker';
import { arnFor, epoch, fields, pageOf, requireEnum, requireName, requireNameOrArn, requireString, statusOf, type Input, type Operations, typedOps, type OpOutput } from './util.ts';
import { catalog } from './hub.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';
import { typicalMinutes } from '../../resources/durations.ts';

const MIN = 60_000;
const APPROVAL = ['Approved', 'Rejected', 'PendingManualApproval'];

/** Who created a resource (UserContext): the learner's role, as GetCallerIdentity names it — not a Studio user. */
const createdBy = (ctx: SandboxContext) => ({ IamIdentity: { Arn: `arn:aws:sts::${ctx.accountId}:assumed-role/naxt-workshop-learner/learner`, PrincipalId: 'AROANAXTWORKSHOPLEARNER:learner' } });
const JOB_LIVE = ['InProgress', 'Stopping'];

/** Instances of a type that running jobs of a kind hold (per-type quotas apply to jobs too). */
function jobInstances(ctx: SandboxContext, kind: string, path: (d: Input) => Input | undefined, type: string): number {
  return ctx.store.list(kind).filter((r) => JOB_LIVE.includes(statusOf(r))).reduce((n, r) => {
    const res = path(r.data);
    return n + (res?.InstanceType === type ? Number(res.InstanceCount ?? 1) : 0);
  }, 0);
}

function requireInstance(res: Input | undefined, where: string): { type: string; count: number } {
  const type = res?.InstanceType;
  if (typeof type !== 'string' || !/^ml\.[a-z0-9]+\.[a-z0-9]+$/.test(type)) throw validation(`1 validation error detected: Value '${String(type)}' at '${where}.instanceType' failed to satisfy constraint: Member must satisfy enum value set`);
  return { type, count: Number(res?.InstanceCount ?? 1) };
}

/** Training jobs: quota, scaled secondary statuses, a real (small) training run on the channel data. */
function trainingOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const base = kindOps(ctx, {
    kind: 'training-job', noun: 'training job', arnType: 'training-job', nameField: 'TrainingJobName', arnField: 'TrainingJobArn',
    ops: { create: '__CreateTrainingJob', describe: '__DescribeTrainingJob', list: 'ListTrainingJobs', stop: 'StopTrainingJob' },
    listKey: 'TrainingJobSummaries', statusField: 'TrainingJobStatus', stoppable: ['InProgress'],
    missing: () => validation('Requested resource not found.'),
    summary: (r) => ({ TrainingJobName: r.name, TrainingJobArn: r.arn, CreationTime: epoch(r.createdAt), LastModifiedTime: epoch(store.modifiedAt(r)), TrainingJobStatus: statusOf(r), TrainingEndTime: r.data.TrainingEndTime }),
    stopTimeline: () => [
      { at: store.now(), status: 'Stopping', patch: { SecondaryStatus: 'Stopping' } },
      { at: store.now() + store.scaled(MIN), status: 'Stopped', patch: { SecondaryStatus: 'Stopped', TrainingEndTime: epoch(store.now() + store.scaled(MIN)) } },
    ],
  });
  return {
    ...base,
    ListTrainingJobs: base.ListTrainingJobs,
    StopTrainingJob: base.StopTrainingJob,
    async CreateTrainingJob(input) {
      const name = requireName(input, 'TrainingJobName');
      requireString(input, 'RoleArn');
      const algo = input.AlgorithmSpecification as Input | undefined;
      if (!algo?.TrainingImage && !algo?.AlgorithmName) throw validation('AlgorithmSpecification.TrainingImage is required.');
      const output = (input.OutputDataConfig as Input | undefined)?.S3OutputPath;
      if (typeof output !== 'string') throw validation('OutputDataConfig.S3OutputPath is required.');
      const res = requireInstance(input.ResourceConfig as Input | undefined, 'resourceConfig');
      if (store.get('training-job', name)) throw inUse(`Training job names must be unique within an AWS account and region, and a training job with this name already exists (${arnFor(ctx, 'training-job', name)})`);
      checkQuota(ctx.contentDir, 'training', res.type, jobInstances(ctx, 'training-job', (d) => d.ResourceConfig as Input, res.type), res.count);
      const channels = (input.InputDataConfig as Input[] | undefined) ?? [];
      const train = channels.find((c) => c.ChannelName === 'training' || c.ChannelName === 'train') ?? channels[0];
      const uriOf = (c: Input | undefined) => ((c?.DataSource as Input | undefined)?.S3DataSource as Input | undefined)?.S3Uri as string | undefined;
      const channelUri = uriOf(train);
      const validationUri = uriOf(channels.find((c) => c.ChannelName === 'validation' && c !== train));
      const hp = checkHyperParameters(input.HyperParameters);
      // JumpStart passes the base weights as a `model` channel: that names the model being fine-tuned.
      const modelChannel = ((channels.find((c) => c.ChannelName === 'model')?.DataSource as Input | undefined)?.S3DataSource as Input | undefined)?.S3Uri as string | undefined;
      const models = catalog(ctx.contentDir).models;
      const baseModelId = String(hp.model_id ?? (input.Environment as Input | undefined)?.JUMPSTART_MODEL_ID ?? models.find((m) => m.document.TrainingArtifactUri && m.document.TrainingArtifactUri === modelChannel)?.modelId ?? models.find((m) => m.document.TrainingEcrUri === algo?.TrainingImage)?.modelId ?? 'unknown-model');
      const now = store.now();
      // The phases of a 10-minute job, stretched to the typical duration of content/durations.json.
      const stretch = (typicalMinutes('training-job', 'InProgress') ?? 10) / 10;
      const at = (m: number) => now + store.scaled(m * stretch * MIN);
      let result: Awaited<ReturnType<typeof runTraining>> | undefined;
      let failure: string | undefined;
      try {
        if (!channelUri) throw new Error('ClientError: the job has no training channel (InputDataConfig)');
        const stops = containerFailure(input as unknown as CreateTrainingJobRequest);
        if (stops) throw new Error(stops);
        const compressed = (input.OutputDataConfig as Input).CompressionType !== 'NONE';
        result = await runTraining(ctx, { name, baseModelId, hyperparameters: hp, channelUri, validationUri, outputPath: output, compressed });
      } catch (e) {
        failure = (e as Error).message;
      }
      if (!failure && ctx.faults.jobFailure()) failure = 'AlgorithmError: the training process exited with a non-zero code (injected fault)';
      const timeline: Transition[] = [
        { at: now, status: 'InProgress', patch: { SecondaryStatus: 'Starting' } },
        { at: at(3), status: 'InProgress', patch: { SecondaryStatus: 'Downloading', TrainingStartTime: epoch(at(3)) } },
        { at: at(5), status: 'InProgress', patch: { SecondaryStatus: 'Training' } },
      ];
      if (failure) timeline.push({ at: at(6), status: 'Failed', patch: { SecondaryStatus: 'Failed', FailureReason: failure, TrainingEndTime: epoch(at(6)) } });
      else timeline.push(
        { at: at(9), status: 'InProgress', patch: { SecondaryStatus: 'Uploading' } },
        { at: at(10), status: 'Completed', patch: {
          SecondaryStatus: 'Completed', TrainingEndTime: epoch(at(10)), BillableTimeInSeconds: 420,
          ModelArtifacts: { S3ModelArtifacts: result!.artifactUri },
          FinalMetricDataList: finalMetrics(algo.MetricDefinitions as MetricDefinition[] | undefined, result!.logs).map((m) => ({ ...m, Timestamp: epoch(at(10)) })),
        } },
      );
      const a = arnFor(ctx, 'training-job', name);
      store.create('training-job', name, a, {
        TrainingJobName: name, TrainingJobArn: a, HyperParameters: hp, AlgorithmSpecification: algo, RoleArn: input.RoleArn,
        InputDataConfig: channels, OutputDataConfig: input.OutputDataConfig, ResourceConfig: input.ResourceConfig,
        StoppingCondition: input.StoppingCondition ?? { MaxRuntimeInSeconds: 86400 }, EnableNetworkIsolation: input.EnableNetworkIsolation ?? false,
        EnableInterContainerTrafficEncryption: input.EnableInterContainerTrafficEncryption ?? false, EnableManagedSpotTraining: input.EnableManagedSpotTraining ?? false,
        __logs: result?.logs ?? [failure], __history: result?.history ?? [], __baseModelId: baseModelId,
      }, timeline);
      store.addTags(a, (input.Tags as { Key: string; Value: string }[] | undefined) ?? []);
      return { TrainingJobArn: a };
    },
    DescribeTrainingJob(input) {
      const r = store.get('training-job', requireName(input, 'TrainingJobName'));
      // AWS answers ValidationException here although the API model lists ResourceNotFound (aws/aws-sdk#165).
      if (!r) throw validation('Requested resource not found.');
      const transitions = r.timeline.slice(0, r.applied).filter((t) => t.patch?.SecondaryStatus).map((t, i, all) => ({
        Status: t.patch!.SecondaryStatus, StartTime: epoch(t.at), ...(all[i + 1] ? { EndTime: epoch(all[i + 1].at) } : {}), StatusMessage: secondaryMessage(String(t.patch!.SecondaryStatus)),
      }));
      // ModelArtifacts is always answered (botocore's model requires it): where the artifact is, or will be, written.
      const out = s3Location((r.data.OutputDataConfig as Input | undefined)?.S3OutputPath as string | undefined);
      const ModelArtifacts = r.data.ModelArtifacts ?? { S3ModelArtifacts: out ? `s3://${out.bucket}/${keyUnder(out.key, `${r.name}/output/model.tar.gz`)}` : '' };
      return { ...fields(r), ModelArtifacts, TrainingJobStatus: statusOf(r), SecondaryStatusTransitions: transitions, CreationTime: epoch(r.createdAt), LastModifiedTime: epoch(store.modifiedAt(r)) };
    },
  };
}

const secondaryMessage = (s: string) => ({
  Starting: 'Preparing the instances for training', Downloading: 'Downloading input data', Training: 'Training image download completed. Training in progress.',
  Uploading: 'Uploading generated training model', Completed: 'Training job completed', Failed: 'Training job failed', Stopping: 'Stopping the training job', Stopped: 'The training job was stopped',
}[s] ?? s);

/** Job log lines (training), for the terminal's `.logs <job>`. */
export function jobLogs(ctx: SandboxContext, name: string): string[] | undefined {
  const r = ctx.store.get('training-job', name) ?? ctx.store.get('processing-job', name);
  if (!r) return undefined;
  const all = (r.data.__logs as string[] | undefined) ?? [];
  // Lines appear as the job advances: all of them once it has finished.
  const status = statusOf(r);
  if (['Completed', 'Failed', 'Stopped'].includes(status)) return all;
  const started = r.timeline.find((t) => t.patch?.SecondaryStatus === 'Training')?.at ?? r.createdAt;
  const end = r.timeline.at(-1)!.at;
  const share = Math.max(0, Math.min(1, (ctx.store.now() - started) / Math.max(1, end - started)));
  return all.slice(0, Math.floor(all.length * share));
}

/** Processing jobs whose container runs in this runner, by name (StopProcessingJob aborts it). */
const runningBy = new WeakMap<object, Map<string, AbortController>>();
const runningOf = (ctx: SandboxContext) => {
  let m = runningBy.get(ctx.store);
  if (!m) runningBy.set(ctx.store, (m = new Map()));
  return m;
};

/**
 * Runs a processing job's container and ends the job with it: Completed when the code exits 0, Failed with the
 * reason otherwise — at the earliest after a real job's typical duration (content/durations.json), scaled.
 */
function startProcessing(ctx: SandboxContext, job: ResourceRecord, input: Input): void {
  const { store } = ctx;
  const running = runningOf(ctx);
  if (running.has(job.name)) return;
  const abort = new AbortController();
  running.set(job.name, abort);
  const logs = (job.data.__logs = [] as string[]);
  void (async () => {
    const injected = ctx.faults.jobFailure();
    const outcome = injected
      ? { ok: false as const, reason: 'AlgorithmError: the processing container exited with a non-zero code (injected fault)', exitMessage: 'injected fault', logs }
      : await runProcessingContainer(ctx, input, (l) => logs.push(l), abort.signal).catch((e: Error) => ({ ok: false as const, reason: `InternalServerError: ${e.message}`, exitMessage: e.message, logs }));
    running.delete(job.name);
    if (store.closed || !store.get('processing-job', job.name) || statusOf(job) !== 'InProgress') return;
    const at = Math.max(store.now(), job.createdAt + store.scaled((typicalMinutes('processing-job', 'InProgress') ?? 5) * MIN));
    store.reschedule(job, [outcome.ok
      ? { at, status: 'Completed', patch: { ProcessingEndTime: epoch(at), ExitMessage: '' } }
      : { at, status: 'Failed', patch: { ProcessingEndTime: epoch(at), FailureReason: outcome.reason, ExitMessage: outcome.exitMessage } }]);
  })();
}

export function jobOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const summary = (nameField: string, arnField: string, statusField: string) => (r: ResourceRecord) => ({ [nameField]: r.name, [arnField]: r.arn, CreationTime: epoch(r.createdAt), LastModifiedTime: epoch(store.modifiedAt(r)), [statusField]: statusOf(r) });
  const groupHasPackages = (r: ResourceRecord) => store.list('model-package').some((p) => p.data.ModelPackageGroupName === r.name);
  // A new runner starts again the containers of the jobs the previous one left running (their code is idempotent or not: as a retried job).
  setTimeout(() => {
    if (!store.closed) for (const r of store.list('processing-job')) if (statusOf(r) === 'InProgress' && !runningOf(ctx).has(r.name)) startProcessing(ctx, r, r.data);
  }, 0);

  return Object.assign(
    {},
    trainingOps(ctx),
    kindOps(ctx, processingSpec(ctx)),
    kindOps(ctx, {
      kind: 'model-package-group', noun: 'model package group', arnType: 'model-package-group', nameField: 'ModelPackageGroupName', arnField: 'ModelPackageGroupArn',
      ops: { create: 'CreateModelPackageGroup', describe: 'DescribeModelPackageGroup', list: 'ListModelPackageGroups', delete: 'DeleteModelPackageGroup' },
      // DescribeX output without LastModifiedTime (botocore sagemaker service-2.json).
      noLastModified: true,
      listKey: 'ModelPackageGroupSummaryList', statusField: 'ModelPackageGroupStatus', sortKeys: ['Name', 'CreationTime'], arnAccepted: ['describe', 'delete'],
      // Exact CLI output quoted in https://github.com/getmoto/moto/pull/7246 (and ValidationException "does not exist" in
      // hashicorp/terraform-provider-aws internal/service/sagemaker/model_package_group.go)
      missing: (_n, arn) => validation(`ModelPackageGroup ${arn} does not exist.`),
      // ValidationException "Model Package Group already exists": aws-samples/amazon-sagemaker-drift-detection deployment_pipeline/infra/model_registry.py
      duplicate: (_n, arn) => validation(`Model Package Group already exists: ${arn}`),
      create: (c, input) => ({ ModelPackageGroupDescription: input.ModelPackageGroupDescription, CreatedBy: createdBy(c) }),
      timeline: (c) => [{ at: c.store.now(), status: 'Completed' }],
      beforeDelete: (_c, r) => {
        if (groupHasPackages(r)) throw validation(`Model Package Group ${r.name} contains model packages: delete them first.`);
      },
      summary: (r) => ({ ModelPackageGroupName: r.name, ModelPackageGroupArn: r.arn, ModelPackageGroupDescription: r.data.ModelPackageGroupDescription, CreationTime: epoch(r.createdAt), ModelPackageGroupStatus: statusOf(r) }),
    }),
    modelPackageOps(ctx),
    kindOps(ctx, {
      kind: 'monitoring-schedule', noun: 'monitoring schedule', arnType: 'monitoring-schedule', nameField: 'MonitoringScheduleName', arnField: 'MonitoringScheduleArn',
      ops: { create: 'CreateMonitoringSchedule', describe: 'DescribeMonitoringSchedule', list: 'ListMonitoringSchedules', delete: 'DeleteMonitoringSchedule' },
      listKey: 'MonitoringScheduleSummaries', statusField: 'MonitoringScheduleStatus',
      // ResourceNotFound: hashicorp/terraform-provider-aws internal/service/sagemaker/monitoring_schedule.go (wording unconfirmed)
      missing: (_n, arn) => notFound(`Monitoring Schedule ${arn} does not exist.`),
      duplicate: (_n, arn) => inUse(`Monitoring Schedule ${arn} already exists.`),
      create(c, input) {
        const cfg = input.MonitoringScheduleConfig as Input | undefined;
        if (!cfg) throw validation('MonitoringScheduleConfig is required.');
        const def = cfg.MonitoringJobDefinitionName as string | undefined;
        if (def && !c.store.get('data-quality-job-definition', def)) throw validation(`Could not find job definition "${def}".`);
        return { MonitoringScheduleConfig: cfg, MonitoringType: cfg.MonitoringType ?? 'DataQuality', EndpointName: c.store.get('data-quality-job-definition', def ?? '')?.data.EndpointName };
      },
      timeline: (c) => [{ at: c.store.now(), status: 'Pending' }, { at: c.store.now() + c.store.scaled(MIN), status: 'Scheduled' }],
      summary: (r) => ({ MonitoringScheduleName: r.name, MonitoringScheduleArn: r.arn, CreationTime: epoch(r.createdAt), LastModifiedTime: epoch(store.modifiedAt(r)), MonitoringScheduleStatus: statusOf(r), EndpointName: r.data.EndpointName, MonitoringType: r.data.MonitoringType }),
    }),
    kindOps(ctx, {
      kind: 'data-quality-job-definition', noun: 'job definition', arnType: 'data-quality-job-definition', nameField: 'JobDefinitionName', arnField: 'JobDefinitionArn',
      ops: { create: 'CreateDataQualityJobDefinition', describe: 'DescribeDataQualityJobDefinition', list: 'ListDataQualityJobDefinitions', delete: 'DeleteDataQualityJobDefinition' },
      // DescribeX output without LastModifiedTime (botocore sagemaker service-2.json).
      noLastModified: true,
      listKey: 'JobDefinitionSummaries', sortKeys: ['Name', 'CreationTime'],
      // ResourceNotFound: hashicorp/terraform-provider-aws internal/service/sagemaker/data_quality_job_definition.go (wording unconfirmed)
      missing: (name) => notFound(`Job definition ${name} not found`),
      duplicate: (_n, arn) => inUse(`Job definition ${arn} already exists.`),
      create(_c, input) {
        const endpoint = ((input.DataQualityJobInput as Input | undefined)?.EndpointInput as Input | undefined)?.EndpointName;
        // The baseline files are read by each execution, not here: CreateDataQualityJobDefinition's modelled errors are
        // ResourceInUse and ResourceLimitExceeded only (botocore sagemaker service-2.json), and whether AWS checks the
        // S3 objects at creation is unverified — an execution whose constraints are missing fails (monitoring.ts).
        return {
          DataQualityAppSpecification: input.DataQualityAppSpecification, DataQualityBaselineConfig: input.DataQualityBaselineConfig, DataQualityJobInput: input.DataQualityJobInput,
          DataQualityJobOutputConfig: input.DataQualityJobOutputConfig, JobResources: input.JobResources, NetworkConfig: input.NetworkConfig, StoppingCondition: input.StoppingCondition,
          RoleArn: input.RoleArn, EndpointName: endpoint,
        };
      },
      summary: (r) => ({ MonitoringJobDefinitionName: r.name, MonitoringJobDefinitionArn: r.arn, CreationTime: epoch(r.createdAt), EndpointName: r.data.EndpointName }),
    }),
    kindOps(ctx, {
      kind: 'human-task-ui', noun: 'human task UI', arnType: 'human-task-ui', nameField: 'HumanTaskUiName', arnField: 'HumanTaskUiArn',
      ops: { create: 'CreateHumanTaskUi', describe: 'DescribeHumanTaskUi', list: 'ListHumanTaskUis', delete: 'DeleteHumanTaskUi' },
      // DescribeX output without LastModifiedTime (botocore sagemaker service-2.json).
      noLastModified: true,
      listKey: 'HumanTaskUiSummaries', statusField: 'HumanTaskUiStatus', sortKeys: ['CreationTime'],
      // ResourceNotFound: hashicorp/terraform-provider-aws internal/service/sagemaker/find.go (wording unconfirmed)
      missing: (_n, arn) => notFound(`HumanTaskUi ${arn} does not exist.`),
      duplicate: (_n, arn) => inUse(`HumanTaskUi ${arn} already exists.`),
      create(_c, input) {
        const content = (input.UiTemplate as Input | undefined)?.Content;
        if (typeof content !== 'string' || !content.includes('crowd-form')) throw validation('UiTemplate.Content must be a Liquid template with a <crowd-form>.');
        return { UiTemplate: { Url: 'sandbox://human-task-ui', ContentSha256: String(content.length) }, __template: content };
      },
      timeline: (c) => [{ at: c.store.now(), status: 'Active' }],
      summary: (r) => ({ HumanTaskUiName: r.name, HumanTaskUiArn: r.arn, CreationTime: epoch(r.createdAt) }),
    }),
    kindOps(ctx, labelingSpec(ctx)),
    pipelineOps(ctx),
    {
      /** The job's container runs its code (processing-run.ts): the job ends when the code does, never sooner than a real job starts. */
      async CreateProcessingJob(input: Input) {
        const base = kindOps(ctx, processingSpec(ctx));
        const out = await base.__CreateProcessingJob(input);
        startProcessing(ctx, store.get('processing-job', String(input.ProcessingJobName))!, input);
        return out;
      },
      StopProcessingJob(input: Input) {
        const out = kindOps(ctx, processingSpec(ctx)).StopProcessingJob(input);
        runningOf(ctx).get(String(input.ProcessingJobName))?.abort();
        return out;
      },
      /** The manifest is read when the job is created: a bad one fails the call, as on AWS. */
      async CreateLabelingJob(input: Input) {
        const manifest = (((input.InputConfig as Input | undefined)?.DataSource as Input | undefined)?.S3DataSource as Input | undefined)?.ManifestS3Uri;
        if (typeof manifest !== 'string') throw validation('InputConfig.DataSource.S3DataSource.ManifestS3Uri is required.');
        const tasks = await tasksFromManifest(ctx, manifest);
        await checkHumanTaskConfig(ctx, (input.HumanTaskConfig ?? {}) as Input);
        const base = kindOps(ctx, labelingSpec(ctx));
        const out = (await base.__CreateLabelingJob(input)) as { LabelingJobArn: string };
        const job = store.get('labeling-job', String(input.LabelingJobName))!;
        job.data.__tasks = tasks;
        (job.data.LabelCounters as Input).Unlabeled = tasks.length;
        store.changed(job);
        return out;
      },
    },
  );
}

/** Processing jobs: evaluation reports for pipelines and labs. */
function processingSpec(ctx: SandboxContext): KindSpec {
  const { store } = ctx;
  return {
      kind: 'processing-job', noun: 'processing job', arnType: 'processing-job', nameField: 'ProcessingJobName', arnField: 'ProcessingJobArn',
      ops: { create: '__CreateProcessingJob', describe: 'DescribeProcessingJob', list: 'ListProcessingJobs', stop: 'StopProcessingJob' },
      listKey: 'ProcessingJobSummaries', statusField: 'ProcessingJobStatus', stoppable: ['InProgress'],
      // ValidationException "Could not find requested job…" although the model lists ResourceNotFound: https://github.com/aws/sagemaker-python-sdk/issues/5549
      missing: (name) => validation(`Could not find requested job with name ${name}`),
      duplicate: (_n, arn) => inUse(`Processing job names must be unique within an AWS account and region, and a processing job with this name already exists (${arn})`),
      create(c, input) {
        requireString(input, 'RoleArn');
        if (!(input.AppSpecification as Input | undefined)?.ImageUri) throw validation('AppSpecification.ImageUri is required.');
        const res = requireInstance((input.ProcessingResources as Input | undefined)?.ClusterConfig as Input | undefined, 'processingResources.clusterConfig');
        checkQuota(c.contentDir, 'processing', res.type, jobInstances(c, 'processing-job', (d) => (d.ProcessingResources as Input | undefined)?.ClusterConfig as Input, res.type), res.count);
        return { ProcessingInputs: input.ProcessingInputs, ProcessingOutputConfig: input.ProcessingOutputConfig, ProcessingResources: input.ProcessingResources, AppSpecification: input.AppSpecification, Environment: input.Environment, RoleArn: input.RoleArn, StoppingCondition: input.StoppingCondition, ProcessingStartTime: epoch(store.now()) };
      },
      // The end is decided by the container (startProcessing).
      timeline: (c) => [{ at: c.store.now(), status: 'InProgress' }],
      summary: (r) => ({ ProcessingJobName: r.name, ProcessingJobArn: r.arn, CreationTime: epoch(r.createdAt), LastModifiedTime: epoch(store.modifiedAt(r)), ProcessingJobStatus: statusOf(r) }),
    };
}

/** Labeling jobs: a private workforce answers the tasks of the input manifest. */
function labelingSpec(ctx: SandboxContext): KindSpec {
  const { store } = ctx;
  return {
      kind: 'labeling-job', noun: 'labeling job', arnType: 'labeling-job', nameField: 'LabelingJobName', arnField: 'LabelingJobArn',
      ops: { create: '__CreateLabelingJob', describe: 'DescribeLabelingJob', list: 'ListLabelingJobs', stop: 'StopLabelingJob' },
      listKey: 'LabelingJobSummaryList', statusField: 'LabelingJobStatus', stoppable: ['InProgress', 'Initializing'],
      // ResourceNotFound: hashicorp/terraform-provider-aws internal/service/sagemaker/labeling_job.go (wording unconfirmed)
      missing: (_n, arn) => notFound(`Could not find labeling job "${arn}".`),
      duplicate: (_n, arn) => inUse(`Labeling job ${arn} already exists.`),
      create(_c, input) {
        requireString(input, 'LabelAttributeName');
        requireString(input, 'RoleArn');
        const htc = input.HumanTaskConfig as Input | undefined;
        if (!htc?.WorkteamArn) throw validation('HumanTaskConfig.WorkteamArn is required.');
        // The API model bounds NumberOfHumanWorkersPerDataObject to 1..9.
        const workers = Number(htc.NumberOfHumanWorkersPerDataObject ?? 1);
        const at = "at 'humanTaskConfig.numberOfHumanWorkersPerDataObject' failed to satisfy constraint: Member must have value";
        if (!(workers >= 1)) throw validation(`1 validation error detected: Value '${String(htc.NumberOfHumanWorkersPerDataObject)}' ${at} greater than or equal to 1`);
        if (workers > 9) throw validation(`1 validation error detected: Value '${workers}' ${at} less than or equal to 9`);
        return { LabelAttributeName: input.LabelAttributeName, JobReferenceCode: randomUUID(), InputConfig: input.InputConfig, OutputConfig: input.OutputConfig, HumanTaskConfig: htc, RoleArn: input.RoleArn, LabelCounters: { TotalLabeled: 0, HumanLabeled: 0, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: 0 } };
      },
      timeline: (c) => [{ at: c.store.now(), status: 'Initializing' }, { at: c.store.now() + c.store.scaled(MIN), status: 'InProgress' }],
      stopTimeline: (c) => [{ at: c.store.now(), status: 'Stopping' }, { at: c.store.now() + c.store.scaled(MIN), status: 'Stopped' }],
      summary: (r) => ({ LabelingJobName: r.name, LabelingJobArn: r.arn, CreationTime: epoch(r.createdAt), LastModifiedTime: epoch(store.modifiedAt(r)), LabelingJobStatus: statusOf(r), LabelCounters: r.data.LabelCounters, WorkteamArn: (r.data.HumanTaskConfig as Input).WorkteamArn }),
    };
}

/** Model registry versions: named by ARN `…:model-package/<group>/<version>`. */
/** ModelPackageStatus's values (botocore sagemaker service-2.json). */
const MODEL_PACKAGE_STATUS = ['Pending', 'InProgress', 'Completed', 'Failed', 'Deleting'] as const;

function modelPackageOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const byName = (name: string) => store.list('model-package').find((p) => p.arn === name || p.name === name);
  return {
    CreateModelPackage(input) {
      // ModelPackageGroupName is `ArnOrName` in CreateModelPackage and ListModelPackages.
      const group = requireNameOrArn(ctx, input, 'ModelPackageGroupName', 'model-package-group', 'model-package-group');
      if (!store.get('model-package-group', group)) throw validation(`ModelPackageGroup ${arnFor(ctx, 'model-package-group', group)} does not exist.`);
      requireEnum(input, 'ModelApprovalStatus', APPROVAL);
      const version = store.nextId(`mpg:${group}`);
      const name = `${group}/${version}`;
      const arn = arnFor(ctx, 'model-package', name);
      store.create('model-package', name, arn, {
        ModelPackageGroupName: group, ModelPackageVersion: version, ModelPackageArn: arn, ModelPackageName: group,
        InferenceSpecification: input.InferenceSpecification, ModelApprovalStatus: input.ModelApprovalStatus ?? 'PendingManualApproval',
        ModelMetrics: input.ModelMetrics, ModelPackageDescription: input.ModelPackageDescription, CustomerMetadataProperties: input.CustomerMetadataProperties,
      }, [{ at: store.now(), status: 'Completed' }]);
      store.addTags(arn, (input.Tags as { Key: string; Value: string }[] | undefined) ?? []);
      return { ModelPackageArn: arn };
    },
    ...typedOps({ DescribeModelPackage: (input) => {
      const r = byName(requireString(input, 'ModelPackageName'));
      if (!r) throw validation(`ModelPackage ${String(input.ModelPackageName)} does not exist.`);
      // What CreateModelPackage/UpdateModelPackage stored: members of the same API shapes.
      const d: Partial<OpOutput<'DescribeModelPackage'>> = fields(r);
      return {
        ModelPackageName: d.ModelPackageName ?? r.name, ModelPackageGroupName: d.ModelPackageGroupName, ModelPackageVersion: d.ModelPackageVersion,
        ModelPackageArn: r.arn, ModelPackageDescription: d.ModelPackageDescription, InferenceSpecification: d.InferenceSpecification,
        ModelApprovalStatus: d.ModelApprovalStatus, ApprovalDescription: d.ApprovalDescription, ModelMetrics: d.ModelMetrics,
        CustomerMetadataProperties: d.CustomerMetadataProperties,
        ModelPackageStatus: MODEL_PACKAGE_STATUS.find((s) => s === statusOf(r)) ?? 'Completed',
        // ModelPackageStatusDetails and its ValidationStatuses are required members (botocore sagemaker service-2.json); the
        // sandbox runs no validation profiles or image scans, so both lists are empty (the real values for such a package: unverified).
        ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
        CreationTime: epoch(r.createdAt), LastModifiedTime: epoch(store.modifiedAt(r)),
      };
    } }),
    ListModelPackages(input) {
      const group = input.ModelPackageGroupName === undefined ? undefined : requireNameOrArn(ctx, input, 'ModelPackageGroupName', 'model-package-group', 'model-package-group');
      const approval = requireEnum(input, 'ModelApprovalStatus', APPROVAL);
      requireEnum(input, 'SortBy', ['Name', 'CreationTime']);
      const order = requireEnum(input, 'SortOrder', ['Ascending', 'Descending']) ?? 'Descending';
      const all = store.list('model-package').filter((p) => !group || p.data.ModelPackageGroupName === group).filter((p) => !approval || p.data.ModelApprovalStatus === approval);
      all.sort((a, b) => (a.createdAt - b.createdAt || Number(a.data.ModelPackageVersion) - Number(b.data.ModelPackageVersion)) * (order === 'Ascending' ? 1 : -1));
      const { page, NextToken } = pageOf(all, input, 100);
      return {
        ModelPackageSummaryList: page.map((p) => ({ ModelPackageGroupName: p.data.ModelPackageGroupName, ModelPackageVersion: p.data.ModelPackageVersion, ModelPackageArn: p.arn, ModelPackageName: p.data.ModelPackageName, CreationTime: epoch(p.createdAt), ModelPackageStatus: statusOf(p), ModelApprovalStatus: p.data.ModelApprovalStatus })),
        NextToken,
      };
    },
    UpdateModelPackage(input) {
      const r = byName(requireString(input, 'ModelPackageArn'));
      if (!r) throw validation(`ModelPackage ${String(input.ModelPackageArn)} does not exist.`);
      if (input.ModelApprovalStatus) {
        requireEnum(input, 'ModelApprovalStatus', APPROVAL);
        r.data.ModelApprovalStatus = input.ModelApprovalStatus;
        r.data.ApprovalDescription = input.ApprovalDescription;
        store.changed(r);
      }
      return { ModelPackageArn: r.arn };
    },
    DeleteModelPackage(input) {
      const r = byName(requireString(input, 'ModelPackageName'));
      if (!r) throw validation(`ModelPackage ${String(input.ModelPackageName)} does not exist.`);
      store.remove(r);
      return {};
    },
  };
}

/** Pipelines (their executions run in pipeline-executor.ts). */
function pipelineOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const base = kindOps(ctx, {
    kind: 'pipeline', noun: 'pipeline', arnType: 'pipeline', nameField: 'PipelineName', arnField: 'PipelineArn',
    ops: { create: 'CreatePipeline', describe: 'DescribePipeline', list: 'ListPipelines', delete: '__DeletePipeline' },
    listKey: 'PipelineSummaries', statusField: 'PipelineStatus', sortKeys: ['Name', 'CreationTime'], arnAccepted: ['describe'],
    // ResourceNotFound on describe/update/delete: hashicorp/terraform-provider-aws internal/service/sagemaker/pipeline.go (wording unconfirmed)
    missing: (_n, arn) => notFound(`Pipeline '${arn}' does not exist.`),
    // ValidationException "Pipeline names must be unique within…": aws/sagemaker-python-sdk src/sagemaker/workflow/pipeline.py (Pipeline.upsert)
    duplicate: (name) => validation(`Pipeline names must be unique within an AWS account and region. Pipeline with name (${name}) already exists.`),
    create(c, input) {
      const def = requireString(input, 'PipelineDefinition');
      let parsed: Input;
      try {
        parsed = JSON.parse(def) as Input;
      } catch {
        throw validation('PipelineDefinition is not valid JSON.');
      }
      if (!Array.isArray(parsed.Steps) || parsed.Steps.length === 0) throw validation('The pipeline definition has no Steps.');
      requireString(input, 'RoleArn');
      return { PipelineDefinition: def, RoleArn: input.RoleArn, PipelineDisplayName: input.PipelineDisplayName ?? input.PipelineName, PipelineDescription: input.PipelineDescription, CreatedBy: createdBy(c), LastModifiedBy: createdBy(c) };
    },
    timeline: (c) => [{ at: c.store.now(), status: 'Active' }],
    summary: (r) => ({ PipelineName: r.name, PipelineArn: r.arn, PipelineDisplayName: r.data.PipelineDisplayName, RoleArn: r.data.RoleArn, CreationTime: epoch(r.createdAt), LastModifiedTime: epoch(store.modifiedAt(r)) }),
  });
  const pipeline = (name: string) => {
    const r = store.get('pipeline', name);
    if (!r) throw notFound(`Pipeline '${arnFor(ctx, 'pipeline', name)}' does not exist.`);
    return r;
  };
  return {
    ...base,
    UpdatePipeline(input) {
      const r = pipeline(requireName(input, 'PipelineName'));
      if (input.PipelineDefinition) r.data.PipelineDefinition = input.PipelineDefinition;
      store.changed(r);
      return { PipelineArn: r.arn };
    },
    DeletePipeline(input) {
      const r = pipeline(requireName(input, 'PipelineName'));
      for (const e of store.list('pipeline-execution').filter((x) => x.data.PipelineArn === r.arn)) store.remove(e);
      store.remove(r);
      return { PipelineArn: r.arn };
    },
  };
}


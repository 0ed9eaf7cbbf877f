import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';
import { inUse, validation } from '../errors.ts';
import { checkQuota } from '../quotas.ts';
import { kindHandlers, kindOps, type KindSpec } from './kinds.ts';
import { runProcessingContainer, type ProcessingRun } from './processing-run.ts';
import { described, epoch, register, requireString, statusOf, typedOps, type OpInput, type Operations } from './util.ts';

type ProcessingInput = OpInput<'CreateProcessingJob'>;
import { jobInstances, MIN, requireInstance } from './jobs.ts';
import { typicalMinutes } from '../../resources/durations.ts';

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
function startProcessing(ctx: SandboxContext, job: ResourceRecord, input: ProcessingRun): void {
  const { store } = ctx;
  const running = runningOf(ctx);
  if (running.has(job.name)) return;
  const abort = new AbortController();
  running.set(job.name, abort);
  const logs = (job.data.__logs = [] as string[]);
  void (async () => {
    const injected = ctx.faults.jobFailure();
    const outcome = injected
      ? {
          ok: false as const,
          reason: 'AlgorithmError: the processing container exited with a non-zero code (injected fault)',
          exitMessage: 'injected fault',
          logs,
        }
      : await runProcessingContainer(ctx, input, (l) => logs.push(l), abort.signal).catch((e: Error) => ({
          ok: false as const,
          reason: `InternalServerError: ${e.message}`,
          exitMessage: e.message,
          logs,
        }));
    running.delete(job.name);
    if (store.closed || !store.get('processing-job', job.name) || statusOf(job) !== 'InProgress') return;
    const at = Math.max(store.now(), job.createdAt + store.scaled((typicalMinutes('processing-job', 'InProgress') ?? 5) * MIN));
    store.reschedule(job, [
      outcome.ok
        ? { at, status: 'Completed', patch: { ProcessingEndTime: epoch(at), ExitMessage: '' } }
        : {
            at,
            status: 'Failed',
            patch: { ProcessingEndTime: epoch(at), FailureReason: outcome.reason, ExitMessage: outcome.exitMessage },
          },
    ]);
  })();
}

/** Processing jobs: the job's container runs its code (processing-run.ts); the job ends when the code does, never sooner than a real job starts. */
export function processingJobOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  // A new runner starts again the containers of the jobs the previous one left running (their code is idempotent or not: as a retried job).
  setTimeout(() => {
    if (!store.closed)
      for (const r of store.list('processing-job'))
        if (statusOf(r) === 'InProgress' && !runningOf(ctx).has(r.name)) startProcessing(ctx, r, described<'DescribeProcessingJob'>(r));
  }, 0);
  const spec = processingSpec(ctx);
  const kind = kindHandlers<ProcessingInput>(ctx, spec);
  return register(
    kindOps<ProcessingInput>(ctx, spec),
    typedOps({
      CreateProcessingJob: async (input) => {
        await kind.create(input);
        const job = store.get('processing-job', String(input.ProcessingJobName))!;
        startProcessing(ctx, job, input);
        return { ProcessingJobArn: job.arn };
      },
      StopProcessingJob: (input) => {
        kind.stop(input);
        runningOf(ctx).get(String(input.ProcessingJobName))?.abort();
        return {};
      },
    }),
  );
}

/** Processing jobs: evaluation reports for pipelines and labs. */
function processingSpec(ctx: SandboxContext): KindSpec<ProcessingInput> {
  const { store } = ctx;
  return {
    kind: 'processing-job',
    noun: 'processing job',
    arnType: 'processing-job',
    nameField: 'ProcessingJobName',
    arnField: 'ProcessingJobArn',
    // CreateProcessingJob and StopProcessingJob also start and stop the container (processingJobOps).
    ops: { describe: 'DescribeProcessingJob', list: 'ListProcessingJobs' },
    listKey: 'ProcessingJobSummaries',
    statusField: 'ProcessingJobStatus',
    stoppable: ['InProgress'],
    // ValidationException "Could not find requested job…" although the model lists ResourceNotFound: https://github.com/aws/sagemaker-python-sdk/issues/5549
    missing: (name) => validation(`Could not find requested job with name ${name}`),
    duplicate: (_n, arn) =>
      inUse(
        `Processing job names must be unique within an AWS account and region, and a processing job with this name already exists (${arn})`,
      ),
    create(c, input) {
      requireString(input, 'RoleArn');
      if (!input.AppSpecification?.ImageUri) throw validation('AppSpecification.ImageUri is required.');
      const res = requireInstance(input.ProcessingResources?.ClusterConfig, 'processingResources.clusterConfig');
      checkQuota(
        c.contentDir,
        'processing',
        res.type,
        jobInstances(c, 'processing-job', (r) => described<'DescribeProcessingJob'>(r).ProcessingResources?.ClusterConfig, res.type),
        res.count,
      );
      return {
        ProcessingInputs: input.ProcessingInputs,
        ProcessingOutputConfig: input.ProcessingOutputConfig,
        ProcessingResources: input.ProcessingResources,
        AppSpecification: input.AppSpecification,
        Environment: input.Environment,
        RoleArn: input.RoleArn,
        StoppingCondition: input.StoppingCondition,
        ProcessingStartTime: epoch(store.now()),
      };
    },
    // The end is decided by the container (startProcessing).
    timeline: (c) => [{ at: c.store.now(), status: 'InProgress' }],
    summary: (r) => ({
      ProcessingJobName: r.name,
      ProcessingJobArn: r.arn,
      CreationTime: epoch(r.createdAt),
      LastModifiedTime: epoch(store.modifiedAt(r)),
      ProcessingJobStatus: statusOf(r),
    }),
  };
}

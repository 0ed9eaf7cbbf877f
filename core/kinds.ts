/**
 * The workshop's resource kinds, each described once: what a person calls it, when the cleanup deletes it, how AWS
 * bills it, which quota it counts against and how the kernel follows its long operations. The runner (resources,
 * cost, kernel), the sandbox, the labs and the site all read these facts from here; what only an SDK can do (list,
 * describe, delete) stays in runner/resources/kinds.ts. No imports: the browser bundles this file too.
 *
 * Adding a kind: a row here, its SDK calls in runner/resources/kinds.ts, and the sandbox's handler.
 */

/** Which column of the price table (content/prices.json) bills a kind. */
export type Usage = 'hosting' | 'training' | 'processing';

/** Which Service Quotas family a kind's instances count against (content/quotas.json's tables). */
export type QuotaUsage = 'endpoint' | 'training' | 'processing';

/** Where a watched operation stands: still going, or how it ended. */
export type ProgressState = 'running' | 'succeeded' | 'failed' | 'stopped';

export interface KindFacts {
  /** How a person names it at the start of a sentence: "Training job naxt-tune is Completed". */
  label: string;
  /** Cleanup order, lower first (monitoring before endpoints before configs before models…); absent: the cleanup does not list it. */
  phase?: number;
  /** One per account, shared by every session (runner/resources/shared.ts). */
  accountWide?: boolean;
  /** Statuses after which a job is left as SageMaker keeps it: finished jobs cost nothing and cannot be deleted. */
  terminal?: readonly string[];
  billing?: {
    usage: Usage;
    /**
     * `uptime`: instance-hours for every minute it is up (hosting, "billed by the second"), plus the creation time
     * AWS takes; `duration`: instance-hours of the job's own duration on AWS.
     */
    per: 'uptime' | 'duration';
    /** Statuses in which its running instances cost money (the live meter); absent: only estimated per lab. */
    while?: readonly string[];
    /** The SDK call that starts it, when the session's ledger is enough to bill a job that ended unseen. */
    startedBy?: string;
  };
  /** Its instances count against "<instance type> for <quota usage> usage". */
  quota?: QuotaUsage;
  /** A long operation the kernel shows as a progress bar, from the Describe answers a cell already receives. */
  progress?: {
    /** The Describe operation whose answer carries the status. */
    describe: string;
    /** The answer's status field, and the field (of the answer, else the request) that names the resource. */
    status: string;
    name: string;
    /** Statuses of an operation still under way; content/durations.json gives each one's typical minutes. */
    running: readonly string[];
    /** Final statuses and what each means. */
    ended: Readonly<Record<string, Exclude<ProgressState, 'running'>>>;
    /** Calls that start an operation: the next Describe shows a bar even if it is already done. */
    startedBy: readonly string[];
    /** The answer's field that says more than the status (a training job's SecondaryStatus). */
    detail?: string;
  };
}

/** The statuses a SageMaker job ends in. */
export const JOB_FINISHED = ['Completed', 'Failed', 'Stopped'] as const;
const JOB_ENDED = { Completed: 'succeeded', Failed: 'failed', Stopped: 'stopped' } as const;

export const KINDS = {
  'monitoring-schedule': {
    label: 'Monitoring schedule',
    phase: 10,
    billing: { usage: 'processing', per: 'duration' },
    progress: {
      describe: 'DescribeMonitoringSchedule',
      status: 'MonitoringScheduleStatus',
      name: 'MonitoringScheduleName',
      running: ['Pending'],
      ended: { Scheduled: 'succeeded', Failed: 'failed', Stopped: 'stopped' },
      startedBy: ['CreateMonitoringSchedule'],
    },
  },
  'data-quality-job-definition': { label: 'Data quality job definition', phase: 12 },
  'training-job': {
    label: 'Training job',
    phase: 15,
    terminal: JOB_FINISHED,
    billing: { usage: 'training', per: 'duration', while: ['InProgress', 'Stopping'], startedBy: 'CreateTrainingJob' },
    quota: 'training',
    progress: {
      describe: 'DescribeTrainingJob',
      status: 'TrainingJobStatus',
      name: 'TrainingJobName',
      running: ['InProgress', 'Stopping'],
      ended: JOB_ENDED,
      startedBy: ['CreateTrainingJob'],
      detail: 'SecondaryStatus',
    },
  },
  'processing-job': {
    label: 'Processing job',
    phase: 15,
    terminal: JOB_FINISHED,
    billing: { usage: 'processing', per: 'duration', while: ['InProgress', 'Stopping'], startedBy: 'CreateProcessingJob' },
    quota: 'processing',
    progress: {
      describe: 'DescribeProcessingJob',
      status: 'ProcessingJobStatus',
      name: 'ProcessingJobName',
      running: ['InProgress', 'Stopping'],
      ended: JOB_ENDED,
      startedBy: ['CreateProcessingJob'],
    },
  },
  'labeling-job': {
    label: 'Labeling job',
    phase: 15,
    terminal: JOB_FINISHED,
    billing: { usage: 'processing', per: 'duration' },
    progress: {
      describe: 'DescribeLabelingJob',
      status: 'LabelingJobStatus',
      name: 'LabelingJobName',
      running: ['Initializing', 'InProgress', 'Stopping'],
      ended: JOB_ENDED,
      startedBy: ['CreateLabelingJob'],
    },
  },
  endpoint: {
    label: 'Endpoint',
    phase: 20,
    billing: { usage: 'hosting', per: 'uptime', while: ['Creating', 'InService', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting'] },
    quota: 'endpoint',
    progress: {
      describe: 'DescribeEndpoint',
      status: 'EndpointStatus',
      name: 'EndpointName',
      running: ['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting', 'UpdateRollbackFailed'],
      ended: { InService: 'succeeded', Failed: 'failed', OutOfService: 'failed' },
      startedBy: ['CreateEndpoint', 'UpdateEndpoint', 'DeleteEndpoint'],
    },
  },
  'endpoint-config': { label: 'Endpoint configuration', phase: 30 },
  pipeline: { label: 'Pipeline', phase: 40 },
  'pipeline-execution': {
    label: 'Pipeline execution',
    billing: { usage: 'training', per: 'duration' },
    progress: {
      describe: 'DescribePipelineExecution',
      status: 'PipelineExecutionStatus',
      name: 'PipelineExecutionArn',
      running: ['Executing', 'Stopping'],
      ended: { Succeeded: 'succeeded', Failed: 'failed', Stopped: 'stopped' },
      startedBy: ['StartPipelineExecution'],
    },
  },
  model: { label: 'Model', phase: 45 },
  'model-package': { label: 'Model package', phase: 50 },
  'model-package-group': { label: 'Model package group', phase: 55 },
  'human-task-ui': { label: 'Human task UI', phase: 60 },
  // Ground Truth's private workforce: workteam (65) → workforce (66) → user group and app client (67) → user pool (68).
  workteam: { label: 'Workteam', phase: 65 },
  workforce: { label: 'Workforce', phase: 66 },
  'cognito-group': { label: 'Cognito user group', phase: 67 },
  'cognito-user-pool-client': { label: 'Cognito app client', phase: 67 },
  'cognito-user-pool': { label: 'Cognito user pool', phase: 68 },
  'iam-role': { label: 'IAM role', phase: 85, accountWide: true },
  // Emptied, then deleted last: everything before may still write to it.
  's3-bucket': { label: 'S3 bucket', phase: 90 },
} as const satisfies Record<string, KindFacts>;

/** A resource kind's id, e.g. 'training-job'. */
export type KindId = keyof typeof KINDS;

/** Kinds whose long operations the kernel follows. */
export type ProgressKind = { [K in KindId]: (typeof KINDS)[K] extends { progress: object } ? K : never }[KindId];

export const kindIds = Object.keys(KINDS) as KindId[];

export const isKind = (kind: string): kind is KindId => Object.hasOwn(KINDS, kind);

export const isProgressKind = (kind: string): kind is ProgressKind => isKind(kind) && 'progress' in KINDS[kind];

/** The facts of a kind, or undefined for a string that names none. */
export const kindFacts = (kind: string): KindFacts | undefined => (isKind(kind) ? KINDS[kind] : undefined);

/** "Training job", or the id itself for a kind the table does not know. */
export const kindLabel = (kind: string): string => kindFacts(kind)?.label ?? kind;

/** The price table's column for a kind; undefined when the workshop does not price it. */
export const usageOf = (kind: string): Usage | undefined => kindFacts(kind)?.billing?.usage;

/** How Service Quotas names a quota: "ml.g5.2xlarge for endpoint usage", "ml.g5.2xlarge for training job usage". */
export const quotaName = (instanceType: string, usage: QuotaUsage): string =>
  `${instanceType} for ${usage === 'endpoint' ? 'endpoint' : `${usage} job`} usage`;

/** The quota a kind's instances count against, or undefined when none does. */
export function kindQuotaName(kind: string, instanceType: string): string | undefined {
  const usage = kindFacts(kind)?.quota;
  return usage ? quotaName(instanceType, usage) : undefined;
}

/** Every quota family, in the order Service Quotas lists them. */
export const quotaUsages: readonly QuotaUsage[] = ['endpoint', 'training', 'processing'];

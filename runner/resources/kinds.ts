import {
  paginateListEndpoints,
  paginateListEndpointConfigs,
  paginateListModels,
  paginateListTrainingJobs,
  paginateListProcessingJobs,
  paginateListMonitoringSchedules,
  paginateListPipelines,
  paginateListModelPackageGroups,
  paginateListModelPackages,
  paginateListLabelingJobs,
  paginateListHumanTaskUis,
  paginateListWorkteams,
  paginateListDataQualityJobDefinitions,
  paginateListPipelineExecutions,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  StopTrainingJobCommand,
  StopProcessingJobCommand,
  DeleteMonitoringScheduleCommand,
  DeletePipelineCommand,
  DeleteModelPackageGroupCommand,
  DeleteModelPackageCommand,
  StopLabelingJobCommand,
  DeleteHumanTaskUiCommand,
  DeleteWorkteamCommand,
  DeleteDataQualityJobDefinitionCommand,
  StopPipelineExecutionCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeTrainingJobCommand,
  DescribeProcessingJobCommand,
  ListTagsCommand,
  paginateListWorkforces,
  DeleteWorkforceCommand,
  DescribeWorkforceCommand,
} from '@aws-sdk/client-sagemaker';
import {
  paginateListUserPools,
  paginateListGroups,
  paginateListUserPoolClients,
  DescribeUserPoolCommand,
  DeleteUserPoolCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  paginateListRoles,
  ListRoleTagsCommand,
  ListAttachedRolePoliciesCommand,
  DetachRolePolicyCommand,
  ListRolePoliciesCommand,
  DeleteRolePolicyCommand,
  DeleteRoleCommand,
  GetRoleCommand,
} from '@aws-sdk/client-iam';
import type { CheckClients } from '../checks/types.ts';
import { KINDS, JOB_FINISHED, type KindFacts, type KindId } from '../../core/kinds.ts';
import { isNotFound as notFound } from './not-found.ts';

/** One thing in the account, as the workshop sees it. */
export interface FoundResource {
  /** Its row of core/kinds.ts. */
  kind: KindId;
  name: string;
  arn: string;
  status?: string;
  createdAt?: Date;
  /** Set for billable running things: what it runs on. */
  instanceType?: string;
  instanceCount?: number;
  tags?: Record<string, string>;
}

/** What a job's description says about its billing: where it stands, what it ran on, when it ran. */
export interface JobRun {
  status?: string;
  instanceType?: string;
  instanceCount?: number;
  createdAt?: Date;
  startedAt?: Date;
  endedAt?: Date;
  /** What AWS bills, when the job's description says it (a training job's BillableTimeInSeconds). */
  billableSeconds?: number;
}

/** What only the SDK can do for a kind: list it, read its tags, delete (or stop) it and know that it is gone. */
interface SdkCalls {
  list(c: CheckClients): AsyncIterable<Omit<FoundResource, 'kind'>>;
  /** Adds status and instance details (e.g. an endpoint's instance type from its config). */
  describe?(c: CheckClients, r: FoundResource): Promise<FoundResource>;
  /** Deletes or stops it. Stopping a job is the end of its life: a stopped job costs nothing. */
  remove(c: CheckClients, r: FoundResource): Promise<void>;
  /** True when nothing of it is left that costs money or blocks a later phase. */
  isDone(c: CheckClients, r: FoundResource): Promise<boolean>;
  /** How to read its tags, when not with SageMaker's ListTags. */
  tags?(c: CheckClients, r: FoundResource): Promise<Record<string, string>>;
  /** A job billed for its duration: its description, for the session's bill (runner/cost/bill.ts). */
  job?(c: CheckClients, name: string): Promise<JobRun>;
}

/** A resource kind: its SDK calls, with the facts of core/kinds.ts it is listed and deleted by. */
export interface ResourceKind extends Omit<SdkCalls, 'list'> {
  kind: KindId;
  /** Deletion phase: lower first (monitoring before endpoints before configs before models…). */
  phase: number;
  /** Running instances cost money while the status is one of these. */
  billableWhile?: readonly string[];
  list(c: CheckClients): AsyncIterable<FoundResource>;
  /** Jobs cannot be deleted: once stopped (or finished) they are left, as SageMaker keeps them. */
  terminalStatuses?: readonly string[];
  /**
   * One per account, used by every session (IAM is global and the workshop names its role without a session):
   * shared even when an older workshop tagged it with the session that created it (core/tags.ts).
   */
  accountWide?: boolean;
}

/** The kinds the cleanup lists through SageMaker, Cognito and IAM (S3 buckets have their own scan: discover.ts). */
type ListedKind = Exclude<{ [K in KindId]: (typeof KINDS)[K] extends { phase: number } ? K : never }[KindId], 's3-bucket'>;

/** A resource is gone when describing it answers "not found". */
async function gone(describe: () => Promise<unknown>): Promise<boolean> {
  try {
    await describe();
    return false;
  } catch (e) {
    if (notFound(e)) return true;
    throw e;
  }
}

export async function tagsOf(c: CheckClients, arn: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  let NextToken: string | undefined;
  do {
    const page = await c.sagemaker.send(new ListTagsCommand({ ResourceArn: arn, NextToken, MaxResults: 100 }));
    for (const t of page.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
    NextToken = page.NextToken;
  } while (NextToken);
  return tags;
}

const JOB_DONE: readonly string[] = JOB_FINISHED;

/** The account's Cognito user pools named like the workshop's (accounts may hold many; only these are worth a tag lookup). */
async function* workshopPools(c: CheckClients): AsyncIterable<{ id: string; arn: string; createdAt?: Date }> {
  for await (const p of paginateListUserPools({ client: c.cognito }, { MaxResults: 60 }))
    for (const u of p.UserPools ?? []) {
      if (!u.Id || !u.Name?.startsWith('naxt-')) continue;
      const d = (await c.cognito.send(new DescribeUserPoolCommand({ UserPoolId: u.Id }))).UserPool;
      if (d?.Arn) yield { id: u.Id, arn: d.Arn, createdAt: u.CreationDate };
    }
}

/** A user pool's tags: DescribeUserPool answers them (UserPoolTags) without needing the pool's ARN. */
async function poolTags(c: CheckClients, id: string): Promise<Record<string, string>> {
  return (await c.cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool?.UserPoolTags ?? {};
}

/** The private workforce that names this user pool (and app client) in its CognitoConfig, if any. */
async function workforceUsing(c: CheckClients, pool: string, client?: string): Promise<string | undefined> {
  for await (const p of paginateListWorkforces({ client: c.sagemaker }, {}))
    for (const w of p.Workforces ?? [])
      if (w.CognitoConfig?.UserPool === pool && (!client || w.CognitoConfig.ClientId === client)) return w.WorkforceName;
  return undefined;
}

const SDK_CALLS: { [K in ListedKind]: SdkCalls } = {
  'monitoring-schedule': {
    async *list(c) {
      for await (const p of paginateListMonitoringSchedules({ client: c.sagemaker }, {}))
        for (const s of p.MonitoringScheduleSummaries ?? [])
          yield {
            name: s.MonitoringScheduleName!,
            arn: s.MonitoringScheduleArn!,
            status: s.MonitoringScheduleStatus,
            createdAt: s.CreationTime,
          };
    },
    remove: (c, r) => c.sagemaker.send(new DeleteMonitoringScheduleCommand({ MonitoringScheduleName: r.name })).then(() => undefined),
    isDone: async (c, r) => {
      for await (const p of paginateListMonitoringSchedules({ client: c.sagemaker }, { NameContains: r.name }))
        if ((p.MonitoringScheduleSummaries ?? []).some((s) => s.MonitoringScheduleName === r.name)) return false;
      return true;
    },
  },
  endpoint: {
    async *list(c) {
      for await (const p of paginateListEndpoints({ client: c.sagemaker }, {}))
        for (const e of p.Endpoints ?? [])
          yield { name: e.EndpointName!, arn: e.EndpointArn!, status: e.EndpointStatus, createdAt: e.CreationTime };
    },
    async describe(c, r) {
      const d = await c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: r.name }));
      let instanceType: string | undefined;
      let instanceCount = 0;
      for (const v of d.ProductionVariants ?? []) instanceCount += v.CurrentInstanceCount ?? v.DesiredInstanceCount ?? 0;
      if (d.EndpointConfigName) {
        try {
          const cfg = await c.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: d.EndpointConfigName }));
          const v = cfg.ProductionVariants?.[0];
          instanceType = v?.InstanceType;
          instanceCount ||= (cfg.ProductionVariants ?? []).reduce((n, x) => n + (x.InitialInstanceCount ?? 0), 0);
        } catch (e) {
          if (!notFound(e)) throw e;
        }
      }
      return { ...r, status: d.EndpointStatus, instanceType, instanceCount: instanceCount || undefined };
    },
    remove: (c, r) => c.sagemaker.send(new DeleteEndpointCommand({ EndpointName: r.name })).then(() => undefined),
    isDone: (c, r) => gone(() => c.sagemaker.send(new DescribeEndpointCommand({ EndpointName: r.name }))),
  },
  'endpoint-config': {
    async *list(c) {
      for await (const p of paginateListEndpointConfigs({ client: c.sagemaker }, {}))
        for (const e of p.EndpointConfigs ?? [])
          yield { name: e.EndpointConfigName!, arn: e.EndpointConfigArn!, createdAt: e.CreationTime };
    },
    remove: (c, r) => c.sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: r.name })).then(() => undefined),
    isDone: (c, r) => gone(() => c.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: r.name }))),
  },
  'training-job': {
    async *list(c) {
      for await (const p of paginateListTrainingJobs({ client: c.sagemaker }, {}))
        for (const j of p.TrainingJobSummaries ?? [])
          yield { name: j.TrainingJobName!, arn: j.TrainingJobArn!, status: j.TrainingJobStatus, createdAt: j.CreationTime };
    },
    async describe(c, r) {
      const d = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: r.name }));
      return {
        ...r,
        status: d.TrainingJobStatus,
        instanceType: d.ResourceConfig?.InstanceType,
        instanceCount: d.ResourceConfig?.InstanceCount,
      };
    },
    async job(c, name) {
      const j = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
      const rc = j.ResourceConfig;
      return {
        status: j.TrainingJobStatus,
        instanceType: rc?.InstanceType,
        instanceCount: rc?.InstanceCount,
        createdAt: j.CreationTime,
        startedAt: j.TrainingStartTime,
        endedAt: j.TrainingEndTime,
        billableSeconds: j.BillableTimeInSeconds,
      };
    },
    remove: (c, r) => c.sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: r.name })).then(() => undefined),
    isDone: async (c, r) =>
      JOB_DONE.includes((await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: r.name }))).TrainingJobStatus ?? ''),
  },
  'processing-job': {
    async *list(c) {
      for await (const p of paginateListProcessingJobs({ client: c.sagemaker }, {}))
        for (const j of p.ProcessingJobSummaries ?? [])
          yield { name: j.ProcessingJobName!, arn: j.ProcessingJobArn!, status: j.ProcessingJobStatus, createdAt: j.CreationTime };
    },
    async describe(c, r) {
      const d = await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: r.name }));
      const cluster = d.ProcessingResources?.ClusterConfig;
      return { ...r, status: d.ProcessingJobStatus, instanceType: cluster?.InstanceType, instanceCount: cluster?.InstanceCount };
    },
    async job(c, name) {
      const j = await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: name }));
      const rc = j.ProcessingResources?.ClusterConfig;
      return {
        status: j.ProcessingJobStatus,
        instanceType: rc?.InstanceType,
        instanceCount: rc?.InstanceCount,
        createdAt: j.CreationTime,
        startedAt: j.ProcessingStartTime,
        endedAt: j.ProcessingEndTime,
      };
    },
    remove: (c, r) => c.sagemaker.send(new StopProcessingJobCommand({ ProcessingJobName: r.name })).then(() => undefined),
    isDone: async (c, r) =>
      JOB_DONE.includes(
        (await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: r.name }))).ProcessingJobStatus ?? '',
      ),
  },
  'labeling-job': {
    async *list(c) {
      for await (const p of paginateListLabelingJobs({ client: c.sagemaker }, {}))
        for (const j of p.LabelingJobSummaryList ?? [])
          yield { name: j.LabelingJobName!, arn: j.LabelingJobArn!, status: j.LabelingJobStatus, createdAt: j.CreationTime };
    },
    remove: (c, r) => c.sagemaker.send(new StopLabelingJobCommand({ LabelingJobName: r.name })).then(() => undefined),
    isDone: async (c, r) => {
      for await (const p of paginateListLabelingJobs({ client: c.sagemaker }, { NameContains: r.name }))
        for (const j of p.LabelingJobSummaryList ?? [])
          if (j.LabelingJobName === r.name) return JOB_DONE.includes(j.LabelingJobStatus ?? '');
      return true;
    },
  },
  pipeline: {
    async *list(c) {
      for await (const p of paginateListPipelines({ client: c.sagemaker }, {}))
        for (const x of p.PipelineSummaries ?? []) yield { name: x.PipelineName!, arn: x.PipelineArn!, createdAt: x.CreationTime };
    },
    async remove(c, r) {
      // Running executions go first: a pipeline is deleted with its history once nothing of it runs.
      for await (const p of paginateListPipelineExecutions({ client: c.sagemaker }, { PipelineName: r.name }))
        for (const e of p.PipelineExecutionSummaries ?? [])
          if (e.PipelineExecutionStatus === 'Executing')
            await c.sagemaker.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: e.PipelineExecutionArn }));
      await c.sagemaker.send(new DeletePipelineCommand({ PipelineName: r.name }));
    },
    isDone: async (c, r) => {
      for await (const p of paginateListPipelines({ client: c.sagemaker }, { PipelineNamePrefix: r.name }))
        if ((p.PipelineSummaries ?? []).some((x) => x.PipelineName === r.name)) return false;
      return true;
    },
  },
  model: {
    async *list(c) {
      for await (const p of paginateListModels({ client: c.sagemaker }, {}))
        for (const m of p.Models ?? []) yield { name: m.ModelName!, arn: m.ModelArn!, createdAt: m.CreationTime };
    },
    remove: (c, r) => c.sagemaker.send(new DeleteModelCommand({ ModelName: r.name })).then(() => undefined),
    isDone: async (c, r) => {
      for await (const p of paginateListModels({ client: c.sagemaker }, { NameContains: r.name }))
        if ((p.Models ?? []).some((m) => m.ModelName === r.name)) return false;
      return true;
    },
  },
  'model-package': {
    async *list(c) {
      for await (const g of paginateListModelPackageGroups({ client: c.sagemaker }, {}))
        for (const group of g.ModelPackageGroupSummaryList ?? [])
          for await (const p of paginateListModelPackages({ client: c.sagemaker }, { ModelPackageGroupName: group.ModelPackageGroupName }))
            for (const m of p.ModelPackageSummaryList ?? [])
              yield { name: m.ModelPackageArn!, arn: m.ModelPackageArn!, status: m.ModelPackageStatus, createdAt: m.CreationTime };
    },
    remove: (c, r) => c.sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: r.arn })).then(() => undefined),
    isDone: () => Promise.resolve(true),
  },
  'model-package-group': {
    async *list(c) {
      for await (const g of paginateListModelPackageGroups({ client: c.sagemaker }, {}))
        for (const x of g.ModelPackageGroupSummaryList ?? [])
          yield {
            name: x.ModelPackageGroupName!,
            arn: x.ModelPackageGroupArn!,
            status: x.ModelPackageGroupStatus,
            createdAt: x.CreationTime,
          };
    },
    remove: (c, r) => c.sagemaker.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: r.name })).then(() => undefined),
    isDone: async (c, r) => {
      for await (const g of paginateListModelPackageGroups({ client: c.sagemaker }, { NameContains: r.name }))
        if ((g.ModelPackageGroupSummaryList ?? []).some((x) => x.ModelPackageGroupName === r.name)) return false;
      return true;
    },
  },
  'data-quality-job-definition': {
    async *list(c) {
      for await (const p of paginateListDataQualityJobDefinitions({ client: c.sagemaker }, {}))
        for (const d of p.JobDefinitionSummaries ?? [])
          yield { name: d.MonitoringJobDefinitionName!, arn: d.MonitoringJobDefinitionArn!, createdAt: d.CreationTime };
    },
    remove: (c, r) => c.sagemaker.send(new DeleteDataQualityJobDefinitionCommand({ JobDefinitionName: r.name })).then(() => undefined),
    isDone: () => Promise.resolve(true),
  },
  'human-task-ui': {
    async *list(c) {
      for await (const p of paginateListHumanTaskUis({ client: c.sagemaker }, {}))
        for (const h of p.HumanTaskUiSummaries ?? []) yield { name: h.HumanTaskUiName!, arn: h.HumanTaskUiArn!, createdAt: h.CreationTime };
    },
    remove: (c, r) => c.sagemaker.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: r.name })).then(() => undefined),
    isDone: () => Promise.resolve(true),
  },
  'iam-role': {
    async *list(c) {
      // Only the workshop's naming is worth a tag lookup: accounts hold hundreds of roles.
      for await (const p of paginateListRoles({ client: c.iam }, {}))
        for (const r of p.Roles ?? [])
          if (r.RoleName?.startsWith('naxt-')) yield { name: r.RoleName, arn: r.Arn!, createdAt: r.CreateDate };
    },
    async tags(c, r) {
      const out: Record<string, string> = {};
      for (const t of (await c.iam.send(new ListRoleTagsCommand({ RoleName: r.name }))).Tags ?? []) if (t.Key) out[t.Key] = t.Value ?? '';
      return out;
    },
    async remove(c, r) {
      for (const p of (await c.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: r.name }))).AttachedPolicies ?? [])
        await c.iam.send(new DetachRolePolicyCommand({ RoleName: r.name, PolicyArn: p.PolicyArn }));
      for (const name of (await c.iam.send(new ListRolePoliciesCommand({ RoleName: r.name }))).PolicyNames ?? [])
        await c.iam.send(new DeleteRolePolicyCommand({ RoleName: r.name, PolicyName: name }));
      await c.iam.send(new DeleteRoleCommand({ RoleName: r.name }));
    },
    isDone: (c, r) => gone(() => c.iam.send(new GetRoleCommand({ RoleName: r.name }))),
  },
  // ---- Ground Truth's private workforce: workteam (65) → workforce (66) → user group and app client (67) → user pool (68).
  workforce: {
    async *list(c) {
      for await (const p of paginateListWorkforces({ client: c.sagemaker }, {}))
        for (const w of p.Workforces ?? [])
          yield { name: w.WorkforceName!, arn: w.WorkforceArn!, status: w.Status, createdAt: w.CreateDate };
    },
    async remove(c, r) {
      // One workforce per account and Region holds every session's workteams: it goes only once none is left
      // (DeleteWorkforce answers ResourceInUse otherwise), and then it is said why rather than retried.
      const teams: string[] = [];
      for await (const p of paginateListWorkteams({ client: c.sagemaker }, {}))
        for (const w of p.Workteams ?? []) if (w.WorkforceArn === r.arn) teams.push(w.WorkteamName!);
      if (teams.length)
        throw Object.assign(new Error(`kept: its workteams ${teams.join(', ')} (other sessions' or not the workshop's) still use it`), {
          name: 'WorkforceInUse',
        });
      await c.sagemaker.send(new DeleteWorkforceCommand({ WorkforceName: r.name }));
    },
    isDone: (c, r) => gone(() => c.sagemaker.send(new DescribeWorkforceCommand({ WorkforceName: r.name }))),
  },
  'cognito-group': {
    async *list(c) {
      for await (const pool of workshopPools(c))
        for await (const p of paginateListGroups({ client: c.cognito }, { UserPoolId: pool.id }))
          for (const g of p.Groups ?? [])
            yield { name: `${pool.id}/${g.GroupName}`, arn: `${pool.arn}/group/${g.GroupName}`, createdAt: g.CreationDate };
    },
    // A group has no tags of its own: it belongs to whoever owns its user pool.
    tags: (c, r) => poolTags(c, r.name.split('/')[0]),
    remove: (c, r) =>
      c.cognito
        .send(new DeleteGroupCommand({ UserPoolId: r.name.split('/')[0], GroupName: r.name.slice(r.name.indexOf('/') + 1) }))
        .then(() => undefined),
    isDone: (c, r) =>
      gone(() =>
        c.cognito.send(new GetGroupCommand({ UserPoolId: r.name.split('/')[0], GroupName: r.name.slice(r.name.indexOf('/') + 1) })),
      ),
  },
  'cognito-user-pool-client': {
    async *list(c) {
      for await (const pool of workshopPools(c))
        for await (const p of paginateListUserPoolClients({ client: c.cognito }, { UserPoolId: pool.id }))
          for (const x of p.UserPoolClients ?? []) yield { name: `${pool.id}/${x.ClientId}`, arn: `${pool.arn}/client/${x.ClientId}` };
    },
    tags: (c, r) => poolTags(c, r.name.split('/')[0]),
    async remove(c, r) {
      const [UserPoolId, ClientId] = r.name.split('/');
      const user = await workforceUsing(c, UserPoolId, ClientId);
      if (user)
        throw Object.assign(new Error(`kept: the private workforce ${user} signs its workers in with it`), { name: 'WorkforceInUse' });
      await c.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId }));
    },
    isDone: (c, r) =>
      gone(() => c.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: r.name.split('/')[0], ClientId: r.name.split('/')[1] }))),
  },
  'cognito-user-pool': {
    async *list(c) {
      for await (const pool of workshopPools(c)) yield { name: pool.id, arn: pool.arn, createdAt: pool.createdAt };
    },
    tags: (c, r) => poolTags(c, r.name),
    async remove(c, r) {
      // Deleting a pool deletes its users, groups and app clients: never while a workforce still stands on it.
      const user = await workforceUsing(c, r.name);
      if (user) throw Object.assign(new Error(`kept: the private workforce ${user} is backed by it`), { name: 'WorkforceInUse' });
      await c.cognito.send(new DeleteUserPoolCommand({ UserPoolId: r.name }));
    },
    isDone: (c, r) => gone(() => c.cognito.send(new DescribeUserPoolCommand({ UserPoolId: r.name }))),
  },
  workteam: {
    async *list(c) {
      for await (const p of paginateListWorkteams({ client: c.sagemaker }, {}))
        for (const w of p.Workteams ?? []) yield { name: w.WorkteamName!, arn: w.WorkteamArn!, createdAt: w.CreateDate };
    },
    remove: (c, r) => c.sagemaker.send(new DeleteWorkteamCommand({ WorkteamName: r.name })).then(() => undefined),
    isDone: () => Promise.resolve(true),
  },
};

/** Every kind the cleanup lists, with its facts from core/kinds.ts. */
export const resourceKinds: ResourceKind[] = (Object.entries(SDK_CALLS) as [ListedKind, SdkCalls][]).map(([kind, calls]) => {
  const facts: KindFacts = KINDS[kind];
  return {
    ...calls,
    kind,
    phase: facts.phase!,
    billableWhile: facts.billing?.while,
    terminalStatuses: facts.terminal,
    accountWide: facts.accountWide,
    async *list(c) {
      for await (const r of calls.list(c)) yield { kind, ...r };
    },
  };
});

import type { SandboxContext } from '../context.ts';
import { inUse, notFound, validation } from '../errors.ts';
import { kindOps } from './kinds.ts';
import { MIN } from './jobs.ts';
import { epoch, register, statusOf, type OpInput, type Operations } from './util.ts';

/** Model Monitor's resources: monitoring schedules and their data-quality job definitions (executions: monitoring.ts). */
export function monitoringScheduleOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  return register(
    kindOps<OpInput<'CreateMonitoringSchedule'>>(ctx, {
      kind: 'monitoring-schedule',
      noun: 'monitoring schedule',
      arnType: 'monitoring-schedule',
      nameField: 'MonitoringScheduleName',
      arnField: 'MonitoringScheduleArn',
      ops: {
        create: 'CreateMonitoringSchedule',
        describe: 'DescribeMonitoringSchedule',
        list: 'ListMonitoringSchedules',
        delete: 'DeleteMonitoringSchedule',
      },
      listKey: 'MonitoringScheduleSummaries',
      statusField: 'MonitoringScheduleStatus',
      // ResourceNotFound: hashicorp/terraform-provider-aws internal/service/sagemaker/monitoring_schedule.go (wording unconfirmed)
      missing: (_n, arn) => notFound(`Monitoring Schedule ${arn} does not exist.`),
      duplicate: (_n, arn) => inUse(`Monitoring Schedule ${arn} already exists.`),
      create(c, input) {
        const cfg = input.MonitoringScheduleConfig;
        if (!cfg) throw validation('MonitoringScheduleConfig is required.');
        const def = cfg.MonitoringJobDefinitionName;
        if (def && !c.store.get('data-quality-job-definition', def)) throw validation(`Could not find job definition "${def}".`);
        return {
          MonitoringScheduleConfig: cfg,
          MonitoringType: cfg.MonitoringType ?? 'DataQuality',
          EndpointName: c.store.get('data-quality-job-definition', def ?? '')?.data.EndpointName,
        };
      },
      timeline: (c) => [
        { at: c.store.now(), status: 'Pending' },
        { at: c.store.now() + c.store.scaled(MIN), status: 'Scheduled' },
      ],
      summary: (r) => ({
        MonitoringScheduleName: r.name,
        MonitoringScheduleArn: r.arn,
        CreationTime: epoch(r.createdAt),
        LastModifiedTime: epoch(store.modifiedAt(r)),
        MonitoringScheduleStatus: statusOf(r),
        EndpointName: r.data.EndpointName,
        MonitoringType: r.data.MonitoringType,
      }),
    }),
    kindOps<OpInput<'CreateDataQualityJobDefinition'>>(ctx, {
      kind: 'data-quality-job-definition',
      noun: 'job definition',
      arnType: 'data-quality-job-definition',
      nameField: 'JobDefinitionName',
      arnField: 'JobDefinitionArn',
      ops: {
        create: 'CreateDataQualityJobDefinition',
        describe: 'DescribeDataQualityJobDefinition',
        list: 'ListDataQualityJobDefinitions',
        delete: 'DeleteDataQualityJobDefinition',
      },
      // DescribeX output without LastModifiedTime (botocore sagemaker service-2.json).
      noLastModified: true,
      listKey: 'JobDefinitionSummaries',
      sortKeys: ['Name', 'CreationTime'],
      // ResourceNotFound: hashicorp/terraform-provider-aws internal/service/sagemaker/data_quality_job_definition.go (wording unconfirmed)
      missing: (name) => notFound(`Job definition ${name} not found`),
      duplicate: (_n, arn) => inUse(`Job definition ${arn} already exists.`),
      create(_c, input) {
        const endpoint = input.DataQualityJobInput?.EndpointInput?.EndpointName;
        // The baseline files are read by each execution, not here: CreateDataQualityJobDefinition's modelled errors are
        // ResourceInUse and ResourceLimitExceeded only (botocore sagemaker service-2.json), and whether AWS checks the
        // S3 objects at creation is unverified — an execution whose constraints are missing fails (monitoring.ts).
        return {
          DataQualityAppSpecification: input.DataQualityAppSpecification,
          DataQualityBaselineConfig: input.DataQualityBaselineConfig,
          DataQualityJobInput: input.DataQualityJobInput,
          DataQualityJobOutputConfig: input.DataQualityJobOutputConfig,
          JobResources: input.JobResources,
          NetworkConfig: input.NetworkConfig,
          StoppingCondition: input.StoppingCondition,
          RoleArn: input.RoleArn,
          EndpointName: endpoint,
        };
      },
      summary: (r) => ({
        MonitoringJobDefinitionName: r.name,
        MonitoringJobDefinitionArn: r.arn,
        CreationTime: epoch(r.createdAt),
        EndpointName: r.data.EndpointName,
      }),
    }),
  );
}

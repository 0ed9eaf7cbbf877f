import { describe, expect, it, vi } from 'vitest';
import {
  CreateDataQualityJobDefinitionCommand,
  CreateEndpointCommand,
  CreateMonitoringScheduleCommand,
  DeleteDataQualityJobDefinitionCommand,
  DeleteMonitoringScheduleCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  ResourceInUse,
  ResourceNotFound,
  paginateListDataQualityJobDefinitions,
  paginateListMonitoringExecutions,
  paginateListMonitoringSchedules,
  waitUntilEndpointInService,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { ROLE, arn, conformance, failure, fast, modelAndConfig } from './fixture.ts';

// Hourly executions: at 36000x an hour lasts 0.1 s.
const t = conformance({ timeScale: 36_000 });

const definition = (name: string, endpoint: string) =>
  new CreateDataQualityJobDefinitionCommand({
    JobDefinitionName: name,
    DataQualityAppSpecification: { ImageUri: '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer' },
    DataQualityJobInput: { EndpointInput: { EndpointName: endpoint, LocalPath: '/opt/ml/processing/input' } },
    DataQualityJobOutputConfig: {
      MonitoringOutputs: [{ S3Output: { S3Uri: 's3://naxt-monitor/reports', LocalPath: '/opt/ml/processing/output' } }],
    },
    JobResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 20 } },
    RoleArn: ROLE,
  });
const schedule = (name: string, def: string) =>
  new CreateMonitoringScheduleCommand({
    MonitoringScheduleName: name,
    MonitoringScheduleConfig: {
      ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
      MonitoringJobDefinitionName: def,
      MonitoringType: 'DataQuality',
    },
  });

describe('model monitoring: data quality job definitions, schedules and their hourly executions', () => {
  it('a schedule on a capturing endpoint runs hourly executions that read the captured traffic and write reports', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'naxt-monitor' }));
    await modelAndConfig(t.sm, 'mon-ep', { capture: 's3://naxt-monitor/capture' });
    await t.sm.send(new CreateEndpointCommand({ EndpointName: 'mon-ep', EndpointConfigName: 'mon-ep' }));
    await waitUntilEndpointInService({ client: t.sm, ...fast }, { EndpointName: 'mon-ep' });
    const { JobDefinitionArn } = await t.sm.send(definition('mon-def', 'mon-ep'));
    expect(JobDefinitionArn).toBe(arn('data-quality-job-definition', 'mon-def'));
    expect(
      (await t.sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: 'mon-def' }))).DataQualityJobInput?.EndpointInput
        ?.EndpointName,
    ).toBe('mon-ep');
    await t.sm.send(schedule('mon-hourly', 'mon-def'));
    await t.clients.runtime.send(
      new InvokeEndpointCommand({
        EndpointName: 'mon-ep',
        ContentType: 'application/json',
        Body: JSON.stringify({ inputs: 'How do I order a laptop?' }),
      }),
    );
    expect(
      (await t.sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: 'mon-hourly' }))).MonitoringScheduleStatus,
    ).toBe('Scheduled');
    interface Run {
      status: string;
      at: number;
      failure?: string;
    }
    const list = async () => {
      const runs: Run[] = [];
      for await (const p of paginateListMonitoringExecutions(
        { client: t.sm, pageSize: 1 },
        { MonitoringScheduleName: 'mon-hourly', SortOrder: 'Ascending' },
      )) {
        runs.push(
          ...p.MonitoringExecutionSummaries!.map((e) => ({
            status: e.MonitoringExecutionStatus!,
            at: e.ScheduledTime!.getTime(),
            failure: e.FailureReason,
          })),
        );
      }
      return runs;
    };
    // The latest hour may still be running when the list is read: what is asserted is the hours that have ended.
    const ended = (runs: Run[]) => runs.filter((r) => r.status !== 'Pending' && r.status !== 'InProgress');
    let runs: Run[] = [];
    await vi.waitFor(
      async () => {
        runs = await list();
        expect(ended(runs).length).toBeGreaterThanOrEqual(2);
      },
      { timeout: 10_000, interval: 100 },
    );
    // Exactly one hour saw the request; the others had no traffic, as Model Monitor reports it.
    expect(ended(runs).filter((r) => r.status.startsWith('Completed'))).toHaveLength(1);
    expect(
      ended(runs)
        .filter((r) => r.status === 'Failed')
        .every((r) => r.failure === 'Job inputs had no data'),
    ).toBe(true);
    expect(ended(runs).filter((r) => r.status === 'Failed')).toHaveLength(ended(runs).length - 1);
    expect(runs.slice(1).map((r, i) => r.at - runs[i].at)).toEqual(runs.slice(1).map(() => 100)); // one (scaled) hour apart
    const key = `reports/mon-ep/mon-hourly/`;
    const listed = await t.s3.send(new (await import('@aws-sdk/client-s3')).ListObjectsV2Command({ Bucket: 'naxt-monitor', Prefix: key }));
    const stats = listed.Contents!.find((o) => o.Key!.endsWith('statistics.json'))!;
    const body = JSON.parse(
      await (await t.s3.send(new GetObjectCommand({ Bucket: 'naxt-monitor', Key: stats.Key }))).Body!.transformToString(),
    ) as { dataset: { item_count: number } };
    expect(body.dataset.item_count).toBe(1);
  });

  it('lists page by page; taken names are ResourceInUse and missing ones ResourceNotFound; deletes remove them', async () => {
    await t.sm.send(definition('mon-def2', 'mon-ep'));
    await t.sm.send(schedule('mon-second', 'mon-def2'));
    const defs: string[] = [];
    for await (const p of paginateListDataQualityJobDefinitions({ client: t.sm, pageSize: 1 }, { SortBy: 'Name', SortOrder: 'Ascending' }))
      defs.push(...p.JobDefinitionSummaries!.map((d) => d.MonitoringJobDefinitionName!));
    expect(defs).toEqual(['mon-def', 'mon-def2']);
    const schedules: string[] = [];
    for await (const p of paginateListMonitoringSchedules({ client: t.sm, pageSize: 1 }, { SortBy: 'Name', SortOrder: 'Ascending' }))
      schedules.push(...p.MonitoringScheduleSummaries!.map((s) => `${s.MonitoringScheduleName}@${s.EndpointName}`));
    expect(schedules).toEqual(['mon-hourly@mon-ep', 'mon-second@mon-ep']);

    expect(await failure(t.sm.send(schedule('mon-hourly', 'mon-def')))).toBeInstanceOf(ResourceInUse);
    expect(await failure(t.sm.send(definition('mon-def', 'mon-ep')))).toBeInstanceOf(ResourceInUse);
    const missing = await failure(t.sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: 'mon-none' })));
    expect(missing).toBeInstanceOf(ResourceNotFound);
    expect(missing.message).toBe(`Monitoring Schedule ${arn('monitoring-schedule', 'mon-none')} does not exist.`);
    expect(await failure(t.sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: 'mon-none' })))).toBeInstanceOf(
      ResourceNotFound,
    );

    await t.sm.send(new DeleteMonitoringScheduleCommand({ MonitoringScheduleName: 'mon-second' }));
    await t.sm.send(new DeleteDataQualityJobDefinitionCommand({ JobDefinitionName: 'mon-def2' }));
    expect(await failure(t.sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: 'mon-second' })))).toBeInstanceOf(
      ResourceNotFound,
    );
    expect(await failure(t.sm.send(new DeleteDataQualityJobDefinitionCommand({ JobDefinitionName: 'mon-def2' })))).toBeInstanceOf(
      ResourceNotFound,
    );
  });
});

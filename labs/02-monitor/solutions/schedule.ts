import {
  SageMakerClient,
  CreateDataQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  DeleteDataQualityJobDefinitionCommand,
  DeleteMonitoringScheduleCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  ListProcessingJobsCommand,
} from '@aws-sdk/client-sagemaker';
import { S3Client, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient, InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { modelMonitorImage } from '@naxt/workshop/monitoring';

const sm = new SageMakerClient({});
const s3 = new S3Client({});
const definition = `${workshop.prefix}llm-output-checks-${workshop.sessionId}`;
const scheduleName = `${workshop.prefix}hourly-${workshop.sessionId}`;

// The baseline of the previous step, found by its name (so this cell works after a restart too).
const family = `${workshop.prefix}baseline-${workshop.sessionId}`;
const baselineJob = (
  await sm.send(
    new ListProcessingJobsCommand({ NameContains: family, StatusEquals: 'Completed', SortBy: 'CreationTime', SortOrder: 'Descending' }),
  )
).ProcessingJobSummaries?.[0]?.ProcessingJobName;
if (!baselineJob) throw new Error(`No completed baseline job ${family}-… yet: run the baseline step first.`);
const results = (await sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: baselineJob }))).ProcessingOutputConfig!.Outputs![0]
  .S3Output!.S3Uri!;
const wanted = {
  JobDefinitionName: definition,
  // The baseline the hourly runs are compared with, and the script that turns each captured record into its features.
  DataQualityBaselineConfig: {
    ConstraintsResource: { S3Uri: `${results}/constraints.json` },
    StatisticsResource: { S3Uri: `${results}/statistics.json` },
  },
  DataQualityAppSpecification: {
    ImageUri: modelMonitorImage(workshop.region),
    RecordPreprocessorSourceUri: `s3://${workshop.bucket}/monitoring/code/preprocessor.py`,
  },
  DataQualityJobInput: { EndpointInput: { EndpointName: endpointName, LocalPath: '/opt/ml/processing/input/endpoint' } },
  DataQualityJobOutputConfig: {
    MonitoringOutputs: [{ S3Output: { S3Uri: `s3://${workshop.bucket}/monitoring/reports`, LocalPath: '/opt/ml/processing/output' } }],
  },
  JobResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge' as const, InstanceCount: 1, VolumeSizeInGB: 20 } },
  RoleArn: workshop.roleArn,
  Tags: workshop.tags,
};

// Safe to run again: a job definition made by an earlier run is reused when it is the same, replaced when it is not
// (a definition cannot be changed, and one in use by a schedule cannot be deleted: the schedule goes first).
const existing = await sm.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: definition })).catch(() => undefined);
const same =
  existing &&
  existing.DataQualityBaselineConfig?.ConstraintsResource?.S3Uri === wanted.DataQualityBaselineConfig.ConstraintsResource.S3Uri &&
  existing.DataQualityAppSpecification?.ImageUri === wanted.DataQualityAppSpecification.ImageUri &&
  existing.DataQualityAppSpecification?.RecordPreprocessorSourceUri === wanted.DataQualityAppSpecification.RecordPreprocessorSourceUri;
if (same) console.log(`Job definition ${definition} exists: reusing it.`);
else {
  if (existing) {
    console.log(`Job definition ${definition} has another baseline or image: replacing it.`);
    await sm.send(new DeleteMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName })).catch(() => undefined);
    for (
      let i = 0;
      i < 60 &&
      (await sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName })).then(
        () => true,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 1000));
    await sm.send(new DeleteDataQualityJobDefinitionCommand({ JobDefinitionName: definition }));
  }
  await sm.send(new CreateDataQualityJobDefinitionCommand(wanted));
}
const schedule = await sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName })).catch(() => undefined);
if (schedule?.MonitoringScheduleConfig?.MonitoringJobDefinitionName === definition)
  console.log(`Schedule ${scheduleName} exists: reusing it.`);
else {
  if (schedule) {
    console.log(`Schedule ${scheduleName} runs ${schedule.MonitoringScheduleConfig?.MonitoringJobDefinitionName}: replacing it.`);
    await sm.send(new DeleteMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName }));
    for (
      let i = 0;
      i < 60 &&
      (await sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName })).then(
        () => true,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 1000));
  }
  await sm.send(
    new CreateMonitoringScheduleCommand({
      MonitoringScheduleName: scheduleName,
      // Hourly, on the hour: the first execution starts after the next full hour, up to 20 minutes late.
      MonitoringScheduleConfig: {
        ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
        MonitoringJobDefinitionName: definition,
        MonitoringType: 'DataQuality',
      },
      Tags: workshop.tags,
    }),
  );
}

// Without a schedule no execution ever comes: say so rather than wait for one.
await sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName })).catch(() => {
  throw new Error(
    `There is no monitoring schedule ${scheduleName} yet: create it first (CreateMonitoringScheduleCommand, above), then run the cell again.`,
  );
});

// Each execution reads the traffic of its hour: keep a little flowing until the first report is out.
console.log(
  'Waiting for a completed hourly execution (sending a request at each look, every 30 s at most; on a real account the first can take up to 1 h 20 min)…',
);
const runtime = new SageMakerRuntimeClient({});
const sample = (
  await (
    await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'datasets/conversations/validation.jsonl' }))
  ).Body!.transformToString()
)
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { transcript: string }).transcript);
let execution;
for (let i = 0; ; i++) {
  await runtime.send(
    new InvokeEndpointCommand({
      EndpointName: endpointName,
      ContentType: 'application/json',
      Body: JSON.stringify({
        inputs: `Summarize this conversation with a client for their investment advisor: goals, risk appetite, life events, follow-ups.\n\n${sample[i % sample.length]}`,
      }),
    }),
  );
  const list = await sm.send(
    new ListMonitoringExecutionsCommand({
      MonitoringScheduleName: scheduleName,
      SortBy: 'ScheduledTime',
      SortOrder: 'Descending',
      MaxResults: 10,
    }),
  );
  // The newest execution that has finished its analysis (an hour without traffic ends "Job inputs had no data").
  execution = list.MonitoringExecutionSummaries?.find(
    (e) => e.MonitoringExecutionStatus === 'Completed' || e.MonitoringExecutionStatus === 'CompletedWithViolations',
  );
  if (execution) break;
  // The newest finished execution failed for another reason than a quiet hour: waiting will not help.
  const failed = list.MonitoringExecutionSummaries?.find(
    (e) => e.MonitoringExecutionStatus !== 'InProgress' && e.MonitoringExecutionStatus !== 'Pending',
  );
  if (failed?.MonitoringExecutionStatus === 'Failed' && failed.FailureReason !== 'Job inputs had no data')
    throw new Error(`The execution of ${failed.ScheduledTime?.toISOString()} failed: ${failed.FailureReason}`);
  // Poll quickly at first (the sandbox's hours are short), then every 30 s: about 160 requests in a real account's 80 minutes.
  await new Promise((r) => setTimeout(r, Math.min(30_000, 250 * 2 ** i)));
}
console.log(`The execution of ${execution.ScheduledTime?.toISOString()}: ${execution.MonitoringExecutionStatus}`);
const reports = await s3.send(
  new ListObjectsV2Command({ Bucket: workshop.bucket, Prefix: `monitoring/reports/${endpointName}/${scheduleName}/` }),
);
// The report of the execution found above: it is written under the UTC hour it was scheduled for.
const hourPath = execution.ScheduledTime!.toISOString().slice(0, 13).replace(/[-T]/g, '/');
const violationsKey = (reports.Contents ?? []).map((o) => o.Key!).find((k) => k.endsWith(`/${hourPath}/constraint_violations.json`));
type Violation = { feature_name: string; constraint_check_type: string; description: string };
const readViolations = async (Key: string) =>
  (
    JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key }))).Body!.transformToString()) as {
      violations: Violation[];
    }
  ).violations;
const violations = violationsKey ? await readViolations(violationsKey) : [];

// The last day of reports, one bar per hourly execution, stacked by the checks it broke.
const keys = (reports.Contents ?? [])
  .map((o) => o.Key!)
  .filter((k) => k.endsWith('constraint_violations.json'))
  .sort()
  .slice(-24);
const perExecution = await Promise.all(
  keys.map(async (k) => ({ hour: k.split('/').slice(-5, -1).join('-'), violations: await readViolations(k) })),
);
const checkTypes = [...new Set(perExecution.flatMap((e) => e.violations.map((v) => v.constraint_check_type)))].sort();
display.chart({
  type: 'bar',
  title: 'Violations per monitoring execution, by constraint check',
  xLabel: 'execution (UTC hour)',
  yLabel: 'violations',
  x: perExecution.map((e) => e.hour),
  series: checkTypes.length
    ? checkTypes.map((t) => ({
        name: t,
        values: perExecution.map((e) => e.violations.filter((v) => v.constraint_check_type === t).length),
      }))
    : [{ name: 'violations', values: perExecution.map(() => 0) }],
  stacked: true,
});
violations;

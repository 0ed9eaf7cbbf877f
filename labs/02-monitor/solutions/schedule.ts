import { SageMakerClient, CreateDataQualityJobDefinitionCommand, CreateMonitoringScheduleCommand, DescribeMonitoringScheduleCommand, ListMonitoringExecutionsCommand } from '@aws-sdk/client-sagemaker';
import { S3Client, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient, InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';

const sm = new SageMakerClient({});
const s3 = new S3Client({});
const definition = `${workshop.prefix}llm-output-checks-${workshop.sessionId}`;
const scheduleName = `${workshop.prefix}hourly-${workshop.sessionId}`;
// Running the cell again finds what the last run created instead of failing on it.
const unlessThere = (e: unknown) => { if ((e as { name?: string }).name !== 'ResourceInUse') throw e; };

await sm.send(new CreateDataQualityJobDefinitionCommand({
  JobDefinitionName: definition,
  DataQualityAppSpecification: { ImageUri: '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer' },
  DataQualityJobInput: { EndpointInput: { EndpointName: endpointName, LocalPath: '/opt/ml/processing/input' } },
  DataQualityJobOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: `s3://${workshop.bucket}/monitoring/reports`, LocalPath: '/opt/ml/processing/output' } }] },
  JobResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 20 } },
  RoleArn: workshop.roleArn,
  Tags: workshop.tags,
})).catch(unlessThere);
await sm.send(new CreateMonitoringScheduleCommand({
  MonitoringScheduleName: scheduleName,
  MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' }, MonitoringJobDefinitionName: definition, MonitoringType: 'DataQuality' },
  Tags: workshop.tags,
})).catch(unlessThere);

// Without a schedule no execution ever comes: say so rather than wait for one.
await sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName })).catch(() => {
  throw new Error(`There is no monitoring schedule ${scheduleName} yet: create it first (CreateMonitoringScheduleCommand, above), then run the cell again.`);
});

// Each execution reads the traffic of its hour: keep a little flowing until the first report is out.
console.log('Waiting for the first hourly execution (sending a request every few seconds)…');
const runtime = new SageMakerRuntimeClient({});
const sample = (await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'datasets/conversations/validation.jsonl' }))).Body!.transformToString()).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { transcript: string }).transcript);
let execution;
for (let i = 0; ; i++) {
  await runtime.send(new InvokeEndpointCommand({ EndpointName: endpointName, ContentType: 'application/json', Body: JSON.stringify({ inputs: `Summarize this conversation with a client for their investment advisor: goals, risk appetite, life events, follow-ups.\n\n${sample[i % sample.length]}` }) }));
  const list = await sm.send(new ListMonitoringExecutionsCommand({ MonitoringScheduleName: scheduleName, SortBy: 'ScheduledTime', SortOrder: 'Descending', MaxResults: 10 }));
  // The newest execution that had traffic to analyse (an hour without traffic ends "Job inputs had no data").
  execution = list.MonitoringExecutionSummaries?.find((e) => e.MonitoringExecutionStatus !== 'Failed');
  if (execution) break;
  await new Promise((r) => setTimeout(r, 5000 / Math.max(1, Math.min(25, i + 1))));
}
console.log(`${execution.MonitoringExecutionStatus}${execution.FailureReason ? `: ${execution.FailureReason}` : ''}`);
const reports = await s3.send(new ListObjectsV2Command({ Bucket: workshop.bucket, Prefix: `monitoring/reports/${endpointName}/${scheduleName}/` }));
const violationsKey = (reports.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith('constraint_violations.json')).sort().at(-1);
type Violation = { feature_name: string; constraint_check_type: string; description: string };
const readViolations = async (Key: string) => (JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key }))).Body!.transformToString()) as { violations: Violation[] }).violations;
const violations = violationsKey ? await readViolations(violationsKey) : [];

// The last day of reports, one group of bars per hourly execution: which checks it broke.
const keys = (reports.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith('constraint_violations.json')).sort().slice(-24);
const perExecution = await Promise.all(keys.map(async (k) => ({ hour: k.split('/').slice(-5, -1).join('-'), violations: await readViolations(k) })));
const checkTypes = [...new Set(perExecution.flatMap((e) => e.violations.map((v) => v.constraint_check_type)))].sort();
display.chart({
  type: 'bar', title: 'Violations per monitoring execution, by constraint check', xLabel: 'execution (UTC hour)', yLabel: 'violations',
  x: perExecution.map((e) => e.hour),
  series: checkTypes.length
    ? checkTypes.map((t) => ({ name: t, values: perExecution.map((e) => e.violations.filter((v) => v.constraint_check_type === t).length) }))
    : [{ name: 'violations', values: perExecution.map(() => 0) }],
  stacked: true,
});
violations;

import { SageMakerClient, CreateDataQualityJobDefinitionCommand, CreateMonitoringScheduleCommand, ListMonitoringExecutionsCommand } from '@aws-sdk/client-sagemaker';
import { S3Client, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';

const sm = new SageMakerClient({});
const s3 = new S3Client({});
const definition = `${workshop.prefix}llm-output-checks-${workshop.sessionId}`;
const scheduleName = `${workshop.prefix}hourly-${workshop.sessionId}`;

await sm.send(new CreateDataQualityJobDefinitionCommand({
  JobDefinitionName: definition,
  DataQualityAppSpecification: { ImageUri: '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer' },
  DataQualityJobInput: { EndpointInput: { EndpointName: endpointName, LocalPath: '/opt/ml/processing/input' } },
  DataQualityJobOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: `s3://${workshop.bucket}/monitoring/reports`, LocalPath: '/opt/ml/processing/output' } }] },
  JobResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 20 } },
  RoleArn: workshop.roleArn,
  Tags: workshop.tags,
}));
// TODO: CreateMonitoringScheduleCommand: hourly (cron(0 * ? * * *)), on the job definition above, tagged.

console.log('Waiting for the first hourly execution…');
let execution;
for (;;) {
  const list = await sm.send(new ListMonitoringExecutionsCommand({ MonitoringScheduleName: scheduleName, SortBy: 'ScheduledTime', SortOrder: 'Descending', MaxResults: 1 }));
  execution = list.MonitoringExecutionSummaries?.[0];
  if (execution) break;
  await new Promise((r) => setTimeout(r, 2000));
}
console.log(`${execution.MonitoringExecutionStatus}${execution.FailureReason ? `: ${execution.FailureReason}` : ''}`);
const reports = await s3.send(new ListObjectsV2Command({ Bucket: workshop.bucket, Prefix: `monitoring/reports/${endpointName}/${scheduleName}/` }));
const violationsKey = (reports.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith('constraint_violations.json')).sort().at(-1);
const violations = violationsKey ? (JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: violationsKey }))).Body!.transformToString()) as { violations: { feature_name: string; description: string }[] }).violations : [];
violations;

import { SageMakerClient, CreateTrainingJobCommand, DescribeTrainingJobCommand, DescribeHubContentCommand, waitUntilTrainingJobCompletedOrStopped, type TrainingInstanceType } from '@aws-sdk/client-sagemaker';
import { trainingLogLines, lossPerEpoch } from '@naxt/workshop/training-log';

const sm = new SageMakerClient({});
const baseModel = 'huggingface-llm-qwen2-1-5b-instruct';
const card = JSON.parse((await sm.send(new DescribeHubContentCommand({ HubName: 'SageMakerPublicHub', HubContentType: 'Model', HubContentName: baseModel }))).HubContentDocument!) as {
  TrainingEcrUri: string; TrainingArtifactUri: string; HostingEcrUri: string; DefaultTrainingInstanceType: TrainingInstanceType; Hyperparameters: { Name: string; Default: string }[];
};
// The card's defaults, with the two settings Kaitlin chose.
const hyperparameters = { ...Object.fromEntries(card.Hyperparameters.map((h) => [h.Name, h.Default])), epoch: '3', learning_rate: '0.0001', instruction_tuned: 'True' };
const jobName = `${workshop.prefix}chatbot-ft-${workshop.sessionId}-${Date.now().toString(36)}`;

await sm.send(new CreateTrainingJobCommand({
  TrainingJobName: jobName,
  RoleArn: workshop.roleArn,
  AlgorithmSpecification: { TrainingImage: card.TrainingEcrUri, TrainingInputMode: 'File' },
  HyperParameters: hyperparameters,
  InputDataConfig: [
    { ChannelName: 'model', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: card.TrainingArtifactUri, S3DataDistributionType: 'FullyReplicated' } } },
    { ChannelName: 'training', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: trainingUri, S3DataDistributionType: 'FullyReplicated' } } },
  ],
  OutputDataConfig: { S3OutputPath: `s3://${workshop.bucket}/fine-tuning/output` },
  ResourceConfig: { InstanceType: card.DefaultTrainingInstanceType, InstanceCount: 1, VolumeSizeInGB: 100 },
  StoppingCondition: { MaxRuntimeInSeconds: 3 * 3600 },
  Tags: workshop.tags,
}));

// The SDK's waiter polls DescribeTrainingJob until the job ends (the page shows its secondary statuses meanwhile).
await waitUntilTrainingJobCompletedOrStopped({ client: sm, minDelay: 2, maxDelay: 15, maxWaitTime: 3 * 3600 }, { TrainingJobName: jobName })
  .catch(async (e: Error) => {
    const { FailureReason } = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }));
    throw new Error(`Training failed: ${FailureReason ?? e.message}`);
  });
const job = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }));
if (job.TrainingJobStatus !== 'Completed') throw new Error(`Training ${job.TrainingJobStatus}.`);
const tunedArtifact = job.ModelArtifacts!.S3ModelArtifacts!;
console.log(`Final metrics: ${(job.FinalMetricDataList ?? []).map((m) => `${m.MetricName}=${m.Value}`).join(', ')}`);
console.log(`Model artifact: ${tunedArtifact}`);

// The loss per epoch, from the job's log in CloudWatch Logs (/aws/sagemaker/TrainingJobs).
const lines = await trainingLogLines(jobName).catch((e: Error) => (console.log(`Could not read the job's log: ${e.message}`), [] as string[]));
const losses = lossPerEpoch(lines);
if (losses.length === 0) console.log('No loss lines in the job\'s log yet: CloudWatch Logs can lag a minute behind the job.');
else display.chart({
  type: 'line', title: `Loss per epoch (learning_rate ${hyperparameters.learning_rate})`, xLabel: 'epoch', yLabel: 'cross-entropy',
  x: losses.map((l) => l.epoch),
  series: [{ name: 'train_loss', values: losses.map((l) => l.train_loss ?? NaN) }, { name: 'eval_loss', values: losses.map((l) => l.eval_loss ?? NaN) }],
});

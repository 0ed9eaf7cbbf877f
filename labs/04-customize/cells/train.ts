import {
  SageMakerClient,
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  waitUntilTrainingJobCompletedOrStopped,
} from '@aws-sdk/client-sagemaker';
import { earlierTwin, fineTuneJob, modelCard, type JumpStartTrainingDocument } from '@naxt/workshop/jumpstart';
import { trainingLogLines, lossPerEpoch } from '@naxt/workshop/training-log';

const sm = new SageMakerClient({});
const baseModel = 'huggingface-llm-gemma-2b-instruct';
const card = (await modelCard(sm, baseModel)) as JumpStartTrainingDocument;
// The settings Kaitlin chose; every other hyperparameter stays at the card's default.
// TODO: this learning rate is far too small to move the weights: try 0.0001, and set instruction_tuned to 'True'
// (the data is instruction/response pairs).
const hyperparameters = { epoch: '3', learning_rate: '0.000001' };
const prefix = `${workshop.prefix}chatbot-ft-${workshop.sessionId}`;

// JumpStart's fine-tuning recipe (the SDK's estimator): the card's image and metric regexes, its hyperparameters as
// strings, the base weights as the `model` channel, the script as the `code` channel, the data as `training`.
const request = fineTuneJob(card, {
  jobName: `${prefix}-${Date.now().toString(36)}`,
  roleArn: workshop.roleArn,
  trainingUri,
  outputPath: `s3://${workshop.bucket}/fine-tuning/output`,
  hyperparameters,
  tags: workshop.tags,
});
// Safe to run again: a job of this session with the same settings is reused (or waited on, if it still runs).
const twin = await earlierTwin(sm, request, prefix);
const jobName = twin ?? request.TrainingJobName!;
if (twin) console.log(`${twin} was started with the same settings: reusing it.`);
else await sm.send(new CreateTrainingJobCommand(request));

// The SDK's waiter polls DescribeTrainingJob until the job ends (the page shows its secondary statuses meanwhile).
await waitUntilTrainingJobCompletedOrStopped(
  { client: sm, minDelay: 2, maxDelay: 15, maxWaitTime: 3 * 3600 },
  { TrainingJobName: jobName },
).catch(async (e: Error) => {
  const { FailureReason } = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }));
  throw new Error(`Training failed: ${FailureReason ?? e.message}`);
});
const job = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }));
if (job.TrainingJobStatus !== 'Completed') throw new Error(`Training ${job.TrainingJobStatus}.`);
const tunedArtifact = job.ModelArtifacts!.S3ModelArtifacts!;
console.log(`Final metrics: ${(job.FinalMetricDataList ?? []).map((m) => `${m.MetricName}=${m.Value}`).join(', ')}`);
console.log(`Model artifact: ${tunedArtifact}`);

// The loss per epoch, from the job's log in CloudWatch Logs (/aws/sagemaker/TrainingJobs).
const lines = await trainingLogLines(jobName).catch(
  (e: Error) => (console.log(`Could not read the job's log: ${e.message}`), [] as string[]),
);
const losses = lossPerEpoch(lines);
if (losses.length === 0) console.log("No loss lines in the job's log yet: CloudWatch Logs can lag a minute behind the job.");
else
  display.chart({
    type: 'line',
    title: `Loss per epoch (learning_rate ${hyperparameters.learning_rate})`,
    xLabel: 'epoch',
    yLabel: 'cross-entropy',
    x: losses.map((l) => l.epoch),
    series: [
      { name: 'train_loss', values: losses.map((l) => l.train_loss ?? NaN) },
      { name: 'eval_loss', values: losses.map((l) => l.eval_loss ?? NaN) },
    ],
  });

import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DescribeEndpointCommand, ListTrainingJobsCommand, DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { fail, pass, type LabChecks } from '../../core/checks.ts';
import { bars } from '../lib/bars.ts';

export const checks: LabChecks = {
  async datasetUploaded({ clients, workshop }) {
    const list = await clients.s3
      .send(new ListObjectsV2Command({ Bucket: workshop.bucket, Prefix: 'fine-tuning/train/' }))
      .catch(() => undefined);
    const key = list?.Contents?.[0]?.Key;
    if (!key)
      return fail('No training data under fine-tuning/train/ in the workshop bucket.', 'Write the instruction/response lines there.');
    const text = await (await clients.s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: key }))).Body!.transformToString();
    const rows = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { instruction?: string; response?: string });
    if (rows.length < 100 || rows.some((r) => !r.instruction || !r.response))
      return fail(
        `The dataset has ${rows.length} usable lines; join the seeds and the train split's questions (instruction and response on every line).`,
        'Write one JSON line { instruction, response } per seed and per train question, then run the cell again.',
      );
    const test = await (
      await clients.s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'datasets/knowledge-base/qa/test.jsonl' }))
    ).Body!.transformToString();
    const testQuestions = new Set(
      test
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { question: string }).question),
    );
    const leaked = rows.filter((r) => testQuestions.has(r.instruction!));
    if (leaked.length)
      return fail(
        `${leaked.length} test question(s) leaked into the training data: the re-evaluation would measure memory.`,
        'Use the train split only.',
      );
    return pass(`${rows.length} instruction/response examples, none from the test split.`);
  },

  async trainingCompleted({ clients, workshop }) {
    const jobs =
      (
        await clients.sagemaker.send(
          new ListTrainingJobsCommand({
            NameContains: `chatbot-ft-${workshop.sessionId}`,
            SortBy: 'CreationTime',
            SortOrder: 'Descending',
          }),
        )
      ).TrainingJobSummaries ?? [];
    if (jobs.length === 0) return fail('No fine-tuning job of this session yet.', 'Create the training job.');
    const job = await clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: jobs[0].TrainingJobName }));
    if (job.TrainingJobStatus !== 'Completed')
      return fail(
        `Training job ${job.TrainingJobName} is ${job.TrainingJobStatus}${job.FailureReason ? `: ${job.FailureReason}` : ''}.`,
        job.TrainingJobStatus === 'InProgress'
          ? 'Wait for it to complete (the cell follows it), then check again.'
          : 'Fix what the failure reason names and run the cell again: it starts a new job.',
      );
    return pass(
      `${job.TrainingJobName} completed: ${(job.FinalMetricDataList ?? []).map((m) => `${m.MetricName} ${m.Value}`).join(', ')}.`,
    );
  },

  async tunedEndpointInService({ clients, workshop }) {
    const name = `${workshop.prefix}chatbot-${workshop.sessionId}`;
    const d = await clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name })).catch(() => undefined);
    if (!d)
      return fail(
        `Endpoint ${name} does not exist yet.`,
        'Run the deploy cell: it creates the model from the tuned artifact, its endpoint configuration and the endpoint.',
      );
    if (d.EndpointStatus !== 'InService')
      return fail(
        `Endpoint ${name} is ${d.EndpointStatus}.`,
        d.EndpointStatus === 'Failed'
          ? `Read its FailureReason (${d.FailureReason ?? 'none given'}), delete it and deploy again.`
          : 'Wait until it is InService (the cell waits for it), then check again.',
      );
    return pass(`The fine-tuned chatbot ${name} is InService.`);
  },

  async tunedModelPassesTheBar({ clients, workshop }) {
    let tuned: { metrics: Record<string, number> };
    try {
      tuned = JSON.parse(
        await (
          await clients.s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'evaluation/tuned.json' }))
        ).Body!.transformToString(),
      );
    } catch {
      return fail('No re-evaluation in evaluation/tuned.json yet.', 'Run the re-evaluation cell.');
    }
    const m = tuned.metrics;
    if (!(m.f1 >= bars.chatbot.f1))
      return fail(`F1 ${m.f1?.toFixed(3)} is under the bar ${bars.chatbot.f1}.`, 'Check the learning rate and epochs of the training job.');
    if (!(m.tone >= bars.chatbot.tone))
      return fail(
        `Tone ${m.tone?.toFixed(3)} is under the bar ${bars.chatbot.tone}.`,
        'Check the learning rate and epochs of the training job.',
      );
    return pass(
      `The fine-tuned small model meets the chatbot bar on held-out questions (F1 ${m.f1.toFixed(3)}, tone ${m.tone.toFixed(3)}).`,
    );
  },
};

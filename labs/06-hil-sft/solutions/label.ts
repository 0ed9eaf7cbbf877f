import { SageMakerClient, DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
console.log('Open the worker page (/worker/) and answer the tasks; this cell follows the job.');
let last = '';
let job;
for (;;) {
  job = await sm.send(new DescribeLabelingJobCommand({ LabelingJobName: labelingJobName }));
  const c = job.LabelCounters;
  const line = `${job.LabelingJobStatus}: ${c?.HumanLabeled ?? 0} answered, ${c?.Unlabeled ?? 0} waiting`;
  if (line !== last) console.log(line);
  last = line;
  if (['Completed', 'Failed', 'Stopped'].includes(job.LabelingJobStatus ?? '')) break;
  await new Promise((r) => setTimeout(r, 1000));
}
const outputManifest = job.LabelingJobOutput?.OutputDatasetS3Uri ?? '';
console.log(`Output manifest: ${outputManifest}`);

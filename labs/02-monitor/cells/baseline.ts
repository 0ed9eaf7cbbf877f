import {
  SageMakerClient,
  DescribeProcessingJobCommand,
  ListProcessingJobsCommand,
  waitUntilProcessingJobCompletedOrStopped,
} from '@aws-sdk/client-sagemaker';
import { S3Client, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { modelMonitorImage } from '@naxt/workshop/monitoring';

const sm = new SageMakerClient({});
const s3 = new S3Client({});
const text = async (Key: string) => await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key }))).Body!.transformToString();

// Model Monitor analyses tables of numbers and categories, not free text: this script turns each captured record into
// the features it watches (AWS guide: "Preprocessing and Postprocessing", preprocess_handler). The same features are
// computed below, in TypeScript, for the baseline dataset.
const preprocessor = `import base64
import json


def _payload(part):
    data = part.data
    if part.encoding == "BASE64":
        data = base64.b64decode(data).decode("utf-8")
    return data if isinstance(data, (dict, list)) else json.loads(data)


def preprocess_handler(inference_record):
    request = _payload(inference_record.endpoint_input)
    response = _payload(inference_record.endpoint_output)
    prompt = request.get("inputs", "") if isinstance(request, dict) else ""
    answer = response[0].get("generated_text", "") if isinstance(response, list) and response else ""
    return {"request_words": len(prompt.split()), "answer_words": len(answer.split()), "answer_chars": len(answer)}
`;
await s3.send(new PutObjectCommand({ Bucket: workshop.bucket, Key: 'monitoring/code/preprocessor.py', Body: preprocessor }));

// Safe to run again: a baseline that an earlier run fixed is kept (it is the reference every hour is compared with);
// one still running is waited on; a failed one is replaced by a new job (job names cannot be reused).
const family = `${workshop.prefix}baseline-${workshop.sessionId}`;
const earlier =
  (await sm.send(new ListProcessingJobsCommand({ NameContains: family, SortBy: 'CreationTime', SortOrder: 'Descending' })))
    .ProcessingJobSummaries ?? [];
let baselineJob = earlier.find((j) => j.ProcessingJobStatus === 'Completed' || j.ProcessingJobStatus === 'InProgress')?.ProcessingJobName;
if (baselineJob) console.log(`Baseline job ${baselineJob} exists: reusing it.`);
else {
  // The baseline dataset: the features of the traffic captured so far, the answers Brandon accepted as normal.
  const rows: string[] = ['request_words,answer_words,answer_chars'];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: workshop.bucket, Prefix: `capture/${endpointName}/`, ContinuationToken }),
    );
    for (const o of page.Contents ?? []) {
      for (const line of (await text(o.Key!)).split('\n').filter(Boolean)) {
        const r = JSON.parse(line) as { captureData: { endpointInput: { data: string }; endpointOutput: { data: string } } };
        const prompt = String((JSON.parse(r.captureData.endpointInput.data) as { inputs?: string }).inputs ?? '');
        const answer = (JSON.parse(r.captureData.endpointOutput.data) as { generated_text: string }[])[0].generated_text;
        const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
        rows.push([words(prompt), words(answer), answer.length].join(','));
      }
    }
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  baselineJob = `${family}-${earlier.length + 1}`;
  await s3.send(
    new PutObjectCommand({ Bucket: workshop.bucket, Key: `monitoring/baseline/${baselineJob}/dataset.csv`, Body: rows.join('\n') }),
  );
  // TODO: start the baselining job as the SDK's DefaultModelMonitor.suggest_baseline does: CreateProcessingJobCommand
  // named baselineJob, on modelMonitorImage(workshop.region), ml.m5.xlarge × 1 (20 GB), tagged; Environment
  // dataset_format (JSON of { csv: { header: true, output_columns_position: 'START' } }), dataset_source
  // '/opt/ml/processing/input/baseline_dataset_input', output_path '/opt/ml/processing/output', publish_cloudwatch_metrics
  // 'Disabled'; the input 'baseline_dataset_input' (the dataset.csv above, to that LocalPath) and the output 'monitoring_output'
  // (from '/opt/ml/processing/output' to s3://<bucket>/monitoring/baseline/<job>/results).
  void modelMonitorImage;
  console.log(`Started baseline job ${baselineJob} (${rows.length - 1} records)…`);
}
await waitUntilProcessingJobCompletedOrStopped(
  { client: sm, maxWaitTime: 3600, minDelay: 2, maxDelay: 30 },
  { ProcessingJobName: baselineJob },
);
const job = await sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: baselineJob }));
if (job.ProcessingJobStatus !== 'Completed')
  throw new Error(
    `Baseline job ${baselineJob} is ${job.ProcessingJobStatus}: ${job.FailureReason ?? ''} — run the cell again to start a new one.`,
  );
const results = job.ProcessingOutputConfig!.Outputs![0].S3Output!.S3Uri!;
const resultsKey = results.replace(`s3://${workshop.bucket}/`, '');
type Constraint = { name: string; inferred_type: string; completeness: number; num_constraints?: { is_non_negative: boolean } };
const constraints = JSON.parse(await text(`${resultsKey}/constraints.json`)) as { features: Constraint[] };
const statistics = JSON.parse(await text(`${resultsKey}/statistics.json`)) as {
  dataset: { item_count: number };
  features: { name: string; numerical_statistics?: { mean: number; min: number; max: number } }[];
};
console.log(`Baseline of ${statistics.dataset.item_count} records: ${results}/statistics.json and constraints.json`);
display.table(
  constraints.features.map((c) => {
    const s = statistics.features.find((f) => f.name === c.name)?.numerical_statistics;
    return {
      feature: c.name,
      type: c.inferred_type,
      completeness: c.completeness,
      nonNegative: c.num_constraints?.is_non_negative,
      mean: s?.mean.toFixed(1),
      min: s?.min,
      max: s?.max,
    };
  }),
);
constraints;

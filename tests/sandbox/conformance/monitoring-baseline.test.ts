import { describe, expect, it } from 'vitest';
import {
  CreateDataQualityJobDefinitionCommand,
  CreateEndpointCommand,
  CreateMonitoringScheduleCommand,
  CreateProcessingJobCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  waitUntilEndpointInService,
  waitUntilProcessingJobCompletedOrStopped,
  type MonitoringExecutionSummary,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { ROLE, conformance, fast, modelAndConfig } from './fixture.ts';
import { CONSTRAINT_CHECK_TYPES } from '../../../core/model-monitor.ts';

// Processing jobs and hourly executions: at 36000x an hour lasts 0.1 s.
const t = conformance({ timeScale: 36_000 });
const BUCKET = 'naxt-baseline';
/** The analyzer of us-east-1 (aws/sagemaker-python-sdk src/sagemaker/image_uri_config/model-monitor.json). */
const ANALYZER = '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer';
/** The six check types of the guide's "Schema for Violations (constraint_violations.json file)". */
const DOCUMENTED: readonly string[] = CONSTRAINT_CHECK_TYPES;

const json = async <T>(Key: string) =>
  JSON.parse(await (await t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToString()) as T;

/** The request DefaultModelMonitor.suggest_baseline sends (SageMaker Python SDK, model_monitoring.py). */
const baselineJob = (name: string, env: Record<string, string> = {}) =>
  new CreateProcessingJobCommand({
    ProcessingJobName: name,
    RoleArn: ROLE,
    AppSpecification: { ImageUri: ANALYZER },
    ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 20 } },
    Environment: {
      dataset_format: JSON.stringify({ csv: { header: true, output_columns_position: 'START' } }),
      dataset_source: '/opt/ml/processing/input/baseline_dataset_input',
      output_path: '/opt/ml/processing/output',
      publish_cloudwatch_metrics: 'Disabled',
      ...env,
    },
    ProcessingInputs: [
      {
        InputName: 'baseline_dataset_input',
        S3Input: {
          S3Uri: `s3://${BUCKET}/baseline/dataset.csv`,
          LocalPath: '/opt/ml/processing/input/baseline_dataset_input',
          S3DataType: 'S3Prefix',
          S3InputMode: 'File',
          S3DataDistributionType: 'FullyReplicated',
        },
      },
    ],
    ProcessingOutputConfig: {
      Outputs: [
        {
          OutputName: 'monitoring_output',
          S3Output: { S3Uri: `s3://${BUCKET}/baseline/${name}`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' },
        },
      ],
    },
  });

// The capture config names no JSON content types, so payloads are captured BASE64 (the guide: the script "can base64
// decode the payload", botocore's RecordPreprocessorSourceUri documentation).
const PREPROCESSOR = `import base64, json
def preprocess_handler(inference_record):
    out = inference_record.endpoint_output
    data = base64.b64decode(out.data).decode("utf-8") if out.encoding == "BASE64" else out.data
    answer = json.loads(data)[0]["generated_text"]
    return {"answer_chars": len(answer), "answer_lines": answer.count("\\n") + 1}
`;

const definition = (name: string, baseline?: { constraints: string; statistics?: string }) =>
  new CreateDataQualityJobDefinitionCommand({
    JobDefinitionName: name,
    ...(baseline
      ? {
          DataQualityBaselineConfig: {
            ConstraintsResource: { S3Uri: baseline.constraints },
            ...(baseline.statistics ? { StatisticsResource: { S3Uri: baseline.statistics } } : {}),
          },
        }
      : {}),
    DataQualityAppSpecification: { ImageUri: ANALYZER, RecordPreprocessorSourceUri: `s3://${BUCKET}/code/preprocessor.py` },
    DataQualityJobInput: { EndpointInput: { EndpointName: 'base-ep', LocalPath: '/opt/ml/processing/input/endpoint' } },
    DataQualityJobOutputConfig: {
      MonitoringOutputs: [{ S3Output: { S3Uri: `s3://${BUCKET}/reports`, LocalPath: '/opt/ml/processing/output' } }],
    },
    JobResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 20 } },
    RoleArn: ROLE,
  });

/** Creates a schedule, sends traffic in its first hour, and returns its executions once one has finished. */
async function firstFinished(schedule: string, def: string): Promise<MonitoringExecutionSummary[]> {
  await t.sm.send(
    new CreateMonitoringScheduleCommand({
      MonitoringScheduleName: schedule,
      MonitoringScheduleConfig: {
        ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
        MonitoringJobDefinitionName: def,
        MonitoringType: 'DataQuality',
      },
    }),
  );
  for (let i = 0; i < 100; i++) {
    await t.clients.runtime.send(
      new InvokeEndpointCommand({
        EndpointName: 'base-ep',
        ContentType: 'application/json',
        Body: JSON.stringify({ inputs: `Summarize: the client asked about laptop ${i}.` }),
      }),
    );
    const all =
      (await t.sm.send(new ListMonitoringExecutionsCommand({ MonitoringScheduleName: schedule, SortOrder: 'Descending' })))
        .MonitoringExecutionSummaries ?? [];
    const done = all.filter((e) => e.MonitoringExecutionStatus !== 'InProgress' && e.FailureReason !== 'Job inputs had no data');
    if (done.length) return done;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no execution of ${schedule} finished`);
}

describe('Model Monitor baselines and the executions compared with them', () => {
  it("a baselining job on the analyzer image writes statistics.json and constraints.json in the guide's layout", async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await t.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'baseline/dataset.csv',
        Body: ['answer_chars,missing_later', ...Array.from({ length: 20 }, (_, i) => `${3 + (i % 4)},${i}`)].join('\n'),
      }),
    );
    await t.sm.send(baselineJob('naxt-baseline-1'));
    await waitUntilProcessingJobCompletedOrStopped({ client: t.sm, ...fast }, { ProcessingJobName: 'naxt-baseline-1' });
    expect((await t.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'naxt-baseline-1' }))).ProcessingJobStatus).toBe(
      'Completed',
    );

    // "Schema for Statistics (statistics.json file)": dataset.item_count, per feature inferred_type and numerical_statistics.
    const stats = await json<{
      version: number;
      dataset: { item_count: number };
      features: {
        name: string;
        inferred_type: string;
        numerical_statistics: {
          common: { num_present: number; num_missing: number };
          mean: number;
          min: number;
          max: number;
          distribution: { kll: { buckets: unknown[] } };
        };
      }[];
    }>('baseline/naxt-baseline-1/statistics.json');
    expect(stats.version).toBe(0);
    expect(stats.dataset.item_count).toBe(20);
    const chars = stats.features.find((f) => f.name === 'answer_chars')!;
    expect(chars.inferred_type).toBe('Integral');
    expect(chars.numerical_statistics).toMatchObject({ common: { num_present: 20, num_missing: 0 }, min: 3, max: 6, mean: 4.5 });
    expect(chars.numerical_statistics.distribution.kll.buckets).toHaveLength(10);
    // "Schema for Constraints (constraints.json file)": per feature type, completeness, num_constraints; monitoring_config.
    const constraints = await json<{
      version: number;
      features: { name: string; inferred_type: string; completeness: number; num_constraints: { is_non_negative: boolean } }[];
      monitoring_config: { distribution_constraints: { comparison_threshold: number } };
    }>('baseline/naxt-baseline-1/constraints.json');
    expect(constraints.version).toBe(0);
    expect(constraints.features.map((f) => f.name)).toEqual(['answer_chars', 'missing_later']);
    expect(constraints.features[0]).toMatchObject({
      inferred_type: 'Integral',
      completeness: 1,
      num_constraints: { is_non_negative: true },
    });
    expect(constraints.monitoring_config.distribution_constraints.comparison_threshold).toBe(0.1);
  });

  it('a baselining job without the environment the SDK sets fails; the same command on another image is a generic job', async () => {
    await t.sm.send(baselineJob('naxt-baseline-noenv', { dataset_source: '' }));
    // The waiter rejects on Failed: the job is described below.
    await waitUntilProcessingJobCompletedOrStopped({ client: t.sm, ...fast }, { ProcessingJobName: 'naxt-baseline-noenv' }).catch(
      () => undefined,
    );
    const failed = await t.sm.send(new DescribeProcessingJobCommand({ ProcessingJobName: 'naxt-baseline-noenv' }));
    expect(failed.ProcessingJobStatus).toBe('Failed');
    expect(failed.FailureReason).toMatch(/dataset_source/);

    const other = baselineJob('naxt-not-analyzer');
    other.input.AppSpecification = { ImageUri: '156813124566.dkr.ecr.us-west-2.amazonaws.com/sagemaker-model-monitor-analyzer' };
    await t.sm.send(other);
    await waitUntilProcessingJobCompletedOrStopped({ client: t.sm, ...fast }, { ProcessingJobName: 'naxt-not-analyzer' });
    const listed = await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'baseline/naxt-not-analyzer/' }));
    expect(listed.Contents ?? []).toEqual([]);
  });

  it('an execution reports only the documented violations against the baseline: drift, a missing and an extra column', async () => {
    await t.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'code/preprocessor.py', Body: PREPROCESSOR }));
    await modelAndConfig(t.sm, 'base-ep', { capture: `s3://${BUCKET}/capture` });
    await t.sm.send(new CreateEndpointCommand({ EndpointName: 'base-ep', EndpointConfigName: 'base-ep' }));
    await waitUntilEndpointInService({ client: t.sm, ...fast }, { EndpointName: 'base-ep' });
    await t.sm.send(
      definition('base-def', {
        constraints: `s3://${BUCKET}/baseline/naxt-baseline-1/constraints.json`,
        statistics: `s3://${BUCKET}/baseline/naxt-baseline-1/statistics.json`,
      }),
    );
    const [e] = await firstFinished('base-hourly', 'base-def');
    expect(e.MonitoringExecutionStatus).toBe('CompletedWithViolations');

    const keys = (await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'reports/base-ep/base-hourly/' }))).Contents!.map(
      (o) => o.Key!,
    );
    const report = keys.find((k) => k.endsWith('/constraint_violations.json'))!;
    expect(report).toMatch(/^reports\/base-ep\/base-hourly\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/constraint_violations\.json$/);
    const { violations } = await json<{ violations: { feature_name: string; constraint_check_type: string; description: string }[] }>(
      report,
    );
    expect(violations.every((v) => DOCUMENTED.includes(v.constraint_check_type) && typeof v.description === 'string')).toBe(true);
    const found = violations.map((v) => `${v.constraint_check_type} ${v.feature_name}`).sort();
    // The stand-in's answers are far longer than the baseline's 3–6 characters; the preprocessor adds answer_lines.
    expect(found).toEqual(['baseline_drift_check answer_chars', 'extra_column_check answer_lines', 'missing_column_check missing_later']);
    const stats = await json<{ features: { name: string }[] }>(report.replace('constraint_violations.json', 'statistics.json'));
    expect(stats.features.map((f) => f.name)).toEqual(['answer_chars', 'answer_lines']);
  });

  it('a job definition whose baseline constraints do not exist is accepted, and its executions fail on them', async () => {
    await t.sm.send(definition('base-def-missing', { constraints: `s3://${BUCKET}/baseline/nothing-here/constraints.json` }));
    const [e] = await firstFinished('base-hourly-missing', 'base-def-missing');
    expect(e.MonitoringExecutionStatus).toBe('Failed');
    expect(e.FailureReason).toMatch(
      /^ClientError: the baseline constraints s3:\/\/naxt-baseline\/baseline\/nothing-here\/constraints\.json do not exist/,
    );
  });

  it('an execution without a baseline computes statistics only and completes', async () => {
    await t.sm.send(definition('base-def-none'));
    const [e] = await firstFinished('base-hourly-none', 'base-def-none');
    expect(e.MonitoringExecutionStatus).toBe('Completed');
    const keys = (await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'reports/base-ep/base-hourly-none/' }))).Contents!.map(
      (o) => o.Key!,
    );
    expect(keys.some((k) => k.endsWith('/statistics.json'))).toBe(true);
    expect(keys.some((k) => k.endsWith('/constraint_violations.json'))).toBe(false);
  });

  it('executions are scheduled on the hour, the first in the hour after the schedule was created, then one hour apart', async () => {
    const all = (await t.sm.send(new ListMonitoringExecutionsCommand({ MonitoringScheduleName: 'base-hourly', SortOrder: 'Ascending' })))
      .MonitoringExecutionSummaries!;
    const created = (
      await t.sm.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: 'base-hourly' }))
    ).CreationTime!.getTime();
    const hour = 3_600_000 / 36_000;
    const times = all.map((x) => x.ScheduledTime!.getTime());
    expect(times.every((x) => x % hour === 0)).toBe(true);
    expect(times[0]).toBeGreaterThan(created - 1000);
    expect(times[0]).toBeLessThanOrEqual(Math.ceil((created + 1) / hour) * hour + 1000);
    expect(times.slice(1).map((x, i) => x - times[i])).toEqual(times.slice(1).map(() => hour));
  });
});

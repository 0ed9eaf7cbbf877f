import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';
import { epoch, listPage, statusOf, type Input, type Operations } from './util.ts';
import { toneScore, toxicity, tokens, type ToneGuide } from '../../../labs/lib/evaluation.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';
import { toneGuide as toneGuideSchema } from '../../../content/schema.ts';

const HOUR = 3_600_000;
const PII = /\b\d{4}-\d{4}-\d{4}\b|\+\d{1,2} \d{3} \d{3} \d{4}|\baccount \d{8}\b/i;

interface Execution {
  scheduledTime: number;
  status: 'Completed' | 'CompletedWithViolations' | 'Failed';
  failureReason?: string;
  reportUri?: string;
}

function toneGuide(contentDir: string): ToneGuide {
  const f = join(contentDir, 'knowledge-base', 'tone.json');
  return existsSync(f) ? toneGuideSchema.parse(JSON.parse(readFileSync(f, 'utf8'))) : { preferred: [], discouraged: [], toxic: [] };
}

/** The generated text of a captured response (JumpStart's `[{ generated_text }]` or a chat completion). */
function outputText(data: string): string {
  try {
    const o = JSON.parse(data) as unknown;
    if (Array.isArray(o)) return String((o[0] as { generated_text?: string })?.generated_text ?? '');
    return String((o as { choices?: { message?: { content?: string } }[] }).choices?.[0]?.message?.content ?? data);
  } catch {
    return data;
  }
}

/**
 * Runs the executions of a monitoring schedule that are due (hourly, on the scaled clock): each reads the data
 * captured since the previous one and writes statistics and constraint violations for LLM text.
 */
async function runDueExecutions(ctx: SandboxContext, schedule: ResourceRecord): Promise<Execution[]> {
  const { store } = ctx;
  const done = (schedule.data.__executions ?? []) as Execution[];
  const every = store.scaled(HOUR);
  const def = store.get('data-quality-job-definition', String((schedule.data.MonitoringScheduleConfig as Input).MonitoringJobDefinitionName ?? ''));
  const endpointName = String(((def?.data.DataQualityJobInput as Input | undefined)?.EndpointInput as Input | undefined)?.EndpointName ?? '');
  const outputUri = String(((((def?.data.DataQualityJobOutputConfig as Input | undefined)?.MonitoringOutputs as Input[] | undefined)?.[0]?.S3Output as Input | undefined)?.S3Uri) ?? '');
  for (let t = schedule.createdAt + every * (done.length + 1); t <= store.now() && done.length < 48; t += every) {
    // The first execution also sees the hour before the schedule existed, as Model Monitor's hourly window does.
    const since = done.length === 0 ? t - 2 * every : t - every;
    const endpoint = store.get('endpoint', endpointName);
    const capture = endpoint && store.get('endpoint-config', String(endpoint.data.EndpointConfigName))?.data.DataCaptureConfig as Input | undefined;
    const m = s3Location(String(capture?.DestinationS3Uri ?? ''));
    const records: { input: string; output: string }[] = [];
    if (m && store.bucket(m.bucket)) {
      const prefix = keyUnder(m.key, `${endpointName}/`);
      for (const [key, meta] of Object.entries(store.objects(m.bucket))) {
        if (!key.startsWith(prefix) || meta.lastModified <= since || meta.lastModified > t) continue;
        const body = (await store.getObject(m.bucket, key))?.body.toString('utf8') ?? '';
        for (const line of body.split('\n').filter(Boolean)) {
          const r = JSON.parse(line) as { captureData: { endpointInput: { data: string }; endpointOutput: { data: string } } };
          records.push({ input: r.captureData.endpointInput.data, output: outputText(r.captureData.endpointOutput.data) });
        }
      }
    }
    if (records.length === 0) {
      done.push({ scheduledTime: t, status: 'Failed', failureReason: 'Job inputs had no data' });
      continue;
    }
    const guide = toneGuide(ctx.contentDir);
    const lengths = records.map((r) => tokens(r.output).length);
    const stat = (xs: number[]) => ({ mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) });
    const piiIn = records.filter((r) => PII.test(r.input)).length;
    const piiOut = records.filter((r) => PII.test(r.output)).length;
    const toxic = records.filter((r) => toxicity(r.output, guide) > 0).length;
    const tones = records.map((r) => toneScore(r.output, guide));
    // Only the checks Model Monitor's prebuilt container reports (AWS guide, "Schema for Violations
    // (constraint_violations.json file)"): data_type_check, completeness_check, baseline_drift_check,
    // missing_column_check, extra_column_check, categorical_values_check. It has no PII or toxicity check: those are
    // the learner's own code over the capture (lab 02's inspect step). The drift reference here is a fixed one, not a
    // baseline job's constraints.json (unverified simplification).
    const violations = [
      ...(Math.max(...lengths) > 300 ? [{ feature_name: 'output_length', constraint_check_type: 'baseline_drift_check', description: 'Some responses are longer than 300 words.' }] : []),
      ...(stat(tones).mean < 0.5 ? [{ feature_name: 'output_tone', constraint_check_type: 'baseline_drift_check', description: `Mean tone score ${stat(tones).mean.toFixed(2)} is under 0.5.` }] : []),
      ...(records.some((r) => !r.output.trim()) ? [{ feature_name: 'output_text', constraint_check_type: 'completeness_check', description: `${records.filter((r) => !r.output.trim()).length} of ${records.length} responses are empty.` }] : []),
    ];
    void piiOut;
    void toxic;
    const d = new Date(t);
    const p = (n: number) => String(n).padStart(2, '0');
    const out = s3Location(outputUri);
    let reportUri: string | undefined;
    if (out && store.bucket(out.bucket)) {
      const base = keyUnder(out.key, `${endpointName}/${schedule.name}/${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${p(d.getUTCHours())}`);
      const statistics = { version: 0, dataset: { item_count: records.length }, features: [
        { name: 'output_length', inferred_type: 'Integral', numerical_statistics: stat(lengths) },
        { name: 'output_tone', inferred_type: 'Fractional', numerical_statistics: stat(tones) },
        { name: 'input_pii_rate', inferred_type: 'Fractional', numerical_statistics: stat([piiIn / records.length]) },
      ] };
      await store.putObject(out.bucket, `${base}/statistics.json`, Buffer.from(JSON.stringify(statistics, null, 2)), { contentType: 'application/json' });
      await store.putObject(out.bucket, `${base}/constraint_violations.json`, Buffer.from(JSON.stringify({ violations }, null, 2)), { contentType: 'application/json' });
      reportUri = `s3://${out.bucket}/${base}`;
    }
    done.push({ scheduledTime: t, status: violations.length ? 'CompletedWithViolations' : 'Completed', reportUri });
  }
  schedule.data.__executions = done;
  store.changed(schedule);
  return done;
}

export function monitoringOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  return {
    async ListMonitoringExecutions(input) {
      const schedules = store.list('monitoring-schedule').filter((s) => statusOf(s) === 'Scheduled' || statusOf(s) === 'Pending')
        .filter((s) => !input.MonitoringScheduleName || s.name === input.MonitoringScheduleName);
      const rows: { schedule: ResourceRecord; e: Execution }[] = [];
      for (const s of schedules) for (const e of await runDueExecutions(ctx, s)) rows.push({ schedule: s, e });
      // Pagination and sorting as the other List calls: by scheduled time, newest first.
      const fake = rows.map(({ schedule, e }, i) => ({ kind: 'x', name: `${schedule.name}#${i}`, arn: '', createdAt: e.scheduledTime, data: { __status: e.status, schedule, e }, timeline: [], applied: 0 }));
      const { items, NextToken } = listPage(fake, { ...input, SortBy: 'CreationTime', NameContains: undefined }, (r) => {
        const { schedule, e } = r.data as unknown as { schedule: ResourceRecord; e: Execution };
        const def = String((schedule.data.MonitoringScheduleConfig as Input).MonitoringJobDefinitionName ?? '');
        return {
          MonitoringScheduleName: schedule.name, ScheduledTime: epoch(e.scheduledTime), CreationTime: epoch(e.scheduledTime), LastModifiedTime: epoch(e.scheduledTime),
          MonitoringExecutionStatus: e.status, FailureReason: e.failureReason, EndpointName: schedule.data.EndpointName, MonitoringJobDefinitionName: def, MonitoringType: 'DataQuality',
          ProcessingJobArn: `arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:processing-job/model-monitoring-${Math.floor(e.scheduledTime / 1000)}`,
        };
      });
      return { MonitoringExecutionSummaries: items, NextToken };
    },
  };
}

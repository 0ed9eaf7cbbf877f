import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';
import type { MonitoringExecutionSummary } from '@aws-sdk/client-sagemaker';
import { described, epoch, listPage, statusOf, typedOps, type Operations, type Wire } from './util.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';
import { flatten, statisticsOf, violationsOf, type Constraints, type Row, type Statistics } from './model-monitor.ts';

const HOUR = 3_600_000;
const MIN = 60_000;
/** How many executions a schedule keeps listing (the newest); older ones are dropped from the sandbox's memory. */
const KEPT = 48;

interface Execution {
  scheduledTime: number;
  /** When the job started (the hour plus the scheduler's delay) and ended. */
  startedAt: number;
  endedAt: number;
  status: 'Completed' | 'CompletedWithViolations' | 'Failed';
  failureReason?: string;
  reportUri?: string;
}

/**
 * The scheduler's delay after the hour: "Model Monitor may start the execution up to 20 minutes after the scheduled
 * time" (AWS guide, "Schedule monitoring jobs" / "The cron expression for monitoring schedule"). Deterministic per
 * schedule and hour, so a re-listing gives the same answer.
 */
function delayOf(scheduleName: string, hour: number): number {
  const h = createHash('sha256').update(`${scheduleName}@${hour}`).digest();
  return (h.readUInt32BE(0) / 0x1_0000_0000) * 20 * MIN;
}
/** The monitoring job's own run time once started (unverified: a small data-quality job takes minutes). */
const RUN = 4 * MIN;

type Captured = {
  captureData: { endpointInput?: { data?: string; encoding?: string }; endpointOutput?: { data?: string; encoding?: string } };
};

const harness = fileURLToPath(new URL('./record-preprocessor.py', import.meta.url));

/** Runs the definition's record preprocessor (RecordPreprocessorSourceUri) over the captured lines with python3. */
async function preprocess(script: Buffer, lines: string[]): Promise<{ rows: Row[] } | { error: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'naxt-preprocessor-'));
  try {
    const file = join(dir, 'preprocessor.py');
    await writeFile(file, script);
    return await new Promise((resolve) => {
      const child = spawn('python3', [harness, file], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONUNBUFFERED: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
      child.on('error', (e) => resolve({ error: e.message }));
      child.on('close', (code) => {
        if (code !== 0) return resolve({ error: err.trim().split('\n').slice(-6).join('\n') || `exit ${code}` });
        try {
          resolve({
            rows: out
              .split('\n')
              .filter(Boolean)
              .map((l) => flatten(JSON.parse(l) as unknown)),
          });
        } catch (e) {
          resolve({ error: `preprocess_handler returned something that is not JSON: ${(e as Error).message}` });
        }
      });
      child.stdin.end(lines.join('\n'));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Without a preprocessor the payloads are read as JSON and flattened (how the container reads a JSON capture: unverified). */
function flattenCaptured(line: string): Row {
  const r = JSON.parse(line) as Captured;
  const part = (d?: { data?: string }) => {
    try {
      return flatten(JSON.parse(String(d?.data ?? '')) as unknown);
    } catch {
      return { _c0: d?.data } as Row;
    }
  };
  return { ...part(r.captureData.endpointInput), ...part(r.captureData.endpointOutput) };
}

async function readJson<T>(ctx: SandboxContext, uri: unknown): Promise<T | undefined> {
  const m = s3Location(typeof uri === 'string' ? uri : undefined);
  const o = m && ctx.store.bucket(m.bucket) ? await ctx.store.getObject(m.bucket, m.key) : undefined;
  return o ? (JSON.parse(o.body.toString('utf8')) as T) : undefined;
}

/**
 * One execution of a data-quality schedule: the analyzer over the data captured in the hour before its scheduled
 * time, flattened by the record preprocessor when the definition names one, compared with the baseline's
 * constraints (DataQualityBaselineConfig) when it has one. Reports go to
 * `<S3Uri>/<endpoint>/<schedule>/<yyyy>/<mm>/<dd>/<hh>/` (the layout the SDK's and AWS's examples read).
 */
async function execute(ctx: SandboxContext, schedule: ResourceRecord, t: number): Promise<Omit<Execution, 'startedAt' | 'endedAt'>> {
  const { store } = ctx;
  const H = store.scaled(HOUR);
  const defName = String(described<'DescribeMonitoringSchedule'>(schedule).MonitoringScheduleConfig?.MonitoringJobDefinitionName ?? '');
  const def = store.get('data-quality-job-definition', defName);
  // Wording unverified.
  if (!def) return { scheduledTime: t, status: 'Failed', failureReason: `ClientError: the job definition ${defName} does not exist.` };
  const job = described<'DescribeDataQualityJobDefinition'>(def);
  const endpointName = String(job.DataQualityJobInput?.EndpointInput?.EndpointName ?? '');
  const endpoint = store.get('endpoint', endpointName);
  const config = endpoint && store.get('endpoint-config', String(endpoint.data.EndpointConfigName));
  const capture = config ? described<'DescribeEndpointConfig'>(config).DataCaptureConfig : undefined;
  const m = s3Location(String(capture?.DestinationS3Uri ?? ''));
  const lines: string[] = [];
  if (m && store.bucket(m.bucket)) {
    const prefix = keyUnder(m.key, `${endpointName}/`);
    for (const [key, meta] of Object.entries(store.objects(m.bucket))) {
      if (!key.startsWith(prefix) || meta.lastModified < t - H || meta.lastModified >= t) continue;
      lines.push(...((await store.getObject(m.bucket, key))?.body.toString('utf8') ?? '').split('\n').filter(Boolean));
    }
  }
  // The FailureReason of an hour without captured data (wording as reported by Model Monitor users; unverified).
  if (lines.length === 0) return { scheduledTime: t, status: 'Failed', failureReason: 'Job inputs had no data' };

  // The baseline files are the job's inputs, fetched before the analysis starts.
  const baseline = job.DataQualityBaselineConfig ?? {};
  let constraints: Constraints | undefined;
  let baseStats: Statistics | undefined;
  if (baseline.ConstraintsResource?.S3Uri) {
    constraints = await readJson<Constraints>(ctx, baseline.ConstraintsResource.S3Uri);
    // The execution fails when the baseline file it names is not there (wording unverified).
    if (!constraints)
      return {
        scheduledTime: t,
        status: 'Failed',
        failureReason: `ClientError: the baseline constraints ${baseline.ConstraintsResource.S3Uri} do not exist or are not accessible.`,
      };
  }
  if (baseline.StatisticsResource?.S3Uri) {
    baseStats = await readJson<Statistics>(ctx, baseline.StatisticsResource.S3Uri);
    if (!baseStats)
      return {
        scheduledTime: t,
        status: 'Failed',
        failureReason: `ClientError: the baseline statistics ${baseline.StatisticsResource.S3Uri} do not exist or are not accessible.`,
      };
  }
  const app = job.DataQualityAppSpecification;
  let rows: Row[];
  if (app && typeof app.RecordPreprocessorSourceUri === 'string') {
    const sm = s3Location(app.RecordPreprocessorSourceUri);
    const script = sm && store.bucket(sm.bucket) ? await store.getObject(sm.bucket, sm.key) : undefined;
    if (!script)
      return {
        scheduledTime: t,
        status: 'Failed',
        failureReason: `ClientError: the record preprocessor script ${app.RecordPreprocessorSourceUri} could not be downloaded (wording unverified).`,
      };
    const r = await preprocess(script.body, lines);
    if ('error' in r)
      return {
        scheduledTime: t,
        status: 'Failed',
        failureReason: `AlgorithmError: the record preprocessor failed: ${r.error}`.slice(0, 1024),
      };
    rows = r.rows;
  } else {
    rows = lines.map(flattenCaptured);
  }

  // Without constraints there is nothing to evaluate: statistics only, and the job completes (unverified, permissive).
  const violations = constraints ? violationsOf(rows, constraints, baseStats) : undefined;

  const outputUri = job.DataQualityJobOutputConfig?.MonitoringOutputs?.[0]?.S3Output?.S3Uri;
  const out = s3Location(typeof outputUri === 'string' ? outputUri : undefined);
  let reportUri: string | undefined;
  if (out && store.bucket(out.bucket)) {
    const d = new Date(t);
    const p = (n: number) => String(n).padStart(2, '0');
    const base = keyUnder(
      out.key,
      `${endpointName}/${schedule.name}/${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${p(d.getUTCHours())}`,
    );
    await store.putObject(out.bucket, `${base}/statistics.json`, Buffer.from(JSON.stringify(statisticsOf(rows), null, 2)), {
      contentType: 'application/json',
    });
    if (violations)
      await store.putObject(out.bucket, `${base}/constraint_violations.json`, Buffer.from(JSON.stringify({ violations }, null, 2)), {
        contentType: 'application/json',
      });
    reportUri = `s3://${out.bucket}/${base}`;
  }
  return { scheduledTime: t, status: violations?.length ? 'CompletedWithViolations' : 'Completed', reportUri };
}

/** One computation at a time per schedule: concurrent listings must not run an hour twice. */
const busy = new WeakMap<object, Map<string, Promise<Execution[]>>>();

/**
 * The executions of a schedule so far, on the sandbox's scaled clock. `cron(0 * ? * * *)` is hourly, on the hour
 * (the only hourly expression the guide allows for a real-time endpoint); the first execution is the first hour after
 * the schedule's creation, each starts up to 20 minutes after its hour and analyses the hour before it. Only the
 * newest hours are computed after a long pause (a restarted runner does not replay days of hours). Every schedule runs
 * hourly here, whatever its ScheduleExpression (daily and one-time schedules: not modelled, unverified).
 */
function executionsOf(ctx: SandboxContext, schedule: ResourceRecord): Promise<Execution[]> {
  let m = busy.get(ctx.store);
  if (!m) busy.set(ctx.store, (m = new Map()));
  const running = m.get(schedule.name);
  if (running) return running;
  const p = (async () => {
    const { store } = ctx;
    const H = store.scaled(HOUR);
    const done = ((schedule.data.__executions ?? []) as Execution[]).filter((e) => typeof e.startedAt === 'number');
    const now = store.now();
    let t = done.length ? done.at(-1)!.scheduledTime + H : (Math.floor(schedule.createdAt / H) + 1) * H;
    t = Math.max(t, (Math.floor(now / H) - KEPT) * H);
    for (; ; t += H) {
      const startedAt = t + store.scaled(delayOf(schedule.name, t));
      const endedAt = startedAt + store.scaled(RUN);
      if (endedAt > now) break;
      done.push({ ...(await execute(ctx, schedule, t)), startedAt, endedAt });
    }
    schedule.data.__executions = done.slice(-KEPT);
    store.changed(schedule);
    return done.slice(-KEPT);
  })().finally(() => m.delete(schedule.name));
  m.set(schedule.name, p);
  return p;
}

/** The execution under way now, if its hour's job has started and not yet ended (listed InProgress, as on AWS). */
function inProgress(ctx: SandboxContext, schedule: ResourceRecord, done: Execution[]): { scheduledTime: number } | undefined {
  const H = ctx.store.scaled(HOUR);
  const t = done.length ? done.at(-1)!.scheduledTime + H : (Math.floor(schedule.createdAt / H) + 1) * H;
  const startedAt = t + ctx.store.scaled(delayOf(schedule.name, t));
  return startedAt <= ctx.store.now() ? { scheduledTime: t } : undefined;
}

export function monitoringOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  return typedOps({
    async ListMonitoringExecutions(input) {
      const schedules = store
        .list('monitoring-schedule')
        .filter((s) => statusOf(s) === 'Scheduled' || statusOf(s) === 'Pending')
        .filter((s) => !input.MonitoringScheduleName || s.name === input.MonitoringScheduleName);
      type Row = {
        schedule: ResourceRecord;
        e: { scheduledTime: number; status: Execution['status'] | 'InProgress'; failureReason?: string; endedAt?: number };
      };
      const rows: Row[] = [];
      for (const s of schedules) {
        const done = await executionsOf(ctx, s);
        for (const e of done) rows.push({ schedule: s, e });
        const now = inProgress(ctx, s, done);
        if (now) rows.push({ schedule: s, e: { scheduledTime: now.scheduledTime, status: 'InProgress' } });
      }
      // Pagination and sorting as the other List calls: by scheduled time.
      const fake = rows.map(({ schedule, e }, i) => ({
        kind: 'x',
        name: `${schedule.name}#${i}`,
        arn: '',
        createdAt: e.scheduledTime,
        data: { __status: e.status },
        timeline: [],
        applied: 0,
      }));
      // Each stand-in record's row, by its name: the rows themselves stay typed.
      const rowOf = new Map(fake.map((r, i) => [r.name, rows[i]]));
      const { items, NextToken } = listPage(
        fake,
        { ...input, SortBy: 'CreationTime', NameContains: undefined },
        (r): Wire<MonitoringExecutionSummary> => {
          const { schedule, e } = rowOf.get(r.name)!;
          const def = String(described<'DescribeMonitoringSchedule'>(schedule).MonitoringScheduleConfig?.MonitoringJobDefinitionName ?? '');
          return {
            MonitoringScheduleName: schedule.name,
            ScheduledTime: epoch(e.scheduledTime),
            CreationTime: epoch(e.scheduledTime),
            LastModifiedTime: epoch(e.endedAt ?? e.scheduledTime),
            MonitoringExecutionStatus: e.status,
            FailureReason: e.failureReason,
            EndpointName: described<'DescribeMonitoringSchedule'>(schedule).EndpointName,
            MonitoringJobDefinitionName: def,
            MonitoringType: 'DataQuality',
            ProcessingJobArn: `arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:processing-job/model-monitoring-${Math.floor(e.scheduledTime / 1000)}`,
          };
        },
      );
      return { MonitoringExecutionSummaries: items, NextToken };
    },
  });
}

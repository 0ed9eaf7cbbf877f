import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type * as logs from '@aws-sdk/client-cloudwatch-logs';
import type { SandboxContext, SandboxEnv } from './context.ts';
import { AwsError } from './errors.ts';
import { jsonOps, type ExceptionName } from './typed.ts';
import { jobLogs } from './sagemaker/jobs.ts';
import { statusOf } from './sagemaker/util.ts';
import { jsonInput, operationOf } from './json-protocol.ts';

/** Where SageMaker writes job logs: one group per job family, one stream per instance (`<job>/algo-1-<epoch s>`). */
const GROUPS: Record<string, string> = { '/aws/sagemaker/TrainingJobs': 'training-job', '/aws/sagemaker/ProcessingJobs': 'processing-job' };

/** An event as FilterLogEvents answers it (the SDK's FilteredLogEvent, every member present). */
type LogEvent = Required<logs.FilteredLogEvent>;

/** An error by the name the SDK gives the exception: on awsJson1_1 that name is the error code (`__type`). */
const logsError = (name: ExceptionName<typeof logs>, message: string) => new AwsError(name, message);

/**
 * CloudWatch Logs (awsJson1_1, `X-Amz-Target: Logs_20140328.<Op>`), read-only: the log lines of training and
 * processing jobs, appearing as the job advances — what a learner reads on a real account with FilterLogEvents.
 */
export function logsService(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });

  const streams = (group: string) => {
    const kind = Object.hasOwn(GROUPS, group) ? GROUPS[group] : undefined;
    if (!kind) throw logsError('ResourceNotFoundException', 'The specified log group does not exist.');
    return ctx.store.list(kind).map((r) => {
      const lines = jobLogs(ctx, r.name) ?? [];
      const started = r.timeline.find((t) => t.patch?.SecondaryStatus === 'Training')?.at ?? r.createdAt;
      const end = r.timeline.at(-1)!.at;
      const done = ['Completed', 'Failed', 'Stopped'].includes(statusOf(r));
      const logged = r.data.__logs;
      const all = Array.isArray(logged) ? logged.length : lines.length;
      const name = `${r.name}/algo-1-${Math.floor(r.createdAt / 1000)}`;
      // Each line at its share of the training phase, as jobLogs releases them.
      const events: LogEvent[] = lines.map((message, i) => {
        const timestamp = Math.round(done && all <= 1 ? end : started + ((end - started) * (i + 1)) / Math.max(1, all));
        return {
          logStreamName: name,
          timestamp,
          ingestionTime: timestamp + 200,
          message,
          eventId: `${Math.floor(r.createdAt / 1000)}${String(i).padStart(6, '0')}`,
        };
      });
      return { name, createdAt: r.createdAt, events };
    });
  };

  const page = <T>(items: T[], input: { nextToken?: unknown; limit?: unknown }, max = 10_000) => {
    const start = typeof input.nextToken === 'string' ? Number(Buffer.from(input.nextToken, 'base64url').toString()) || 0 : 0;
    const limit = Math.max(1, Math.min(max, Number(input.limit ?? max)));
    const slice = items.slice(start, start + limit);
    const next = start + limit < items.length ? Buffer.from(String(start + limit)).toString('base64url') : undefined;
    return { slice, next };
  };

  const reply = (o: unknown) =>
    new Response(JSON.stringify(o), { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() } });
  const operations = jsonOps<typeof logs>()({
    DescribeLogStreams(input) {
      const group = String(input.logGroupName ?? '');
      const prefix = String(input.logStreamNamePrefix ?? '');
      const all = streams(group)
        .filter((s) => s.name.startsWith(prefix))
        .sort((a, b) => a.name.localeCompare(b.name));
      const { slice, next } = page(all, input, 50);
      return {
        logStreams: slice.map((s) => ({
          logStreamName: s.name,
          creationTime: s.createdAt,
          firstEventTimestamp: s.events[0]?.timestamp,
          lastEventTimestamp: s.events.at(-1)?.timestamp,
          arn: `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${group}:log-stream:${s.name}`,
        })),
        nextToken: next,
      };
    },
    FilterLogEvents(input) {
      const group = String(input.logGroupName ?? '');
      const names = Array.isArray(input.logStreamNames) ? input.logStreamNames.map(String) : undefined;
      const prefix = String(input.logStreamNamePrefix ?? '');
      const pattern = typeof input.filterPattern === 'string' ? input.filterPattern.replace(/^"|"$/g, '') : '';
      const from = Number(input.startTime ?? 0);
      const to = Number(input.endTime ?? Number.MAX_SAFE_INTEGER);
      const events = streams(group)
        .filter((s) => (names ? names.includes(s.name) : s.name.startsWith(prefix)))
        .flatMap((s) => s.events)
        .filter((e) => e.timestamp >= from && e.timestamp <= to && (!pattern || e.message.includes(pattern)))
        .sort((a, b) => a.timestamp - b.timestamp);
      const { slice, next } = page(events, input);
      return { events: slice, searchedLogStreams: [], nextToken: next };
    },
    GetLogEvents(input) {
      const group = String(input.logGroupName ?? '');
      const stream = streams(group).find((s) => s.name === input.logStreamName);
      if (!stream) throw logsError('ResourceNotFoundException', 'The specified log stream does not exist.');
      const { slice } = page(stream.events, { limit: input.limit });
      const token = `f/${stream.events.length}`;
      return {
        events: slice.map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
        nextForwardToken: token,
        nextBackwardToken: 'b/0',
      };
    },
  });

  app.post('*', (c) => {
    const { name, handler } = operationOf(c.req.header('x-amz-target'), 'Logs_20140328', operations, 'CloudWatch Logs');
    const input = jsonInput(c.get('body'));
    ctx.faults.beforeCall(name);
    return reply(handler(input));
  });
  return app;
}

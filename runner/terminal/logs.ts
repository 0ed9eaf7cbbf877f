import { DescribeProcessingJobCommand, DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { FilterLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import type { CheckClients } from '../checks/types.ts';
import { sleep } from '../resources/retry.ts';

const DONE = ['Completed', 'Failed', 'Stopped'];

/** Where SageMaker writes a job's log: one group per kind of job, one stream per instance, named `<job>/…`. */
const LOG_GROUP = { training: '/aws/sagemaker/TrainingJobs', processing: '/aws/sagemaker/ProcessingJobs' } as const;

/** New log lines of a job since the last call, read from CloudWatch Logs (the sandbox serves the same API). */
function logReader(clients: () => CheckClients, job: string, kind: keyof typeof LOG_GROUP) {
  const seen = new Set<string>();
  let since = 0;
  return async (): Promise<string[]> => {
    const lines: string[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await clients().logs.send(
          new FilterLogEventsCommand({ logGroupName: LOG_GROUP[kind], logStreamNamePrefix: `${job}/`, startTime: since, nextToken }),
        );
        for (const e of page.events ?? []) {
          if (!e.eventId || seen.has(e.eventId)) continue;
          seen.add(e.eventId);
          since = Math.max(since, e.timestamp ?? 0);
          if (e.message) lines.push(e.message.trimEnd());
        }
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      // No log group yet (a job that has not started writing): nothing to show, keep following the status.
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    return lines;
  };
}

/**
 * Follows a training or processing job: its status transitions and its log lines from CloudWatch Logs — the
 * same calls on the sandbox and on a real account — until the job ends or the learner presses Ctrl+C.
 */
export function followJob(clients: () => CheckClients, pollMs = 1000) {
  return async (job: string, write: (text: string) => void, signal: AbortSignal): Promise<void> => {
    let printedStatus = '';
    let readLog: (() => Promise<string[]>) | undefined;
    for (;;) {
      const c = clients();
      let status: string | undefined;
      let detail = '';
      try {
        const t = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: job }));
        status = t.TrainingJobStatus;
        detail = `${t.SecondaryStatus ?? ''}${t.FailureReason ? ` — ${t.FailureReason}` : ''}`;
        readLog ??= logReader(clients, job, 'training');
      } catch {
        try {
          const p = await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: job }));
          status = p.ProcessingJobStatus;
          detail = p.FailureReason ?? '';
          readLog ??= logReader(clients, job, 'processing');
        } catch {
          throw new Error(`No training or processing job named "${job}" in this account.`);
        }
      }
      const line = `[${status}${detail ? ` · ${detail}` : ''}]`;
      if (line !== printedStatus) {
        write(line);
        printedStatus = line;
      }
      try {
        for (const l of await readLog()) write(l);
      } catch (error) {
        write(`(the job's log cannot be read: ${(error as Error).name}: ${(error as Error).message})`);
        readLog = async () => [];
      }
      if (DONE.includes(status ?? '') || signal.aborted) return;
      await sleep(pollMs);
    }
  };
}

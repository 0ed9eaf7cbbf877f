import { DescribeProcessingJobCommand, DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import type { CheckClients } from '../checks/types.ts';
import { sleep } from '../resources/retry.ts';

const DONE = ['Completed', 'Failed', 'Stopped'];

/**
 * Follows a training or processing job: its status transitions (any target, through the SDK) and, where the
 * target keeps them, its log lines — until the job ends or the learner presses Ctrl+C.
 */
export function followJob(clients: () => CheckClients, logLines?: (job: string) => string[] | undefined, pollMs = 1000) {
  return async (job: string, write: (text: string) => void, signal: AbortSignal): Promise<void> => {
    let printedLines = 0;
    let printedStatus = '';
    for (;;) {
      const c = clients();
      let status: string | undefined;
      let detail = '';
      try {
        const t = await c.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: job }));
        status = t.TrainingJobStatus;
        detail = `${t.SecondaryStatus ?? ''}${t.FailureReason ? ` — ${t.FailureReason}` : ''}`;
      } catch {
        try {
          const p = await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: job }));
          status = p.ProcessingJobStatus;
          detail = p.FailureReason ?? '';
        } catch {
          throw new Error(`No training or processing job named "${job}" in this account.`);
        }
      }
      const line = `[${status}${detail ? ` · ${detail}` : ''}]`;
      if (line !== printedStatus) {
        write(line);
        printedStatus = line;
      }
      const lines = logLines?.(job) ?? [];
      for (; printedLines < lines.length; printedLines++) write(lines[printedLines]);
      if (DONE.includes(status ?? '') || signal.aborted) return;
      await sleep(pollMs);
    }
  };
}

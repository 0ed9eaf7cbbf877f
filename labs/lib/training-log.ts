/**
 * A training job's log, as SageMaker writes it to CloudWatch Logs (`/aws/sagemaker/TrainingJobs`, one stream per
 * instance), and the loss per epoch read from it — the numbers behind a loss curve, on any account.
 */
import { CloudWatchLogsClient, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';

export interface EpochLoss {
  epoch: number;
  train_loss?: number;
  eval_loss?: number;
}

/** The job's log lines, oldest first: every stream of the job (`<job>/algo-<n>-<epoch s>`), read with FilterLogEvents. */
export async function trainingLogLines(jobName: string): Promise<string[]> {
  const logs = new CloudWatchLogsClient({});
  const lines: string[] = [];
  try {
    for await (const page of paginateFilterLogEvents(
      { client: logs },
      { logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: `${jobName}/` },
    )) {
      for (const e of page.events ?? []) if (e.message) lines.push(e.message);
    }
  } finally {
    logs.destroy();
  }
  return lines;
}

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

/**
 * Loss per epoch from log lines: `epoch 2/3 train_loss=1.23 eval_loss=1.31` lines and Hugging Face Trainer's
 * `{'loss': 1.23, 'epoch': 2.0}` / `{'eval_loss': 1.31, 'epoch': 2.0}` dictionaries.
 */
export function lossPerEpoch(lines: string[]): EpochLoss[] {
  const byEpoch = new Map<number, EpochLoss>();
  const at = (epoch: number) => {
    let row = byEpoch.get(epoch);
    if (!row) byEpoch.set(epoch, (row = { epoch }));
    return row;
  };
  for (const line of lines) {
    const plain = /epoch\s+(\d+(?:\.\d+)?)(?:\/\d+)?\b.*?train_loss[=:]\s*([\d.eE+-]+)(?:.*?eval_loss[=:]\s*([\d.eE+-]+))?/.exec(line);
    if (plain) {
      const row = at(Number(plain[1]));
      row.train_loss = num(plain[2]);
      if (plain[3]) row.eval_loss = num(plain[3]);
      continue;
    }
    if (/train_runtime/.test(line)) continue; // the Trainer's closing summary averages the whole run
    const epoch = /'epoch':\s*([\d.]+)/.exec(line)?.[1];
    if (!epoch) continue;
    const loss = /'loss':\s*([\d.eE+-]+)/.exec(line)?.[1];
    const evalLoss = /'eval_loss':\s*([\d.eE+-]+)/.exec(line)?.[1];
    if (loss) at(Number(epoch)).train_loss = num(loss);
    if (evalLoss) at(Number(epoch)).eval_loss = num(evalLoss);
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

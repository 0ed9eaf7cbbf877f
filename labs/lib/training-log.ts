/**
 * A training job's log, as SageMaker writes it to CloudWatch Logs (`/aws/sagemaker/TrainingJobs`, one stream per
 * instance), and the loss per epoch read from it — the numbers behind a loss curve, on any account.
 */
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@smithy/core/checksum';

export interface EpochLoss {
  epoch: number;
  train_loss?: number;
  eval_loss?: number;
}

interface FilterPage { events?: { message?: string; timestamp?: number }[]; nextToken?: string }

/**
 * The job's log lines, oldest first. The project has no CloudWatch Logs client, so this signs the one JSON call
 * (FilterLogEvents) itself with the same credentials, region and endpoint settings as the SDK's other clients.
 */
export async function trainingLogLines(jobName: string): Promise<string[]> {
  const sm = new SageMakerClient({});
  const credentials = await sm.config.credentials();
  const region = await sm.config.region();
  sm.destroy();
  const endpoint = new URL(process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ?? process.env.AWS_ENDPOINT_URL ?? `https://logs.${region}.amazonaws.com`);
  const signer = new SignatureV4({ credentials, region, service: 'logs', sha256: Sha256 });
  const lines: string[] = [];
  let nextToken: string | undefined;
  do {
    const body = JSON.stringify({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: `${jobName}/`, nextToken });
    const request = new HttpRequest({
      method: 'POST', protocol: endpoint.protocol, hostname: endpoint.hostname, port: endpoint.port ? Number(endpoint.port) : undefined,
      path: endpoint.pathname === '/' ? '/' : endpoint.pathname, body,
      headers: { host: endpoint.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.FilterLogEvents' },
    });
    const signed = await signer.sign(request);
    const res = await fetch(`${endpoint.origin}${signed.path}`, { method: 'POST', headers: signed.headers as Record<string, string>, body });
    const page = (await res.json()) as FilterPage & { message?: string; __type?: string };
    if (!res.ok) throw new Error(`CloudWatch Logs ${page.__type ?? res.status}: ${page.message ?? ''}`.trim());
    for (const e of page.events ?? []) if (e.message) lines.push(e.message);
    nextToken = page.nextToken;
  } while (nextToken);
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

/**
 * Turns what the sandbox saw on the wire into (operation, input, output) and checks both against the service
 * model. Covered: the awsJson protocols (SageMaker, CloudWatch Logs, Service Quotas, and any other awsJson
 * service mounted later, e.g. Cognito): whole request and response bodies. Not covered yet: restJson
 * (SageMaker Runtime, Lambda), restXml (S3) and query (STS, IAM) — they are counted as unchecked.
 */
import type { Exchange } from '../../runner/sandbox/index.ts';
import { serviceModel, type ServiceModel } from './botocore.ts';
import { validate, type Problem } from './validate.ts';

/** The sandbox's mount points and the botocore models of the services behind them. */
export const MOUNTS: Record<string, string> = {
  sagemaker: 'sagemaker',
  runtime: 'sagemaker-runtime',
  s3: 's3',
  sts: 'sts',
  iam: 'iam',
  servicequotas: 'service-quotas',
  logs: 'logs',
  lambda: 'lambda',
  'cognito-idp': 'cognito-idp',
  cognito: 'cognito-idp',
};

export interface Finding {
  service: string;
  operation: string;
  side: 'request' | 'response';
  path: string;
  problem: string;
}

export interface Tally {
  checked: Map<string, number>;
  unchecked: Map<string, number>;
  findings: Finding[];
}

export const newTally = (): Tally => ({ checked: new Map(), unchecked: new Map(), findings: [] });
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function parse(text: string | undefined): unknown {
  if (!text) return {};
  return JSON.parse(text) as unknown;
}

/** Checks one exchange, adding its problems to the tally. */
export function checkExchange(x: Exchange, tally: Tally): void {
  const name = MOUNTS[x.service];
  let model: ServiceModel;
  try {
    model = serviceModel(name ?? x.service);
  } catch {
    bump(tally.unchecked, `${x.service} (no model)`);
    return;
  }
  if (model.metadata.protocol !== 'json') {
    bump(tally.unchecked, `${model.service} (${model.metadata.protocol})`);
    return;
  }
  const target = x.headers['x-amz-target'] ?? '';
  const [prefix, opName] = target.split('.');
  const add = (side: Finding['side'], problems: Problem[]) => {
    for (const p of problems) tally.findings.push({ service: model.service, operation: opName || '(none)', side, ...p });
  };
  if (prefix !== model.metadata.targetPrefix)
    return add('request', [{ path: 'X-Amz-Target', problem: `${target} is not a ${model.metadata.targetPrefix} target` }]);
  const op = model.operations[opName];
  if (!op) return add('request', [{ path: 'X-Amz-Target', problem: `${opName} is not an operation of ${model.service}` }]);
  bump(tally.checked, `${model.service}:${opName}`);
  const input = parse(Buffer.from(x.body).toString('utf8'));
  if (op.input) add('request', validate(model, op.input.shape, input, { timestamps: 'epoch', blobs: 'base64', request: true }));
  if (x.status >= 200 && x.status < 300 && op.output) {
    add('response', validate(model, op.output.shape, parse(x.responseBody), { timestamps: 'epoch', blobs: 'base64', request: false }));
  }
}

/** `Operation: path: problem`, one line per finding, with how often each was seen. */
export function report(findings: Finding[]): string[] {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const line = `${f.operation} (${f.side}): ${f.path}: ${f.problem}`;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([l, n]) => (n > 1 ? `${l} (×${n})` : l)).sort();
}

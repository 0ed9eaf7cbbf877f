/**
 * The sandbox's own cost, in process: signed requests go straight to the sandbox Hono app's `fetch` (SigV4
 * verification, routing, the operation, JSON rendering — no socket, no SDK), and the memory of an account
 * holding 1,000 resources.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@smithy/core/checksum';
import { createSandbox, type Sandbox } from '../runner/sandbox/index.ts';
import { newSandboxKeys } from '../runner/target.ts';
import { percentile } from './stats.ts';

const REGION = 'us-east-1';
const HOST = 'sandbox.bench';

interface Signed {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** Pre-signed requests, so the timing holds only what the sandbox does with them. */
async function sign(
  keys: { accessKeyId: string; secretAccessKey: string },
  service: string,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<Signed> {
  const signer = new SignatureV4({ credentials: keys, region: REGION, service, sha256: Sha256 });
  const req = new HttpRequest({ method: 'POST', protocol: 'http:', hostname: HOST, path, headers: { host: HOST, ...headers }, body });
  const signed = await signer.sign(req);
  return { path, body, headers: signed.headers };
}

async function timeCalls(sandbox: Sandbox, requests: Signed[]): Promise<number[]> {
  const out: number[] = [];
  for (const r of requests) {
    const t = performance.now();
    const res = await sandbox.app.fetch(new Request(`http://${HOST}${r.path}`, { method: 'POST', headers: r.headers, body: r.body }));
    const text = await res.text();
    out.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${r.path}: ${res.status} ${text.slice(0, 200)}`);
  }
  return out;
}

function heapMb(): { heap: number; rss: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20 };
}

let gcFn: (() => void) | undefined;
function gc(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

export interface SandboxFigures {
  describeMs: number[];
  invokeMs: number[];
  resources: number;
  heapMb: number;
  rssMb: number;
  stateKb: number;
}

/** DescribeEndpoint and InvokeEndpoint in process, then 1,000 tagged resources and the memory they hold. */
export async function benchSandboxInProcess(projectDir: string, calls = 2000): Promise<SandboxFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'naxt-bench-sandbox-'));
  const keys = newSandboxKeys();
  // A huge time scale: endpoints come up at once and the stand-in's simulated latency vanishes, so the
  // invoke figure is the protocol plus the engine's own work.
  const sandbox = await createSandbox({
    dataDir,
    timeScale: 1e7,
    accountId: '123456789012',
    region: REGION,
    credentials: keys,
    contentDir: join(projectDir, 'content'),
  });
  const sm = (op: string, input: unknown) =>
    sign(keys, 'sagemaker', '/sagemaker/', JSON.stringify(input), {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `SageMaker.${op}`,
    });
  const call = async (op: string, input: unknown) => timeCalls(sandbox, [await sm(op, input)]);
  try {
    const tags = [
      { Key: 'workshop', Value: 'naxt-genai' },
      { Key: 'workshop-session', Value: 'bench0001' },
    ];
    await call('CreateModel', {
      ModelName: 'naxt-bench',
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r',
      PrimaryContainer: { Image: 'img', Environment: { HF_MODEL_ID: 'huggingface-llm-mistral-7b-instruct-v3' } },
    });
    await call('CreateEndpointConfig', {
      EndpointConfigName: 'naxt-bench',
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'naxt-bench', InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
    });
    await call('CreateEndpoint', { EndpointName: 'naxt-bench', EndpointConfigName: 'naxt-bench' });
    await new Promise((r) => setTimeout(r, 5));

    const describeReqs = await Promise.all(Array.from({ length: calls }, () => sm('DescribeEndpoint', { EndpointName: 'naxt-bench' })));
    await timeCalls(sandbox, describeReqs.splice(0, 200)); // warm-up
    const describeMs = await timeCalls(sandbox, describeReqs);
    describeReqs.length = 0;

    const body = JSON.stringify({ inputs: 'How do I order a laptop?' });
    const invokeReqs = await Promise.all(
      Array.from({ length: 300 }, () =>
        sign(keys, 'sagemaker', '/runtime/endpoints/naxt-bench/invocations', body, { 'content-type': 'application/json' }),
      ),
    );
    await timeCalls(sandbox, invokeReqs.splice(0, 50));
    const invokeMs = await timeCalls(sandbox, invokeReqs);
    invokeReqs.length = 0;

    await sandbox.flush();
    const before = heapMb();
    // 1,000 resources, 250 of each kind, each with the workshop's two tags (endpoints are serverless and the
    // jobs finish at once, so no instance quota stands in the way).
    const n = 250;
    const creates: Signed[] = [];
    for (let i = 0; i < n; i++) {
      const name = `naxt-mem-${i}`;
      creates.push(
        await sm('CreateModel', {
          ModelName: name,
          ExecutionRoleArn: 'arn:aws:iam::123456789012:role/r',
          PrimaryContainer: { Image: 'img', Environment: { HF_MODEL_ID: 'huggingface-llm-gemma-2b-instruct' } },
          Tags: tags,
        }),
        await sm('CreateEndpointConfig', {
          EndpointConfigName: name,
          ProductionVariants: [
            { VariantName: 'AllTraffic', ModelName: name, ServerlessConfig: { MemorySizeInMB: 4096, MaxConcurrency: 1 } },
          ],
          Tags: tags,
        }),
        await sm('CreateEndpoint', { EndpointName: name, EndpointConfigName: name, Tags: tags }),
        await sm('CreateProcessingJob', {
          ProcessingJobName: name,
          RoleArn: 'arn:aws:iam::123456789012:role/r',
          AppSpecification: { ImageUri: 'img' },
          ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 30 } },
          Tags: tags,
        }),
      );
    }
    for (let i = 0; i < creates.length; i += 4) {
      await timeCalls(sandbox, creates.slice(i, i + 4));
      await new Promise((r) => setImmediate(r)); // let the processing job's timeline pass
    }
    const resources = creates.length;
    creates.length = 0;
    await sandbox.flush();
    const after = heapMb();
    if (process.env.BENCH_DEBUG) console.error({ before, after });
    const { statSync } = await import('node:fs');
    const stateKb = statSync(join(dataDir, 'sandbox', 'state.json')).size / 1024;
    return { describeMs, invokeMs, resources, heapMb: after.heap - before.heap, rssMb: after.rss - before.rss, stateKb };
  } finally {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** For `tsx bench/sandbox.ts`: the figures alone, without the whole bench. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { projectDir } = await import('../runner/config.ts');
  const f = await benchSandboxInProcess(projectDir);
  console.log({
    describe_p50: percentile(f.describeMs, 50),
    describe_p95: percentile(f.describeMs, 95),
    invoke_p50: percentile(f.invokeMs, 50),
    resources: f.resources,
    heapMb: f.heapMb,
    rssMb: f.rssMb,
    stateKb: f.stateKb,
  });
}

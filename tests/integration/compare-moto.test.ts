import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile as execFileCb, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { testRunner } from './harness.ts';

// Async on purpose: the runner under test lives in this process, a synchronous child would block it.
const execFile = promisify(execFileCb);
const DRIVER = join(process.cwd(), 'tests/integration/compare/drive.py');

/** Why the comparison cannot run here, if it cannot. */
function missingTools(): string | undefined {
  if (spawnSync('python3', ['-c', 'import boto3, botocore, moto.server']).status !== 0)
    return 'python3 with boto3 and moto is not importable';
  if (spawnSync('moto_server', ['--help']).status !== 0) return 'moto_server is not on PATH';
  if (spawnSync('aws', ['--version']).status !== 0) return 'the AWS CLI is not installed';
  return undefined;
}
const missing = missingTools();

type Shape = string | null | { object: Record<string, Shape> } | { array: Shape };
interface CallRecord {
  step: string;
  service: string;
  op: string;
  ok: boolean;
  error?: { code: string; message: string };
  status?: number;
  shape?: Shape;
  facts?: Record<string, unknown>;
  model?: string[];
}

/**
 * Where moto answers differently from AWS, the sandbox follows AWS: these steps are not compared with moto
 * (each is checked against AWS's documented behaviour below instead).
 */
const MOTO_DIFFERS_FROM_AWS: Record<string, string> = {
  'sagemaker.create_endpoint.duplicate': 'moto accepts a second endpoint of the same name; SageMaker answers ValidationException',
  'sagemaker.list_tags': 'moto drops the tags given to CreateEndpoint; SageMaker lists them with the ones added later',
  'sagemaker.list_tags.after_delete': 'moto drops the tags given to CreateEndpoint',
  'sagemaker.describe_pipeline.deleted':
    'moto answers ValidationException; SageMaker answers ResourceNotFound, the only error botocore models for DescribePipeline',
};

/** Members moto answers that SageMaker does not (checked against botocore's model or AWS's documented answers). */
const MOTO_ONLY_MEMBERS: Record<string, string> = {
  'sagemaker.describe_model.Containers': 'moto answers an empty Containers list next to PrimaryContainer',
  'sagemaker.describe_model.VpcConfig': 'moto answers an empty VpcConfig, which lacks the Subnets and SecurityGroupIds botocore requires',
  'sagemaker.describe_training_job.AlgorithmSpecification.MetricDefinitions': 'moto answers an empty list that was never given',
  ...Object.fromEntries(
    ['CreatedBy', 'LastModifiedBy'].flatMap((who) =>
      ['DomainId', 'UserProfileArn', 'UserProfileName'].map((m) => [
        `sagemaker.describe_pipeline.${who}.${m}`,
        'moto invents a Studio user profile; the learner calls as an IAM role (UserContext.IamIdentity)',
      ]),
    ),
  ),
};

/** Everything `shape` of moto has, the sandbox has with the same type (the sandbox may have more). */
function shapeGaps(moto: Shape, ours: Shape, path: string, out: string[]): void {
  if (moto === null || moto === 'null') return;
  if (typeof moto === 'string') {
    if (ours !== moto) out.push(`${path}: moto answers ${moto}, the sandbox ${JSON.stringify(ours)}`);
    return;
  }
  if ('object' in moto) {
    if (ours === null || typeof ours !== 'object' || !('object' in ours)) {
      out.push(`${path}: moto answers a structure, the sandbox ${JSON.stringify(ours)}`);
      return;
    }
    for (const [k, v] of Object.entries(moto.object)) {
      if (`${path}.${k}` in MOTO_ONLY_MEMBERS) continue;
      if (!(k in ours.object)) out.push(`${path}.${k}: missing (moto answers ${typeof v === 'string' ? v : 'a structure'})`);
      else shapeGaps(v, ours.object[k], `${path}.${k}`, out);
    }
    return;
  }
  if (ours === null || typeof ours !== 'object' || !('array' in ours)) {
    out.push(`${path}: moto answers a list, the sandbox ${JSON.stringify(ours)}`);
    return;
  }
  // An empty list on either side says nothing about its items.
  if (ours.array !== null) shapeGaps(moto.array, ours.array, `${path}[]`, out);
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as { port: number };
  await new Promise((ok) => srv.close(ok));
  return port;
}

/** moto_server on a loopback port, ready when its management API answers. */
async function startMoto(): Promise<{ url: string; proc: ChildProcess; stop(): void }> {
  const port = await freePort();
  const proc = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
  };
  // Even when the test process ends abruptly, moto_server does not outlive it.
  process.once('exit', stop);
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`moto_server exited (${proc.exitCode}): ${stderr.slice(-500)}`);
    try {
      if ((await fetch(`${url}/moto-api/data.json`)).ok) return { url, proc, stop };
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`moto_server did not answer on ${url} within 20 s: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `npx workshop env`, parsed into an environment object. */
async function workshopEnv(dataDir: string): Promise<Record<string, string>> {
  const { stdout } = await execFile(process.execPath, [join(process.cwd(), 'bin/workshop.js'), 'env', '--data-dir', dataDir], {
    encoding: 'utf8',
  });
  return Object.fromEntries([...stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]));
}

/** This process's environment without any AWS setting: each run names its own account. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))) as Record<string, string>;

async function drive(env: Record<string, string>): Promise<Map<string, CallRecord>> {
  const { stdout } = await execFile('python3', [DRIVER], {
    env: { ...cleanEnv(), ...env },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: 60_000,
  }).catch((e: Error & { stderr?: string; stdout?: string }) => {
    throw new Error(
      `the boto3 driver failed against ${env.AWS_ENDPOINT_URL ?? env.AWS_ENDPOINT_URL_SAGEMAKER}: ${e.message}\n${e.stderr?.slice(-2000) ?? ''}\nlast lines: ${e.stdout?.split('\n').slice(-3).join('\n') ?? ''}`,
    );
  });
  const records = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as CallRecord);
  return new Map(records.map((r) => [r.step, r]));
}

describe.skipIf(missing)(
  `boto3 and the AWS CLI get the same answers from the sandbox as from moto and botocore's model${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let h: Awaited<ReturnType<typeof testRunner>>;
    let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
    let env: Record<string, string>;
    let ours: Map<string, CallRecord>;
    let theirs: Map<string, CallRecord>;

    beforeAll(async () => {
      // Both are kept even when the other fails to start, so afterAll stops whatever did start.
      const [runner, motoServer] = await Promise.allSettled([testRunner(), startMoto()]);
      if (runner.status === 'fulfilled') h = runner.value;
      if (motoServer.status === 'fulfilled') moto = motoServer.value;
      if (runner.status === 'rejected') throw runner.reason;
      if (motoServer.status === 'rejected') throw motoServer.reason;
      if (!moto) throw new Error('moto_server did not start');
      env = await workshopEnv(h.dataDir);
      const motoEnv = {
        AWS_ENDPOINT_URL: moto.url,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_REGION: 'us-east-1',
      };
      [ours, theirs] = await Promise.all([drive(env), drive(motoEnv)]);
    }, 90_000);
    afterAll(async () => {
      moto?.stop();
      await h?.remove();
    });

    const compared = () => [...theirs.values()].filter((m) => !(m.step in MOTO_DIFFERS_FROM_AWS) && !(m.error && (m.status ?? 0) >= 500));

    it('ran the whole sequence against both accounts', () => {
      expect([...ours.keys()]).toEqual([...theirs.keys()]);
      expect(ours.size).toBeGreaterThan(60);
    });

    it('every answer moto gives, the sandbox gives with the same keys and types (recursively)', () => {
      const gaps: string[] = [];
      for (const m of compared().filter((r) => r.ok)) {
        const o = ours.get(m.step)!;
        if (!o.ok) gaps.push(`${m.step}: moto answers, the sandbox fails with ${o.error?.code}: ${o.error?.message}`);
        else if (m.shape) shapeGaps(m.shape, o.shape ?? null, m.step, gaps);
      }
      expect(gaps).toEqual([]);
    });

    it('errors carry the same codes as moto’s (missing endpoint, key, tag set, job, pipeline, model)', () => {
      const errors = compared().filter((r) => !r.ok);
      expect(errors.map((r) => r.step)).toEqual(
        expect.arrayContaining([
          'sagemaker.describe_endpoint.missing',
          's3.get_object.missing',
          's3.get_bucket_tagging.none',
          'sagemaker.describe_model.deleted',
        ]),
      );
      expect(errors.map((m) => [m.step, ours.get(m.step)!.error?.code])).toEqual(errors.map((m) => [m.step, m.error!.code]));
      expect(ours.get('sagemaker.describe_pipeline.deleted')!.error!.code).toBe('ResourceNotFound');
      // The message a learner reads starts the way SageMaker's does.
      expect(ours.get('sagemaker.describe_endpoint.missing')!.error!.message).toMatch(/^Could not find endpoint/);
    });

    it('the values that do not depend on ids or clocks agree: listed keys and pages, bodies, tags, paging', () => {
      const withFacts = compared().filter((m) => m.facts);
      expect(withFacts.length).toBeGreaterThan(12);
      expect(withFacts.map((m) => [m.step, ours.get(m.step)!.facts])).toEqual(withFacts.map((m) => [m.step, m.facts]));
    });

    it('every answer of the sandbox satisfies botocore’s service model: required members, types, enums, epoch timestamps on the wire', () => {
      const problems = [...ours.values()].flatMap((r) => (r.model ?? []).map((p) => `${r.step}: ${p}`));
      expect(problems).toEqual([]);
      const checked = [...ours.values()].filter((r) => r.ok && r.shape);
      expect(checked.length).toBeGreaterThan(50);
    });

    it('answers the JumpStart hub, monitoring and labeling calls that moto lacks', () => {
      const lacking = [
        'sagemaker.list_hub_contents',
        'sagemaker.describe_hub_content',
        'sagemaker.create_monitoring_schedule',
        'sagemaker.describe_monitoring_schedule',
        'sagemaker.list_monitoring_schedules',
        'sagemaker.list_monitoring_executions',
        'sagemaker.create_workforce',
        'sagemaker.create_workteam',
        'sagemaker.create_human_task_ui',
        'sagemaker.create_labeling_job',
        'sagemaker.describe_labeling_job',
        'sagemaker.list_labeling_jobs',
        'sagemaker.delete_monitoring_schedule',
      ];
      expect(lacking.map((s) => [s, ours.get(s)?.ok])).toEqual(lacking.map((s) => [s, true]));
      const hub = ours.get('sagemaker.list_hub_contents')!.shape as { object: Record<string, { array: Shape }> };
      expect(hub.object.HubContentSummaries.array).not.toBeNull();
    });

    it('where moto strays from AWS, the sandbox follows AWS', () => {
      // Tags given at creation are the resource's tags.
      expect(ours.get('sagemaker.list_tags')!.facts).toEqual({
        tags: [
          ['lab', '02'],
          ['owner', 'learner'],
          ['stage', 'dev'],
        ],
      });
      expect(ours.get('sagemaker.list_tags.after_delete')!.facts).toEqual({
        tags: [
          ['lab', '02'],
          ['owner', 'learner'],
        ],
      });
      const dup = ours.get('sagemaker.create_endpoint.duplicate')!;
      expect(dup.error?.code).toBe('ValidationException');
      expect(dup.error?.message).toMatch(/^Cannot create already existing endpoint/);
    });

    it('the AWS CLI v1 lists, describes and pages endpoints, and copies files to and from S3', async () => {
      const cli = (...args: string[]) => execFile('aws', args, { env: { ...cleanEnv(), ...env }, encoding: 'utf8' });
      const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
      const sm = new SageMakerClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_SAGEMAKER, credentials });
      await sm.send(
        new CreateModelCommand({
          ModelName: 'cli-model',
          ExecutionRoleArn: 'arn:aws:iam::123456789012:role/cli',
          PrimaryContainer: { Image: 'img' },
        }),
      );
      await sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'cli-config',
          ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'cli-model', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }],
        }),
      );
      for (const n of ['cli-endpoint-a', 'cli-endpoint-b'])
        await sm.send(new CreateEndpointCommand({ EndpointName: n, EndpointConfigName: 'cli-config' }));

      await new S3Client({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true, credentials }).send(
        new CreateBucketCommand({ Bucket: 'naxt-cli-compare' }),
      );

      const dir = await mkdtemp(join(tmpdir(), 'naxt-cli-'));
      try {
        await writeFile(join(dir, 'notes.txt'), 'advisor notes\n');
        // Each CLI start costs a second or two: independent commands run side by side.
        const [up, paged, described, gone] = await Promise.all([
          cli('s3', 'cp', join(dir, 'notes.txt'), 's3://naxt-cli-compare/in/notes.txt'),
          // --page-size 1 makes the CLI follow NextToken page by page: both endpoints come back only if paging works.
          cli('sagemaker', 'list-endpoints', '--page-size', '1', '--sort-by', 'Name', '--sort-order', 'Ascending', '--output', 'json'),
          cli('sagemaker', 'describe-endpoint', '--endpoint-name', 'cli-endpoint-a', '--output', 'json'),
          cli('sagemaker', 'describe-endpoint', '--endpoint-name', 'cli-endpoint-zzz').then(
            () => ({ stderr: 'accepted' }),
            (e: { stderr: string }) => e,
          ),
        ]);
        expect(up.stdout).toMatch(/upload: .*notes\.txt to s3:\/\/naxt-cli-compare\/in\/notes\.txt/);
        const [ls, down] = await Promise.all([
          cli('s3', 'ls', 's3://naxt-cli-compare/in/'),
          cli('s3', 'cp', 's3://naxt-cli-compare/in/notes.txt', join(dir, 'back.txt')),
        ]);
        expect((JSON.parse(paged.stdout) as { Endpoints: { EndpointName: string }[] }).Endpoints.map((e) => e.EndpointName)).toEqual([
          'cli-endpoint-a',
          'cli-endpoint-b',
        ]);
        const d = JSON.parse(described.stdout) as Record<string, unknown>;
        expect(d.EndpointName).toBe('cli-endpoint-a');
        expect(d.EndpointConfigName).toBe('cli-config');
        expect(['Creating', 'InService']).toContain(d.EndpointStatus);
        // CLI v1 prints awsJson timestamps as they come on the wire: epoch seconds.
        expect(typeof d.CreationTime).toBe('number');
        expect(new Date(Number(d.CreationTime) * 1000).getUTCFullYear()).toBeGreaterThanOrEqual(2024);
        expect(ls.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+14 notes\.txt$/m);
        expect(down.stdout).toMatch(/download: s3:\/\/naxt-cli-compare\/in\/notes\.txt to /);
        expect(await readFile(join(dir, 'back.txt'), 'utf8')).toBe('advisor notes\n');
        expect(gone.stderr).toMatch(
          /An error occurred \(ValidationException\) when calling the DescribeEndpoint operation: Could not find endpoint/,
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 30_000);
  },
);

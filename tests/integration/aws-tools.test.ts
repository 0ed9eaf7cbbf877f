import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile as execFileCb, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { testRunner } from './harness.ts';

// Async on purpose: the runner under test lives in this process, a synchronous child would block it.
const execFile = promisify(execFileCb);
const hasAwsCli = spawnSync('aws', ['--version']).status === 0;
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3']).status === 0;

/** `npx workshop env`, parsed into an environment object. */
async function workshopEnv(dataDir: string): Promise<Record<string, string>> {
  const { stdout: out } = await execFile(process.execPath, [join(process.cwd(), 'bin/workshop.js'), 'env', '--data-dir', dataDir], {
    encoding: 'utf8',
  });
  return Object.fromEntries([...out.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]));
}

describe('any AWS tool pointed at the sandbox with `npx workshop env`', () => {
  let h: Awaited<ReturnType<typeof testRunner>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    h = await testRunner();
    env = await workshopEnv(h.dataDir);
  });
  afterAll(async () => h?.remove());

  it('prints exports for the endpoints, region and the launch keys', () => {
    expect(env.AWS_ENDPOINT_URL_SAGEMAKER).toBe(`${h.runner.baseUrl}/sandbox/sagemaker`);
    expect(env.AWS_ENDPOINT_URL_S3).toBe(`${h.runner.baseUrl}/sandbox/s3`);
    expect(env.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(env.AWS_REGION).toBe('us-east-1');
  });

  it('says clearly when no workshop is running', () => {
    const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/workshop.js'), 'env', '--data-dir', '/nonexistent/naxt'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/npm start/);
  });

  it.skipIf(!hasAwsCli)('the AWS CLI sees the sandbox account, buckets and endpoints', async () => {
    const run = async (...args: string[]) =>
      (await execFile('aws', [...args, '--output', 'json'], { env: { ...process.env, ...env }, encoding: 'utf8' })).stdout;
    expect(JSON.parse(await run('sts', 'get-caller-identity')).Account).toBe('123456789012');
    await run('s3api', 'create-bucket', '--bucket', 'naxt-cli-probe');
    expect(JSON.parse(await run('s3api', 'list-buckets')).Buckets.map((b: { Name: string }) => b.Name)).toContain('naxt-cli-probe');
    expect(JSON.parse(await run('sagemaker', 'list-endpoints')).Endpoints).toEqual([]);
  });

  it.skipIf(!hasBoto3)('boto3 sees the same account, and a wrong key is refused', async () => {
    const script = `
import boto3, json, botocore, os
sts = boto3.client('sts')
print(json.dumps({'account': sts.get_caller_identity()['Account']}))
bad = boto3.client('sagemaker', aws_access_key_id=os.environ['AWS_ACCESS_KEY_ID'], aws_secret_access_key='wrong-secret-key-0000000000000000000000')
try:
    bad.list_endpoints()
    print(json.dumps({'bad': 'accepted'}))
except botocore.exceptions.ClientError as e:
    print(json.dumps({'bad': e.response['Error']['Code']}))
`;
    const out = (await execFile('python3', ['-c', script], { env: { ...process.env, ...env }, encoding: 'utf8' })).stdout
      .trim()
      .split('\n');
    expect(JSON.parse(out[0]).account).toBe('123456789012');
    expect(JSON.parse(out[1]).bad).toMatch(/Signature|Unrecognized|InvalidClientTokenId|AccessDenied/);
  });
});

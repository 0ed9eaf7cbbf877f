import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { execFile as execFileCb } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { apiClient, testRunner } from './harness.ts';
import type { CellEvent } from '../../runner/contracts.ts';

const execFile = promisify(execFileCb);

/** A terminal connection that collects what the learner would see, command by command. */
function terminal(baseUrl: string, token: string, sid: string, origin = baseUrl) {
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/sessions/${sid}/terminal`, {
    headers: { authorization: `Bearer ${token}`, origin },
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const exec = async (code: string): Promise<string> => {
    await opened;
    return new Promise((resolve) => {
      let out = '';
      const onMessage = (data: WebSocket.RawData) => {
        const m = JSON.parse(String(data)) as { type: string; event?: CellEvent; text?: string };
        const e = m.event;
        if (m.type === 'text') out += m.text;
        else if (e?.type === 'stream' || e?.type === 'result' || e?.type === 'notice') out += e.text;
        else if (e?.type === 'error') out += `${e.name}: ${e.message}`;
        else if (e?.type === 'done') {
          ws.off('message', onMessage);
          resolve(out);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'exec', code }));
    });
  };
  return { exec, opened, close: () => ws.close() };
}

describe('the terminal', () => {
  let h: Awaited<ReturnType<typeof testRunner>>;
  let sid: string;
  beforeAll(async () => {
    h = await testRunner(['--time-scale', '3000']);
    sid = (await apiClient(h.runner).json('GET', '/session')).sessionId;
  });
  afterAll(async () => h?.remove());

  it('shares the scope of the cells', async () => {
    await apiClient(h.runner).run(sid, '00-setup', 'identity', 'const fromCell = 41');
    const t = terminal(h.runner.baseUrl, h.runner.token, sid);
    expect(await t.exec('fromCell + 1')).toContain('42');
    t.close();
  });

  it('answers .help, .resources and .cost, and says what an unknown command is', async () => {
    const t = terminal(h.runner.baseUrl, h.runner.token, sid);
    expect(await t.exec('.help')).toContain('.logs <job-name>');
    expect(await t.exec('.resources')).toMatch(/No workshop resource/);
    expect(await t.exec('.cost')).toMatch(/0 running, \$0\.000\/hour/);
    expect(await t.exec('.nope')).toMatch(/unknown command \.nope/);
    t.close();
  });

  it('follows a training job’s log until it completes', async () => {
    const c = h.runner.target.clients();
    await c.s3.send(new CreateBucketCommand({ Bucket: 'naxt-logs-probe' }));
    const lines = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({
        instruction: `How do I order laptop model ${i}?`,
        response: `Please open an IT request for model ${i} in the service portal.`,
      }),
    ).join('\n');
    await c.s3.send(new PutObjectCommand({ Bucket: 'naxt-logs-probe', Key: 'sft/train.jsonl', Body: lines }));
    await c.sagemaker.send(
      new CreateTrainingJobCommand({
        TrainingJobName: 'naxt-logs-probe',
        RoleArn: 'arn:aws:iam::123456789012:role/naxt-workshop-sagemaker-execution',
        AlgorithmSpecification: { TrainingImage: 'train-image', TrainingInputMode: 'File' },
        HyperParameters: { epoch: '3', learning_rate: '0.0001' },
        InputDataConfig: [
          { ChannelName: 'training', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://naxt-logs-probe/sft/' } } },
        ],
        OutputDataConfig: { S3OutputPath: 's3://naxt-logs-probe/output' },
        ResourceConfig: { InstanceType: 'ml.g5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 50 },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      }),
    );
    const t = terminal(h.runner.baseUrl, h.runner.token, sid);
    const out = await t.exec('.logs naxt-logs-probe');
    expect(out).toMatch(/\[InProgress · Starting\]/);
    expect(out).toMatch(/\{'loss': \d+\.\d+, 'learning_rate': 0\.0001, 'epoch': 3\.0\}/);
    expect(out).toMatch(/\[Completed · Completed\]/);
    expect(await t.exec('.logs no-such-job')).toMatch(/No training or processing job named "no-such-job"/);
    t.close();
  }, 30_000);

  it('refuses a WebSocket from a foreign origin', async () => {
    const t = terminal(h.runner.baseUrl, h.runner.token, sid, 'http://evil.example');
    await expect(t.opened).rejects.toThrow(/403/);
  });
});

describe('npx workshop run', () => {
  it('runs files as consecutive cells of one session and prints their output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naxt-run-'));
    await writeFile(
      join(dir, 'a.ts'),
      'import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";\nconst who = await new STSClient({}).send(new GetCallerIdentityCommand({}));',
    );
    await writeFile(join(dir, 'b.ts'), 'console.log(`account ${who.Account}`);');
    const { stdout } = await execFile(process.execPath, ['bin/workshop.js', 'run', join(dir, 'a.ts'), join(dir, 'b.ts')], {
      encoding: 'utf8',
    });
    expect(stdout).toContain('account 123456789012');
  }, 60_000);

  it('fails with the error and a non-zero exit when a cell fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naxt-run-'));
    await writeFile(join(dir, 'bad.ts'), 'const x = 1;\nx.nope.boom;');
    const r = await execFile(process.execPath, ['bin/workshop.js', 'run', join(dir, 'bad.ts')], { encoding: 'utf8' }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((r as { code: number }).code).toBe(1);
    expect((r as { stderr: string }).stderr).toMatch(/TypeError: .*line 2/);
  }, 60_000);
});

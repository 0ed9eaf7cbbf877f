import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';

const projectDir = join(import.meta.dirname, '..', '..');

export interface ChildRunner {
  baseUrl: string;
  token: string;
  pid: number;
  process: ChildProcess;
  s3: S3Client;
  sagemaker: SageMakerClient;
  /** The child's resident memory, from /proc (MB). */
  rssMb(): number;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A runner in its own process on `dataDir`, with SDK clients pointed at its sandbox. */
export async function childRunner(dataDir: string, extra: string[] = []): Promise<ChildRunner> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectDir, 'tests', 'sandbox', 'runner-child.ts'), '--data-dir', dataDir, ...extra],
    {
      cwd: projectDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const info = await new Promise<{ baseUrl: string; token: string; pid: number; accessKeyId: string; secretAccessKey: string }>(
    (resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const line = out.split('\n').find((l) => l.startsWith('{"baseUrl"'));
        if (line)
          resolve(JSON.parse(line) as { baseUrl: string; token: string; pid: number; accessKeyId: string; secretAccessKey: string });
      });
      void exited.then((code) => reject(new Error(`the runner exited (${code}): ${stderr}`)));
    },
  );
  const base = {
    region: 'us-east-1',
    credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    maxAttempts: 1,
  };
  return {
    ...info,
    process: child,
    exited,
    s3: new S3Client({ ...base, endpoint: `${info.baseUrl}/sandbox/s3`, forcePathStyle: true }),
    sagemaker: new SageMakerClient({ ...base, endpoint: `${info.baseUrl}/sandbox/sagemaker` }),
    rssMb() {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${info.pid}/status`, 'utf8'))?.[1];
      return Number(kb) / 1024;
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      process.kill(info.pid, signal);
      await exited;
    },
  };
}

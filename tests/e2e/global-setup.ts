import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts the workshop as a learner would (`npm start`, on a free port, no browser), waits for the printed URL
 * and hands it to the tests. The runner stops when the tests end.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'naxt-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'runner/cli/start.ts', '--no-open', '--port', '0', '--data-dir', dataDir, '--time-scale', '600'], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the workshop did not print its URL in time: ${out}`)), 180_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the workshop exited (${code}) before printing its URL`)));
  });
  process.env.WORKSHOP_URL = url;
  process.env.WORKSHOP_DATA_DIR = dataDir;
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
}

import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts a workshop as a learner would (`npm start`, on a free port, no browser) on a data directory, and resolves
 * with the link it prints. The suite shares one (global-setup.ts); a spec that must not see, or leave, the others'
 * progress starts its own.
 */
export function startWorkshop(dataDir: string): Promise<{ child: ChildProcess; link: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'runner/cli/start.ts', '--no-open', '--port', '0', '--data-dir', dataDir, '--time-scale', '600'],
    {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the workshop did not print its link in time: ${out}`)), 180_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/\S*\?token=[0-9a-f]+\S*)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, link: m[1] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the workshop exited (${code}) before printing its link`));
    });
  });
}

/** Stops a workshop as Ctrl+C does, and resolves once it has exited. */
export const stopWorkshop = (child: ChildProcess, signal: NodeJS.Signals = 'SIGINT') =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

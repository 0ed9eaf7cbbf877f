import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npx workshop run …` as a learner's shell starts it, its output piped into another program. */
function workshop(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'runner/cli/workshop.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Collects a child's output until it exits; `slowStartMs` keeps the reader away first, so the pipe fills up. */
function ended(child: ChildProcessWithoutNullStreams, slowStartMs = 0): Promise<Ended> {
  let out = '';
  let err = '';
  if (slowStartMs) {
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), slowStartMs);
  }
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
}

describe('npx workshop run', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'naxt-run-test-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('delivers its whole output to a pipe that reads slowly, down to the last line', async () => {
    // Three cells of ~800 KB each (under the 1 MB output cap of a cell), words so that no scrubbing applies.
    const files: string[] = [];
    for (const n of [1, 2, 3]) {
      const file = join(dir, `big-${n}.ts`);
      await writeFile(
        file,
        `for (let i = 0; i < 8000; i++) console.log(\`cell ${n} line \${i} \${'lorem ipsum dolor '.repeat(5)}\`);\n${n === 3 ? "console.log('THE END');\n" : ''}`,
      );
      files.push(file);
    }
    const r = await ended(workshop(['run', ...files]), 1_500);
    expect(r.err).not.toMatch(/truncated/i);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('THE END');
    expect(lines.filter((l) => l.startsWith('cell ')).length).toBe(24_000);
  }, 120_000);

  it('--cell-time-limit 1 stops a cell that loops for ever', async () => {
    const file = join(dir, 'loop.ts');
    await writeFile(file, "console.log('looping');\nfor (;;) {}\n");
    const started = Date.now();
    const r = await ended(workshop(['run', '--cell-time-limit', '1', file]));
    expect(r.err).toMatch(/reached its time limit \(1 s\)/);
    expect(r.err).toContain(`${file}: timeout`);
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s mid-run (Ctrl+C, kill) removes its temporary data directory and the runtime file that holds the token, and exits %i',
    async (signal, exitCode) => {
      // Its own temp and runtime folders, so that what the command leaves behind can be counted.
      const tmp = await mkdtemp(join(tmpdir(), 'naxt-run-tmp-'));
      const runtime = await mkdtemp(join(tmpdir(), 'naxt-run-xdg-'));
      try {
        const file = join(dir, 'wait.ts');
        await writeFile(file, "console.log('waiting');\nawait new Promise((resolve) => setTimeout(resolve, 600_000));\n");
        const child = workshop(['run', file], { TMPDIR: tmp, XDG_RUNTIME_DIR: runtime });
        const done = ended(child);
        // Mid-run: the cell has printed, the data directory and the runtime file exist.
        await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('waiting') && resolve()));
        expect((await readdir(tmp)).filter((f) => f.startsWith('naxt-workshop-'))).toHaveLength(1);
        expect((await readdir(runtime)).filter((f) => f.startsWith('runner-'))).toHaveLength(1);
        child.kill(signal);
        const r = await done;
        expect(r.code).toBe(exitCode);
        expect(r.err).toContain(`Stopping (${signal})`);
        expect((await readdir(tmp)).filter((f) => f.startsWith('naxt-workshop-'))).toEqual([]);
        expect(await readdir(runtime)).toEqual([]);
        // Nor the runner's bundle of the lab library (named after its pid).
        const cache = join('node_modules', '.cache', 'naxt-workshop-lib');
        if (existsSync(cache)) expect((await readdir(cache)).filter((f) => f.startsWith(`${child.pid}-`))).toEqual([]);
      } finally {
        await rm(tmp, { recursive: true, force: true });
        await rm(runtime, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childRunner, type ChildRunner } from '../sandbox/child.ts';
import { runtimeFile } from '../../runner/server.ts';
import type { CellEvent } from '../../runner/contracts.ts';
import { alive, until } from '../processes.ts';
import type { SessionRef } from '../../runner/api/contract.ts';

async function runCell(r: ChildRunner, code: string): Promise<{ events: CellEvent[]; text: string }> {
  const headers = { authorization: `Bearer ${r.token}`, origin: r.baseUrl, 'content-type': 'application/json' };
  const { sessionId } = (await (await fetch(`${r.baseUrl}/api/session`, { headers })).json()) as SessionRef;
  const res = await fetch(`${r.baseUrl}/api/sessions/${sessionId}/labs/00-setup/cells/identity/run`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ code }),
  });
  const events = [...(await res.text()).matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]) as CellEvent);
  return { events, text: events.map((e) => ('text' in e ? e.text : '')).join('') };
}

/** A kernel's pid and the pid of a `sleep 300` its cell started. */
async function kernelWithChild(r: ChildRunner): Promise<[number, number]> {
  const { text } = await runCell(
    r,
    "import { spawn } from 'node:child_process';\nconst c = spawn('sleep', ['300'], { stdio: 'ignore' });\n`${process.pid} ${c.pid}`",
  );
  const [kernel, sleeper] = (/(\d+) (\d+)/.exec(text) ?? []).slice(1).map(Number);
  expect(alive(kernel)).toBe(true);
  expect(alive(sleeper)).toBe(true);
  return [kernel, sleeper];
}

/** Issue 13, item 5 (a kernel dies with its runner) and item 11 (the launch token is out of the kernels' reach). */
describe('a runner’s kernels end with it', () => {
  let dataDir: string | undefined;
  let r: ChildRunner | undefined;
  afterEach(async () => {
    if (r && r.process.exitCode === null && r.process.signalCode === null) await r.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('kill -9 of the runner: its kernel and what the kernel started are gone within 3 s', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'naxt-exit-'));
    r = await childRunner(dataDir);
    const [kernel, sleeper] = await kernelWithChild(r);
    await r.kill('SIGKILL');
    expect(await until(() => !alive(kernel) && !alive(sleeper), 3_000)).toBe(true);
  }, 120_000);

  it('kill -TERM of the runner: it stops serving and exits, its kernel with it', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'naxt-exit-'));
    r = await childRunner(dataDir);
    const [kernel, sleeper] = await kernelWithChild(r);
    process.kill(r.pid, 'SIGTERM');
    const code = await Promise.race([r.exited, new Promise<'hung'>((res) => setTimeout(() => res('hung'), 8_000))]);
    expect(code).not.toBe('hung');
    await expect(fetch(`${r.baseUrl}/api/session`)).rejects.toThrow();
    expect(await until(() => !alive(kernel) && !alive(sleeper), 3_000)).toBe(true);
  }, 120_000);

  it('a cell cannot read the launch token: not in its environment, the runtime file or the runner’s process files', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'naxt-exit-'));
    r = await childRunner(dataDir);
    const file = runtimeFile(dataDir);
    const { text } = await runCell(
      r,
      `import { readFileSync } from 'node:fs';
const token = ${JSON.stringify(r.token)};
const read = (p: string) => { try { return readFileSync(p, 'latin1'); } catch { return ''; } };
const runtime = read(${JSON.stringify(file)});
console.log(JSON.stringify({
  runtimeRead: runtime.includes('"pid"'),
  inRuntime: runtime.includes(token),
  inEnv: JSON.stringify(process.env).includes(token),
  inParent: [read('/proc/' + process.ppid + '/environ'), read('/proc/' + process.ppid + '/cmdline')].some((t) => t.includes(token)),
}))`,
    );
    const seen = JSON.parse(/\{.*\}/.exec(text)?.[0] ?? '{}') as Record<string, boolean>;
    expect(seen).toEqual({ runtimeRead: true, inRuntime: false, inEnv: false, inParent: false });
  }, 120_000);
});

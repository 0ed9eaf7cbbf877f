import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CellEvent } from '../../runner/contracts.ts';
import { alive, until } from '../processes.ts';
import type { SessionRef } from '../../runner/api/contract.ts';

const projectDir = join(import.meta.dirname, '..', '..');

/**
 * `npm start` on a data directory of its own, in a process group of its own (like a terminal's foreground job);
 * resolves with the printed link once it is serving.
 */
async function npmStart(prefix: string) {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const child = spawn('npm', ['start', '--', '--port', '0', '--no-open', '--data-dir', dataDir, '--time-scale', '6000'], {
    cwd: projectDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Kills what is left of the group and removes the data directory. */
  const dispose = async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.exec(out);
      if (m) resolve(m[0]);
    });
    void exited.then(() => reject(new Error(`npm start exited: ${stderr}`)));
  }).catch(async (e: unknown) => {
    await dispose();
    throw e;
  });
  return { child, dataDir, exited, url, dispose };
}

/**
 * Ctrl+C on `npm start` with a cell running: the terminal sends SIGINT to the whole foreground process group
 * (npm, tsx, the runner), as here. The workshop must end the cell's stream with a clear event, keep the progress
 * and be gone within 5 s.
 */
describe('Ctrl+C on npm start', () => {
  it('stops a running cell, says so on its stream, keeps progress and exits within 5 s', async () => {
    const { child, dataDir, exited, url, dispose } = await npmStart('naxt-stop-');
    try {
      const base = new URL(url);
      const headers = {
        authorization: `Bearer ${base.searchParams.get('token')}`,
        origin: base.origin,
        'content-type': 'application/json',
      };
      const api = (path: string, init: RequestInit = {}) => fetch(`${base.origin}/api${path}`, { headers, ...init });
      const { sessionId } = (await (await api('/session')).json()) as SessionRef;
      // A finished step first: its progress must survive the stop.
      const first = await api(`/sessions/${sessionId}/labs/00-setup/cells/identity/run`, {
        method: 'POST',
        body: JSON.stringify({ code: 'globalThis.kept = 1; console.log("first")' }),
      });
      expect(await first.text()).toContain('"status":"ok"');

      // A cell that waits for ever, as on an endpoint that never comes up.
      const res = await api(`/sessions/${sessionId}/labs/00-setup/cells/identity/run`, {
        method: 'POST',
        body: JSON.stringify({ code: 'console.log("waiting"); while (true) await new Promise((r) => setTimeout(r, 100));' }),
      });
      const reader = res.body!.getReader();
      let streamed = '';
      const decoder = new TextDecoder();
      while (!streamed.includes('waiting')) {
        const { value, done } = await reader.read();
        if (done) break;
        streamed += decoder.decode(value);
      }
      const sentAt = Date.now();
      process.kill(-child.pid!, 'SIGINT');
      const rest = (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) return;
          streamed += decoder.decode(value);
        }
      })();
      const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
      const tookMs = Date.now() - sentAt;
      await rest;
      expect(code).not.toBe('hung');
      expect(tookMs).toBeLessThan(5_000);
      const events = [...streamed.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]) as CellEvent);
      expect(events.some((e) => e.type === 'notice' && /The workshop stopped/.test(e.text))).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'done', status: 'interrupted' });

      const progress = JSON.parse(await readFile(join(dataDir, 'sessions', sessionId, 'progress.json'), 'utf8')) as {
        labs: Record<string, { cells: Record<string, { runs: number; lastStatus: string }> }>;
      };
      expect(progress.labs['00-setup'].cells.identity).toMatchObject({ runs: 2, lastStatus: 'interrupted' });
    } finally {
      await dispose();
    }
  }, 240_000);

  it('kill -TERM of npm alone (not its group) stops the runner serving, and its kernel', async () => {
    const { child, url, dispose } = await npmStart('naxt-term-');
    try {
      const base = new URL(url);
      const headers = {
        authorization: `Bearer ${base.searchParams.get('token')}`,
        origin: base.origin,
        'content-type': 'application/json',
      };
      const { sessionId } = (await (await fetch(`${base.origin}/api/session`, { headers })).json()) as SessionRef;
      const ran = await (
        await fetch(`${base.origin}/api/sessions/${sessionId}/labs/00-setup/cells/identity/run`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ code: 'console.log("pid=" + process.pid)' }),
        })
      ).text();
      const kernel = Number(/pid=(\d+)/.exec(ran)?.[1]);
      expect(kernel).toBeGreaterThan(0);

      process.kill(child.pid!, 'SIGTERM'); // npm only, as `kill -TERM <pid>` does
      const serving = async () =>
        fetch(`${base.origin}/api/session`, { headers, signal: AbortSignal.timeout(1_000) }).then(
          () => true,
          () => false,
        );
      const deadline = Date.now() + 8_000;
      while ((await serving()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await serving()).toBe(false);
      expect(await until(() => !alive(kernel), 3_000)).toBe(true);
    } finally {
      await dispose();
    }
  }, 240_000);
});

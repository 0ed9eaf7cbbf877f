import { afterAll, beforeAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunnerArgs } from '../../runner/config.ts';
import { startRunner, type RunningRunner } from '../../runner/server.ts';
import type { CellEvent } from '../../runner/contracts.ts';
import type { ApiBody, ApiMethod, ApiPath, ApiResponse } from '../../runner/api/contract.ts';

/** A runner on an ephemeral port with its own data directory, as `npm start` would start it. */
export async function testRunner(
  extra: string[] = [],
  dataDir?: string,
): Promise<{ runner: RunningRunner; dataDir: string; stop(): Promise<void>; remove(): Promise<void> }> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'naxt-it-')));
  const runner = await startRunner(parseRunnerArgs(['--port', '0', '--no-open', '--data-dir', dir, '--time-scale', '6000', ...extra]));
  return {
    runner,
    dataDir: dir,
    stop: () => runner.close(),
    async remove() {
      await runner.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A learner on a runner of their own: the runner, its API client and the learner's session id. */
export interface Learner {
  runner: RunningRunner;
  api: ReturnType<typeof apiClient>;
  sid: string;
}

/**
 * A learner for one describe block: the runner starts before its tests (with `args`, then `setup`) and is removed
 * after them. The fields are there once the block's tests run.
 */
export function learnerSession(args: string[] = [], setup?: (l: Learner) => Promise<void>, timeoutMs?: number): Learner {
  let started: Awaited<ReturnType<typeof testRunner>> | undefined;
  let learner: Learner | undefined;
  const ready = (): Learner => {
    if (!learner) throw new Error('learnerSession: the runner is not started yet (read it inside a test or hook)');
    return learner;
  };
  beforeAll(async () => {
    started = await testRunner(args);
    const api = apiClient(started.runner);
    learner = { runner: started.runner, api, sid: (await api.json('GET', '/session')).sessionId };
    await setup?.(learner);
  }, timeoutMs);
  afterAll(async () => started?.remove());
  return {
    get runner() {
      return ready().runner;
    },
    get api() {
      return ready().api;
    },
    get sid() {
      return ready().sid;
    },
  };
}

/** An HTTP client of the runner API, as the page uses it (cookie-less: bearer token, same origin). */
export function apiClient(r: RunningRunner) {
  const headers = { authorization: `Bearer ${r.token}`, origin: r.baseUrl, 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${r.baseUrl}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return res;
  };
  return {
    call,
    /** A JSON call; its body and answer are the route's (runner/api/contract.ts), found from method and path. */
    async json<M extends ApiMethod, P extends ApiPath<M>>(
      method: M,
      path: P,
      ...[body]: ApiBody<M, P> extends undefined ? [] : [ApiBody<M, P>]
    ): Promise<ApiResponse<M, P>> {
      const res = await call(method, path, body);
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as ApiResponse<M, P>;
    },
    /** Runs a cell and collects its streamed events. */
    async run(sid: string, lab: string, cell: string, code: string): Promise<CellEvent[]> {
      const res = await call('POST', `/sessions/${sid}/labs/${lab}/cells/${cell}/run`, { code });
      if (!res.ok) throw new Error(`run: ${res.status} ${await res.text()}`);
      const text = await res.text();
      return [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]) as CellEvent);
    },
    check(sid: string, lab: string, step: string) {
      return this.json('POST', `/sessions/${sid}/labs/${lab}/checks/${step}`);
    },
  };
}

export const textOf = (events: CellEvent[]) =>
  events
    .map((e) =>
      e.type === 'stream' || e.type === 'result'
        ? e.text
        : e.type === 'error'
          ? `${e.name}: ${e.message}`
          : e.type === 'notice'
            ? e.text
            : '',
    )
    .join('');

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, testRunner, textOf } from './harness.ts';
import { parseRunnerArgs } from '../../runner/config.ts';
import { alive, until } from '../processes.ts';
import type { ApiErrorBody } from '../../runner/api/contract.ts';

/** Issue 13, item 10: a runner's kernels are bounded in memory, in number and in idle time. */
describe('the runner’s limits on kernels', () => {
  let h: Awaited<ReturnType<typeof testRunner>>;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    h = await testRunner(['--max-kernels', '1', '--kernel-idle-minutes', '0.05', '--kernel-memory', '200']);
    api = apiClient(h.runner);
  }, 120_000);
  afterAll(async () => h?.remove());

  it('refuses a kernel beyond --max-kernels with a 503 that says why; reaps an idle kernel and says so on return', async () => {
    const { sessionId: a } = await api.json('GET', '/session');
    const first = await api.run(a, '00-setup', 'identity', 'const mine = 1; process.pid');
    const pid = Number(/\d+/.exec(textOf(first))?.[0]);
    expect(alive(pid)).toBe(true);

    const { sessionId: b } = await api.json('POST', '/sessions');
    const refused = await api.call('POST', `/sessions/${b}/labs/00-setup/cells/identity/run`, { code: '1' });
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as ApiErrorBody;
    expect(body.error.code).toBe('KernelsFull');
    expect(body.error.message).toMatch(/already runs 1 kernel.*--max-kernels/);

    // 3 s without use: the kernel stops, and its slot frees.
    expect(await until(() => !alive(pid), 8_000)).toBe(true);
    const back = await api.run(a, '00-setup', 'identity', 'typeof mine');
    expect(textOf(back)).toMatch(/Your kernel was stopped after 3 seconds idle, to free memory; earlier variables are gone/);
    expect(textOf(back)).toContain("'undefined'");
    expect(back.at(-1)).toMatchObject({ type: 'done', status: 'ok' });
  }, 60_000);

  it('ends a kernel over --kernel-memory, counted in Buffers too, naming the limit', async () => {
    const { sessionId: a } = await api.json('GET', '/session');
    const events = await api.run(
      a,
      '00-setup',
      'identity',
      'const held = []; for (let i = 0; i < 40; i++) { held.push(Buffer.alloc(25 * 1024 * 1024, 1)); await new Promise((r) => setTimeout(r, 20)); }',
    );
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'died' });
    expect(textOf(events)).toMatch(/out of memory \(limit 200 MB\)/);
  }, 60_000);

  it('has defaults a machine can hold, and refuses bad values', () => {
    const d = parseRunnerArgs([]).kernels;
    expect(d.memoryMb).toBe(768);
    expect(d.idleMs).toBe(60 * 60_000);
    expect(d.max).toBeGreaterThanOrEqual(1);
    expect(parseRunnerArgs(['--kernel-idle-minutes', 'off']).kernels.idleMs).toBeUndefined();
    expect(() => parseRunnerArgs(['--max-kernels', '0'])).toThrow(/--max-kernels/);
  });
});

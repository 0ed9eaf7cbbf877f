import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, testRunner } from './harness.ts';
import { boundOutput } from '../../runner/progress/outputs.ts';
import type { CellEvent } from '../../runner/contracts.ts';
import type { ApiErrorBody } from '../../runner/api/contract.ts';

describe("a cell's last output", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('comes back after a runner restart, for the cell that produced it and no other', async () => {
    const first = await testRunner();
    const api = apiClient(first.runner);
    const { sessionId } = await api.json('GET', '/session');
    await api.run(sessionId, '00-setup', 'identity', 'console.log("kept for later"); [{ a: 1, b: "x" }]');
    await api.run(sessionId, '00-setup', 'role', 'throw new Error("a broken cell")');
    await first.stop();

    const second = await testRunner([], first.dataDir);
    cleanups.push(second.remove);
    const again = apiClient(second.runner);
    const outputs = await again.json('GET', `/sessions/${sessionId}/labs/00-setup/outputs`);
    expect(Object.keys(outputs).sort()).toEqual(['identity', 'role']);
    expect(outputs.identity.events).toContainEqual({ type: 'stream', name: 'stdout', text: 'kept for later\n' });
    expect(outputs.identity.events.find((e) => e.type === 'result')).toMatchObject({ table: { columns: ['a', 'b'], rows: [[1, 'x']] } });
    expect(outputs.identity.events.at(-1)).toMatchObject({ type: 'done', status: 'ok' });
    expect(outputs.role.events.find((e) => e.type === 'error')).toMatchObject({ message: 'a broken cell', line: 1 });
    expect(Date.parse(outputs.role.at)).toBeGreaterThan(Date.now() - 60_000);

    const otherLab = await again.json('GET', `/sessions/${sessionId}/labs/01-filter-deploy/outputs`);
    expect(otherLab).toEqual({});
    const wrong = await again.call('GET', `/sessions/${sessionId}/labs/99-nope/outputs`);
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as ApiErrorBody).error.code).toBe('NoSuchLab');
  });

  it('keeps the beginning, the last error and the end of an output too large to store', () => {
    const events: CellEvent[] = [
      ...Array.from({ length: 100 }, (_, i): CellEvent => ({ type: 'stream', name: 'stdout', text: `${i} ${'x'.repeat(1000)}\n` })),
      { type: 'error', name: 'Error', message: 'late failure' },
      { type: 'done', status: 'error', durationMs: 5 },
    ];
    const kept = boundOutput(events, 20_000);
    expect(JSON.stringify(kept).length).toBeLessThan(25_000);
    expect(kept[0]).toEqual(events[0]);
    expect(kept.some((e) => e.type === 'notice' && /first 20 KB/.test(e.text))).toBe(true);
    expect(kept.at(-2)).toMatchObject({ type: 'error', message: 'late failure' });
    expect(kept.at(-1)).toMatchObject({ type: 'done', status: 'error' });
    expect(boundOutput(events.slice(0, 3), 20_000)).toEqual(events.slice(0, 3));
  });
});

import { describe, expect, it } from 'vitest';
import { testRunner, textOf } from '../integration/harness.ts';
import { loadLabs, readCell } from '../../runner/labs/catalog.ts';
import type { CellEvent } from '../../runner/contracts.ts';

describe('lab 02, step 4: the starting code of the schedule step', () => {
  it('says the schedule is missing instead of waiting for ever, and the solution then runs on what it left', async () => {
    const labs = await loadLabs('labs');
    const lab = (slug: string) => labs.find((l) => l.slug === slug)!;
    const h = await testRunner(['--time-scale', '6000']);
    try {
      const session = await h.runner.sessions.create();
      const run = async (slug: string, step: string, source: 'cell' | 'solution') => {
        const events: CellEvent[] = [];
        const status = await session.run(await readCell(lab(slug), step, source), (e) => events.push(e));
        return { status, text: textOf(events) };
      };
      for (const step of ['identity', 'role', 'quotas', 'bucket', 'datasets'])
        expect((await run('00-setup', step, 'solution')).status).toBe('ok');
      for (const step of ['capture', 'traffic', 'inspect', 'baseline'])
        expect((await run('02-monitor', step, 'solution')).status).toBe('ok');

      const started = performance.now();
      const starting = await run('02-monitor', 'schedule', 'cell');
      expect(starting.status).toBe('error');
      expect(starting.text).toMatch(/There is no monitoring schedule naxt-hourly-\w+ yet: create it first/);
      expect(performance.now() - started).toBeLessThan(20_000);

      // The job definition the starting code created is found again, not an "already exists" error.
      const solution = await run('02-monitor', 'schedule', 'solution');
      expect(solution.text).not.toContain('already exists');
      expect(solution.status).toBe('ok');
      expect((await run('02-monitor', 'schedule', 'solution')).status).toBe('ok');
    } finally {
      await h.remove();
    }
  }, 120_000);
});

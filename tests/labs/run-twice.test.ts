import { describe, expect, it } from 'vitest';
import { testRunner } from '../integration/harness.ts';
import { loadLabs, readCell, type Lab } from '../../runner/labs/catalog.ts';
import { standInWorker } from '../../runner/labs/verify.ts';
import { runCheck } from '../../runner/checks/runtime.ts';
import { discover } from '../../runner/resources/discover.ts';
import type { CellEvent } from '../../runner/contracts.ts';
import type { Session } from '../../runner/sessions.ts';
import type { RunningRunner } from '../../runner/server.ts';

/** What the session has in the account, per kind and name: a second run must leave the same set, nothing doubled. */
async function inventory(runner: RunningRunner, session: Session): Promise<string[]> {
  const found = await discover(runner.target.clients(), { sessionId: session.id });
  return found.resources.map((r) => `${r.kind} ${r.name}`).sort();
}

/**
 * A learner re-runs cells after a mistake and after a restart: every lab's solutions run twice in a row in one
 * session, then once more after a kernel restart, replayed as "Run the cells above" does (each cell above in order).
 * Every check passes each time, and the account holds nothing twice.
 */
describe('every lab can be run again', () => {
  it('twice in a row, then again after a kernel restart: checks pass, nothing duplicated', async () => {
    // The labs proven safe to run again; `RUN_TWICE_LABS=all` (or a list) runs others too.
    // Every lab is proven safe to run again (02 since its baseline, job definition and schedule are found and reused).
    const REPEATABLE = ['00', '01', '02', '03', '04', '05', '06'];
    const asked = process.env.RUN_TWICE_LABS;
    const only = asked === 'all' ? undefined : (asked?.split(',') ?? REPEATABLE);
    const all = await loadLabs('labs');
    const labs = all.filter((l) => l.slug !== '07-cleanup' && (!only || only.some((o) => l.slug.startsWith(o))));
    const cleanup = all.find((l) => l.slug === '07-cleanup')!;
    const h = await testRunner(['--time-scale', '6000']);
    const failures: string[] = [];
    try {
      const session = await h.runner.sessions.create();
      const pass = async (lab: Lab, round: string) => {
        for (const step of lab.steps) {
          if (step.cell) {
            const events: CellEvent[] = [];
            const worker = step.human ? standInWorker(h.runner) : undefined;
            let status;
            try {
              // A re-run that waits for ever is a failure of its own, not a hung test.
              status = await session.run(await readCell(lab, step.id, 'solution'), (e) => events.push(e), 90_000);
              process.stderr.write(`${round} ${lab.slug}/${step.id}: ${status}\n`);
            } finally {
              worker?.stop();
            }
            if (status !== 'ok') {
              const err = events.find((e) => e.type === 'error');
              failures.push(
                `${round} ${lab.slug}/${step.id}: cell ${status}${err?.type === 'error' ? ` — ${err.name}: ${err.message}` : ''}`,
              );
            }
          }
          if (step.check) {
            const r = await runCheck({ lab, stepId: step.id, session, target: h.runner.target, projectDir: h.runner.projectDir });
            if (!r.ok) failures.push(`${round} ${lab.slug}/${step.id}: check — ${r.message}`);
          }
        }
      };
      for (const lab of labs) {
        await pass(lab, 'first');
        const once = await inventory(h.runner, session);
        await pass(lab, 'again');
        const twice = await inventory(h.runner, session);
        const added = twice.filter((x) => !once.includes(x));
        if (added.length) failures.push(`again ${lab.slug}: created ${added.join(', ')} beside what the first run made`);
      }
      const before = await inventory(h.runner, session);
      await (await session.kernel()).restart();
      for (const lab of labs) await pass(lab, 'after restart');
      const after = await inventory(h.runner, session);
      const added = after.filter((x) => !before.includes(x));
      if (added.length) failures.push(`after restart: created ${added.join(', ')} beside what was there`);
      // Cleanup, twice: the second finds nothing left to delete and still proves the account is empty.
      await pass(cleanup, 'first');
      await pass(cleanup, 'again');
      const left = await inventory(h.runner, session);
      if (left.length) failures.push(`after cleanup: ${left.join(', ')} left`);
      await session.dispose();
    } finally {
      await h.remove();
    }
    expect(failures).toEqual([]);
  }, 1_500_000);
});

import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { learnerSession, textOf } from './harness.ts';

const solution = (lab: string, cell: string) =>
  readFile(join(import.meta.dirname, '..', '..', 'labs', lab, 'solutions', `${cell}.ts`), 'utf8');

describe('a kernel restart loses variables, not finished steps', () => {
  const s = learnerSession();

  it('a check that passed still passes after the kernel restarts, from the values kept with the progress', async () => {
    expect((await s.api.check(s.sid, '00-setup', 'identity')).ok).toBe(false);
    const events = await s.api.run(s.sid, '00-setup', 'identity', await solution('00-setup', 'identity'));
    expect(textOf(events)).toContain('acting as');
    expect((await s.api.check(s.sid, '00-setup', 'identity')).ok).toBe(true);

    await s.api.call('POST', `/sessions/${s.sid}/restart`);
    const gone = await s.api.run(s.sid, '00-setup', 'identity', 'typeof identity');
    expect(textOf(gone)).toContain('undefined');

    const again = await s.api.check(s.sid, '00-setup', 'identity');
    expect(again.ok).toBe(true);
    const progress = await s.api.json('GET', `/sessions/${s.sid}/progress`);
    expect(progress.labs['00-setup'].checks.identity.ok).toBe(true);
    expect(progress.labs['00-setup'].values?.identity).toMatchObject({ Account: s.runner.target.accountId });
  }, 60_000);

  it('a value the learner redefined wrongly still fails the check: the kernel’s copy wins', async () => {
    await s.api.run(
      s.sid,
      '00-setup',
      'identity',
      'globalThis.identity = { Account: "000000000000", Arn: "arn:aws:iam::000000000000:user/nobody" }',
    );
    expect((await s.api.check(s.sid, '00-setup', 'identity')).ok).toBe(false);
  }, 60_000);
});

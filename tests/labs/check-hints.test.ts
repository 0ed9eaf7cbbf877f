import { describe, expect, it } from 'vitest';
import { fail, pass, type Check } from '../../core/checks.ts';

// A failed check says what is wrong *and* what to do. The compiler holds it: `npx tsc -p tsconfig.json` type-checks
// this file, and a line marked @ts-expect-error that compiles is an error, so these refusals must stay refusals.
describe('every failing check gives the learner a hint', () => {
  it('a failure without a hint does not compile, in fail() or as a bare result', async () => {
    // @ts-expect-error a failure needs its hint
    const alone = () => fail('Endpoint naxt-x does not exist.');
    // @ts-expect-error a check cannot return a failure of its own making without one either
    const bare: Check = async () => ({ ok: false, message: 'Endpoint naxt-x does not exist.' });
    expect(typeof alone).toBe('function');
    expect(typeof bare).toBe('function');
  });

  it('a failure carries its hint to the learner; a pass needs none', () => {
    expect(fail('Endpoint naxt-x does not exist.', 'Create it.')).toEqual({
      ok: false,
      message: 'Endpoint naxt-x does not exist.',
      hint: 'Create it.',
    });
    expect(pass('Endpoint naxt-x is InService.')).toEqual({ ok: true, message: 'Endpoint naxt-x is InService.' });
  });
});

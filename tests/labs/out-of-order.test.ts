import { describe, expect, it } from 'vitest';
import { testRunner } from '../integration/harness.ts';
import { loadLabs } from '../../runner/labs/catalog.ts';
import { verifyLabs } from '../../runner/labs/verify.ts';

const all = await loadLabs('labs');
const setup = all.find((l) => l.slug === '00-setup')!;

// One test per lab: each stays well under the minute after which vitest's worker stops waiting for its runner to
// acknowledge a test's progress (vitest-dev/vitest#8164), which the eight labs in one test reached on a slow machine.
describe('labs can be taken out of order', () => {
  it.each(all.filter((l) => l.slug !== '00-setup').map((l) => [l.slug, l] as const))(
    'runs lab %s alone after lab 00, on a fresh account',
    async (_slug, lab) => {
      const h = await testRunner(['--time-scale', '6000']);
      try {
        const failures = (await verifyLabs(h.runner, [setup, lab])).filter((v) => !v.ok).map((v) => `${v.lab}/${v.step}: ${v.message}`);
        expect(failures).toEqual([]);
      } finally {
        await h.remove();
      }
    },
    120_000,
  );
});

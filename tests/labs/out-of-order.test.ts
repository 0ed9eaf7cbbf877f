import { describe, expect, it } from 'vitest';
import { testRunner } from '../integration/harness.ts';
import { loadLabs } from '../../runner/labs/catalog.ts';
import { verifyLabs } from '../../runner/labs/verify.ts';

describe('labs can be taken out of order', () => {
  it('runs each lab alone after lab 00, on a fresh account each time', async () => {
    const all = await loadLabs('labs');
    const setup = all.find((l) => l.slug === '00-setup')!;
    const failures: string[] = [];
    for (const lab of all.filter((l) => l.slug !== '00-setup')) {
      const h = await testRunner(['--time-scale', '6000']);
      try {
        for (const v of await verifyLabs(h.runner, [setup, lab])) if (!v.ok) failures.push(`${v.lab}/${v.step}: ${v.message}`);
      } finally {
        await h.remove();
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLabs } from '../../runner/labs/catalog.ts';

describe('lab catalog', () => {
  it('reads every lab of the workshop in order with its steps', async () => {
    const labs = await loadLabs(join(process.cwd(), 'labs'));
    expect(labs[0].slug).toBe('00-setup');
    expect(labs.map((l) => l.order)).toEqual([...labs.map((l) => l.order)].sort((a, b) => a - b));
    for (const lab of labs) expect(lab.steps.length).toBeGreaterThan(0);
  });

  it('has all eight labs, fitting two hours and under $10 on a real account', async () => {
    const labs = await loadLabs(join(process.cwd(), 'labs'));
    expect(labs.map((l) => l.slug.slice(0, 2))).toEqual(['00', '01', '02', '03', '04', '05', '06', '07']);
    expect(labs.map((l) => l.journey).filter(Boolean).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(labs.reduce((n, l) => n + l.minutes, 0)).toBeLessThanOrEqual(120);
    expect(labs.reduce((n, l) => n + l.costUsd, 0)).toBeLessThan(10);
  });

  it('names the lab and the field of a malformed frontmatter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naxt-labs-'));
    await mkdir(join(dir, '01-broken'));
    await writeFile(join(dir, '01-broken', 'lab.mdx'), '---\ntitle: Broken\njourney: 1\npersona: Kaitlin\nminutes: -5\nsummary: x\ncostUsd: 0\nsteps: [{id: a, title: A}]\n---\nbody');
    await expect(loadLabs(dir)).rejects.toThrow(/01-broken\/lab\.mdx: minutes/);
  });
});

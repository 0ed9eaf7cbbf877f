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

  it('names the lab and the field of a malformed frontmatter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naxt-labs-'));
    await mkdir(join(dir, '01-broken'));
    await writeFile(join(dir, '01-broken', 'lab.mdx'), '---\ntitle: Broken\njourney: 1\npersona: Kaitlin\nminutes: -5\nsummary: x\ncostUsd: 0\nsteps: [{id: a, title: A}]\n---\nbody');
    await expect(loadLabs(dir)).rejects.toThrow(/01-broken\/lab\.mdx: minutes/);
  });
});

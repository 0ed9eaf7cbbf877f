import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLabs, splitFrontmatter } from '../../runner/labs/catalog.ts';
import { labFrontmatter } from '../../labs/schema.ts';

// The site's content collection, with Astro's virtual modules reduced to what content.config.ts calls.
vi.mock('astro:content', () => ({ defineCollection: <T>(c: T) => c }));
vi.mock('astro/loaders', () => ({ glob: (o: unknown) => o }));

const fixture = join(process.cwd(), 'tests/fixtures/labs-catalog/labs');
const invalid = (name: string) => join(process.cwd(), 'tests/fixtures/labs-invalid', name);

describe('lab catalog (on a fixture labs folder)', () => {
  it('reads the numbered labs in order, skipping folders that are not labs, with their steps and defaults', async () => {
    const labs = await loadLabs(fixture);
    expect(labs.map((l) => [l.slug, l.order])).toEqual([
      ['00-start', 0],
      ['01-first', 1],
      ['02-second', 2],
    ]);
    expect(labs[0]).toMatchObject({ title: 'Start here', journey: null, persona: 'Kaitlin', minutes: 5, resources: [], costUsd: 0 });
    expect(labs[0].steps).toEqual([{ id: 'look', title: 'Look around', cell: true, check: 'looked' }]);
    expect(labs[1].steps.map((s) => s.id)).toEqual(['deploy', 'label-it']);
    expect(labs[1].steps[1].human).toBe(true);
    expect(labs[2].dir).toBe(join(fixture, '02-second'));
  });

  it('prices a lab from its resources and the price table beside the labs (an unpriced instance costs nothing)', async () => {
    const labs = await loadLabs(fixture);
    // 2 × $2.40/h × (30 min hosting + 6 min AWS takes to create an endpoint, durations.json beside the labs)
    // + $6/h × 10 min training; ml.unpriced.xlarge is not in the table.
    expect(labs[1].costUsd).toBe(3.88);
    expect(labs[2].costUsd).toBe(0);
  });

  it('names the lab and the field of a malformed frontmatter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naxt-labs-'));
    await mkdir(join(dir, '01-broken'));
    await writeFile(
      join(dir, '01-broken', 'lab.mdx'),
      '---\ntitle: Broken\njourney: 1\npersona: Kaitlin\nminutes: -5\nsummary: x\ncostUsd: 0\nsteps: [{id: a, title: A}]\n---\nbody',
    );
    await expect(loadLabs(dir)).rejects.toThrow(/01-broken\/lab\.mdx: minutes/);
  });

  it.each([
    ['journey-7', /01-bad\/lab\.mdx: journey: Number must be less than or equal to 6/],
    ['step-id', /01-bad\/lab\.mdx: steps\.0\.id: a step id is lowercase letters, digits and dashes/],
    ['no-steps', /01-bad\/lab\.mdx: steps: a lab has at least one step/],
  ])('rejects the %s lab, saying where', async (name, error) => {
    await expect(loadLabs(invalid(name))).rejects.toThrow(error);
  });
});

describe('the site reads labs with the same schema', () => {
  it('its content collection rejects what the runner rejects, and accepts what it accepts', async () => {
    // Imported by a computed path: its types come from Astro's (site/tsconfig.json checks that file).
    const config = '../../site/src/content.config.ts';
    const { collections } = (await import(config)) as { collections: { labs: { schema: typeof labFrontmatter } } };
    const schema = collections.labs.schema;
    for (const name of ['journey-7', 'step-id', 'no-steps']) {
      const { data } = splitFrontmatter(await readFile(join(invalid(name), '01-bad', 'lab.mdx'), 'utf8'));
      expect(schema.safeParse(data).success, name).toBe(false);
    }
    const { data } = splitFrontmatter(await readFile(join(fixture, '01-first', 'lab.mdx'), 'utf8'));
    expect(schema.parse(data)).toEqual(labFrontmatter.parse(data));
  });
});

describe('the workshop’s own labs', () => {
  it('cover journeys 1 to 6, fit two hours and cost under $10 on a real account', async () => {
    const labs = await loadLabs(join(process.cwd(), 'labs'));
    expect(
      labs
        .map((l) => l.journey)
        .filter(Boolean)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    expect(labs.reduce((n, l) => n + l.minutes, 0)).toBeLessThanOrEqual(120);
    expect(labs.reduce((n, l) => n + l.costUsd, 0)).toBeLessThan(10);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { priceTable as priceTableSchema } from '../../content/schema.ts';
import { loadLabs } from '../../runner/labs/catalog.ts';

const dir = join(process.cwd(), 'content');
const lines = (file: string) =>
  readFileSync(join(dir, file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const conversation = z.object({
  id: z.string(),
  client: z.string(),
  advisor: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  channel: z.enum(['call', 'meeting', 'email']),
  transcript: z.string().min(300),
  reference_summary: z.string().min(80),
  facts: z.object({
    goals: z.array(z.string()).min(1),
    riskAppetite: z.enum(['low', 'moderate', 'high']),
    lifeEvents: z.array(z.string()),
    followUps: z.array(z.string()).min(1),
  }),
});
const qa = z.object({ id: z.string(), articleId: z.string(), question: z.string().endsWith('?'), answer: z.string().min(20) });

describe('the workshop content', () => {
  const splits = ['train', 'validation', 'test'];
  const convs = Object.fromEntries(splits.map((s) => [s, lines(`conversations/${s}.jsonl`).map((c) => conversation.parse(c))]));
  const qas = Object.fromEntries(splits.map((s) => [s, lines(`knowledge-base/qa/${s}.jsonl`).map((q) => qa.parse(q))]));
  const articles = JSON.parse(readFileSync(join(dir, 'knowledge-base/articles.json'), 'utf8')) as { id: string; body: string }[];

  it('has at least 60 conversations, each client in one split only, ids unique', () => {
    const all = splits.flatMap((s) => convs[s]);
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const a of splits)
      for (const b of splits) if (a < b) expect(convs[a].filter((c) => convs[b].some((d) => d.client === c.client))).toEqual([]);
  });

  it('states every number of the facts in the transcript itself, and varies its transcripts', () => {
    for (const c of splits.flatMap((s) => convs[s])) {
      for (const fact of [...c.facts.goals, ...c.facts.lifeEvents])
        for (const n of fact.match(/\d+/g) ?? []) expect(c.transcript, `${c.id}: ${fact}`).toContain(n);
      const turns = c.transcript.split('\n').length;
      expect(turns, c.id).toBeGreaterThanOrEqual(15);
    }
    const openings = new Set(splits.flatMap((s) => convs[s]).map((c) => c.transcript.split('\n').slice(0, 6).join('|')));
    expect(openings.size).toBeGreaterThan(40);
  });

  it('has some PII for the monitoring lab to find', () => {
    const withPii = splits
      .flatMap((s) => convs[s])
      .filter((c) => /\d{4}-\d{4}-\d{4}|\+1 \d{3} \d{3} \d{4}|account \d{8}/.test(c.transcript));
    expect(withPii.length).toBeGreaterThanOrEqual(5);
  });

  it('has 25+ articles and 150+ QA pairs whose articles exist, with no question repeated across splits', () => {
    expect(articles.length).toBeGreaterThanOrEqual(25);
    const all = splits.flatMap((s) => qas[s]);
    expect(all.length).toBeGreaterThanOrEqual(150);
    for (const q of all)
      expect(
        articles.some((a) => a.id === q.articleId),
        q.id,
      ).toBe(true);
    for (const a of splits)
      for (const b of splits)
        if (a < b) {
          const answersB = new Set(qas[b].map((q) => q.answer));
          expect(
            qas[a].filter((q) => answersB.has(q.answer)),
            `${a}/${b} share a fact`,
          ).toEqual([]);
        }
  });

  it('keeps test items out of the fine-tuning seeds', () => {
    const seeds = lines('sft/seed.jsonl');
    expect(seeds.length).toBeGreaterThanOrEqual(40);
    const testText = new Set([...qas.test.map((q) => q.answer), ...convs.test.map((c) => c.reference_summary)]);
    expect(seeds.filter((s) => testText.has(String(s.response)))).toEqual([]);
  });

  it('prices every instance type the labs run on, for the use they make of it', async () => {
    const prices = priceTableSchema.parse(JSON.parse(readFileSync(join(dir, 'prices.json'), 'utf8')));
    // What each kind bills by (endpoint → hosting, training → training, processing → processing).
    const use = { endpoint: 'hostingPerHour', 'training-job': 'trainingPerHour', 'processing-job': 'processingPerHour' } as const;
    const labs = await loadLabs(join(process.cwd(), 'labs'));
    let priced = 0;
    for (const lab of labs) {
      for (const r of lab.resources) {
        if (!r.instanceType || !(r.kind in use)) continue;
        expect(
          prices.instances[r.instanceType]?.[use[r.kind as keyof typeof use]],
          `${lab.slug}: ${r.kind} on ${r.instanceType}`,
        ).toBeGreaterThan(0);
        priced += 1;
      }
    }
    expect(priced).toBeGreaterThan(5);
  });
});

/**
 * Writes the workshop's datasets into content/: `npx tsx content/generate/generate.ts`.
 * Seeded and deterministic; the outputs are committed, and the splits are fixed here.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { articles } from './knowledge-base.ts';
import { generateConversations, rng } from './conversations.ts';

const root = join(import.meta.dirname, '..');
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function main() {
  // Conversations: 36 train / 12 validation / 12 test, by position (each client appears once).
  const conversations = generateConversations(60);
  await mkdir(join(root, 'conversations'), { recursive: true });
  await writeFile(join(root, 'conversations', 'train.jsonl'), jsonl(conversations.slice(0, 36)));
  await writeFile(join(root, 'conversations', 'validation.jsonl'), jsonl(conversations.slice(36, 48)));
  await writeFile(join(root, 'conversations', 'test.jsonl'), jsonl(conversations.slice(48)));

  // Knowledge base: article bodies from their facts; QA pairs from every phrasing of every fact.
  await mkdir(join(root, 'knowledge-base', 'qa'), { recursive: true });
  await writeFile(
    join(root, 'knowledge-base', 'articles.json'),
    JSON.stringify(
      articles.map((a) => ({
        id: a.id,
        title: a.title,
        category: a.category,
        body: [a.intro, ...a.facts.map((f) => f.sentence)].join(' '),
      })),
      null,
      2,
    ) + '\n',
  );
  // A fact's phrasings never straddle splits: the split is by fact, so the test set asks about facts
  // whose questions the model never saw phrased — answers still come from the article.
  const r = rng(7);
  const splits: Record<'train' | 'validation' | 'test', unknown[]> = { train: [], validation: [], test: [] };
  let n = 0;
  for (const a of articles) {
    a.facts.forEach((f, i) => {
      const roll = r.next();
      const split = roll < 0.6 ? 'train' : roll < 0.8 ? 'validation' : 'test';
      for (const q of f.questions)
        splits[split].push({ id: `qa-${String(++n).padStart(3, '0')}`, articleId: a.id, fact: i, question: q, answer: f.answer });
    });
  }
  for (const s of ['train', 'validation', 'test'] as const)
    await writeFile(join(root, 'knowledge-base', 'qa', `${s}.jsonl`), jsonl(splits[s]));

  // SFT seeds: the train split's facts as instruction/response pairs, plus summaries of train conversations.
  const seeds = [
    ...(splits.train as { question: string; answer: string }[])
      .filter((_, i) => i % 2 === 0)
      .map((q) => ({ instruction: q.question, response: q.answer })),
    ...conversations.slice(0, 12).map((c) => ({
      instruction: 'Summarize this conversation with a client for their investment advisor: goals, risk appetite, life events, follow-ups.',
      context: c.transcript,
      response: c.reference_summary,
    })),
  ];
  await mkdir(join(root, 'sft'), { recursive: true });
  await writeFile(join(root, 'sft', 'seed.jsonl'), jsonl(seeds));
  console.log(
    `conversations ${conversations.length}, articles ${articles.length}, qa ${n} (train ${splits.train.length}, validation ${splits.validation.length}, test ${splits.test.length}), sft seeds ${seeds.length}`,
  );
}

main();

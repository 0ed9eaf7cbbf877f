/**
 * The metrics against NLTK: golden values written by tests/fixtures/metrics/generate.py (NLTK's stemmer and
 * METEOR, rouge_score's scoring) on every word of the workshop's datasets and on what lab 03 measures.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { meteor, porterStem, rouge, tokens } from '../../labs/lib/evaluation.ts';

interface GoldenPair {
  id: string;
  prediction: string;
  reference: string;
  meteor: number;
  rouge1: number;
  rouge2: number;
  rougeL: number;
  rougeLNoStem: number;
}
const golden = JSON.parse(readFileSync('tests/fixtures/metrics/golden.json', 'utf8')) as {
  stems: Record<string, [nltk: string, original: string]>;
  pairs: GoldenPair[];
};
const REGENERATE = 'regenerate tests/fixtures/metrics/golden.json (see generate.py)';

/** Every string inside a JSON value. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

describe('the Porter stemmer against NLTK', () => {
  const words = Object.entries(golden.stems);

  it('stems every workshop word as NLTK’s default PorterStemmer (NLTK_EXTENSIONS) does', () => {
    const wrong = words.filter(([w, [nltk]]) => porterStem(w) !== nltk).map(([w, [nltk]]) => `${w}: ${porterStem(w)} ≠ ${nltk}`);
    expect(wrong).toEqual([]);
    expect(words.length).toBeGreaterThan(1000);
  });

  it('stems them as NLTK’s ORIGINAL_ALGORITHM in the original mode (words of one or two letters left alone)', () => {
    const wrong = words
      .filter(([w, [, original]]) => porterStem(w, 'original') !== (w.length > 2 ? original : w))
      .map(([w, [, original]]) => `${w}: ${porterStem(w, 'original')} ≠ ${original}`);
    expect(wrong).toEqual([]);
  });

  it('the two modes differ where NLTK says they do (days, they, using, news)', () => {
    for (const w of ['days', 'they', 'using', 'news']) {
      const [nltk, original] = golden.stems[w];
      expect(nltk).not.toBe(original);
      expect([porterStem(w), porterStem(w, 'original')]).toEqual([nltk, original]);
    }
  });

  it('the golden file covers every word of the datasets (else: ' + REGENERATE + ')', () => {
    const jsonl = (dir: string) =>
      readdirSync(`content/${dir}`)
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => `content/${dir}/${f}`);
    const files = [...jsonl('conversations'), ...jsonl('knowledge-base/qa'), 'content/sft/seed.jsonl'];
    const texts = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .trim()
        .split('\n')
        .flatMap((l) => strings(JSON.parse(l))),
    );
    texts.push(...strings(JSON.parse(readFileSync('content/knowledge-base/articles.json', 'utf8'))));
    const missing = [...new Set(texts.flatMap((t) => tokens(t)))].filter((w) => !(w in golden.stems));
    expect(missing).toEqual([]);
  });
});

describe('ROUGE and METEOR against rouge_score’s scoring and NLTK’s single_meteor_score', () => {
  it('gives the golden ROUGE-1, ROUGE-2 and ROUGE-L (stemmed and not) of every pair', () => {
    const off = golden.pairs.flatMap((p) => {
      const ours = {
        rouge1: rouge(p.prediction, p.reference, 'rouge1'),
        rouge2: rouge(p.prediction, p.reference, 'rouge2'),
        rougeL: rouge(p.prediction, p.reference, 'rougeL'),
        rougeLNoStem: rouge(p.prediction, p.reference, 'rougeL', { stem: false }),
      };
      return Object.entries(ours)
        .filter(([k, v]) => Math.abs(v - p[k as keyof typeof ours]) > 1e-12)
        .map(([k, v]) => `${p.id} ${k}: ${v} ≠ ${p[k as keyof typeof ours]}`);
    });
    expect(off).toEqual([]);
    expect(golden.pairs.length).toBeGreaterThan(100);
  });

  it('gives the golden METEOR of every pair (exact and stem matches; no synonyms on either side)', () => {
    const off = golden.pairs
      .filter((p) => Math.abs(meteor(p.prediction, p.reference) - p.meteor) > 1e-12)
      .map((p) => `${p.id}: ${meteor(p.prediction, p.reference)} ≠ ${p.meteor}`);
    expect(off).toEqual([]);
  });

  it('the pairs include words the two modes stem differently (so these golden values tell them apart)', () => {
    const originalTokens = (t: string) => tokens(t).map((w) => (w.length > 3 ? porterStem(w, 'original') : w));
    const changed = golden.pairs.filter((p) => {
      const a = originalTokens(p.prediction).join(' ');
      const b = tokens(p.prediction, true).join(' ');
      return a !== b;
    });
    expect(changed.length).toBeGreaterThan(0);
  });
});

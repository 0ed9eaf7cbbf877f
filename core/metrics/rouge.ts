import { fmeasure, tokens } from './text.ts';

export type RougeType = 'rouge1' | 'rouge2' | 'rougeL';

function ngramCounts(t: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= t.length; i++) {
    const k = t.slice(i, i + n).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Length of the longest common subsequence (one row of the table at a time). */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

/**
 * ROUGE F-measure of a prediction against a reference, as Google's rouge_score computes it (the package
 * fmeval uses): ROUGE-N on clipped n-gram counts, ROUGE-L on the longest common subsequence.
 */
export function rouge(prediction: string, reference: string, type: RougeType = 'rougeL', opts: { stem?: boolean } = {}): number {
  const stem = opts.stem ?? true; // fmeval's default: use_stemmer_for_rouge=True
  const p = tokens(prediction, stem);
  const r = tokens(reference, stem);
  if (type === 'rougeL') return fmeasure(lcsLength(p, r), p.length, r.length);
  const n = type === 'rouge1' ? 1 : 2;
  const pg = ngramCounts(p, n);
  const rg = ngramCounts(r, n);
  let overlap = 0;
  for (const [k, c] of pg) overlap += Math.min(c, rg.get(k) ?? 0);
  return fmeasure(overlap, Math.max(0, p.length - n + 1), Math.max(0, r.length - n + 1));
}

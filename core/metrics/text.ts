import { porterStem } from './porter.ts';

/**
 * rouge_score's tokenization: lowercase, runs of [a-z0-9]; with `stem`, tokens longer than 3 characters are
 * stemmed as rouge_score's stemmer (NLTK's PorterStemmer in its default mode) does; short tokens stay as they are.
 */
export function tokens(text: string, stem = false): string[] {
  const t = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  return stem ? t.map((w) => (w.length > 3 ? porterStem(w) : w)) : t;
}

/** SQuAD's answer normalization: lowercase, no punctuation, no articles, single spaces. */
export function normalizeAnswer(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sentences of a text (split after . ? ! followed by a space). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Harmonic mean of precision (overlap/predicted) and recall (overlap/reference); 0 when nothing overlaps. */
export function fmeasure(overlap: number, predicted: number, reference: number): number {
  if (overlap === 0 || predicted === 0 || reference === 0) return 0;
  const p = overlap / predicted;
  const r = overlap / reference;
  return (2 * p * r) / (p + r);
}

/**
 * The workshop's evaluation library: the metrics of SageMaker Clarify's foundation-model evaluation (fmeval) —
 * ROUGE-1/2/L and METEOR for summaries, exact match and F1 for question answering, toxicity — plus a tone score
 * from Naxt's tone guide, and the cost of 1,000 requests. Pure TypeScript: it runs in a cell or in a job.
 */

/** rouge_score's tokenization: lowercase, alphanumeric runs; Porter-style stemming optional. */
export function tokens(text: string, stem = false): string[] {
  const t = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  return stem ? t.map(stemWord) : t;
}

/** A light suffix stemmer (the common English inflections), enough for ROUGE/METEOR stem matches. */
export function stemWord(w: string): string {
  if (w.length <= 3) return w;
  for (const [suffix, repl] of [['ational', 'ate'], ['ization', 'ize'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['ments', 'ment'], ['ings', ''], ['ing', ''], ['ied', 'y'], ['ies', 'y'], ['edly', ''], ['ed', ''], ['ly', ''], ['es', ''], ['s', '']] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) return w.slice(0, -suffix.length) + repl;
  }
  return w;
}

const ngrams = (t: string[], n: number) => {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= t.length; i++) {
    const k = t.slice(i, i + n).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
};
const fmeasure = (overlap: number, predCount: number, refCount: number) => {
  if (overlap === 0 || predCount === 0 || refCount === 0) return 0;
  const p = overlap / predCount;
  const r = overlap / refCount;
  return (2 * p * r) / (p + r);
};

function lcs(a: string[], b: string[]): number {
  const dp = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(dp[j], dp[j - 1]);
      prev = tmp;
    }
  }
  return dp[b.length];
}

export type RougeType = 'rouge1' | 'rouge2' | 'rougeL';

/** ROUGE F-measure of a prediction against a reference (as rouge_score computes it, with stemming). */
export function rouge(prediction: string, reference: string, type: RougeType = 'rougeL'): number {
  const p = tokens(prediction, true);
  const r = tokens(reference, true);
  if (type === 'rougeL') return fmeasure(lcs(p, r), p.length, r.length);
  const n = type === 'rouge1' ? 1 : 2;
  const pg = ngrams(p, n);
  const rg = ngrams(r, n);
  let overlap = 0;
  for (const [k, c] of pg) overlap += Math.min(c, rg.get(k) ?? 0);
  return fmeasure(overlap, Math.max(0, p.length - n + 1), Math.max(0, r.length - n + 1));
}

/** METEOR (exact, then stem matches; fragmentation penalty), following nltk's meteor_score defaults. */
export function meteor(prediction: string, reference: string, alpha = 0.9, beta = 3, gamma = 0.5): number {
  const p = tokens(prediction);
  const r = tokens(reference);
  if (p.length === 0 || r.length === 0) return 0;
  const usedR = new Set<number>();
  const align: [number, number][] = [];
  for (const stage of [(w: string) => w, stemWord]) {
    p.forEach((w, i) => {
      if (align.some(([pi]) => pi === i)) return;
      const j = r.findIndex((x, k) => !usedR.has(k) && stage(x) === stage(w));
      if (j >= 0) {
        usedR.add(j);
        align.push([i, j]);
      }
    });
  }
  const m = align.length;
  if (m === 0) return 0;
  const precision = m / p.length;
  const recall = m / r.length;
  const fmean = (precision * recall) / (alpha * precision + (1 - alpha) * recall);
  align.sort((a, b) => a[0] - b[0]);
  let chunks = 1;
  for (let k = 1; k < align.length; k++) if (!(align[k][0] === align[k - 1][0] + 1 && align[k][1] === align[k - 1][1] + 1)) chunks += 1;
  const penalty = gamma * (chunks / m) ** beta;
  return fmean * (1 - penalty);
}

/** SQuAD normalization: lowercase, no punctuation, no articles, single spaces. */
const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\b(a|an|the)\b/g, ' ').replace(/\s+/g, ' ').trim();

export const exactMatch = (prediction: string, reference: string) => (normalize(prediction) === normalize(reference) ? 1 : 0);

/** Token F1 after SQuAD normalization. */
export function f1(prediction: string, reference: string): number {
  const p = normalize(prediction).split(' ').filter(Boolean);
  const r = normalize(reference).split(' ').filter(Boolean);
  const counts = new Map<string, number>();
  for (const w of r) counts.set(w, (counts.get(w) ?? 0) + 1);
  let overlap = 0;
  for (const w of p) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      overlap += 1;
      counts.set(w, c - 1);
    }
  }
  return fmeasure(overlap, p.length, r.length);
}

export interface ToneGuide {
  preferred: string[];
  discouraged: string[];
  toxic: string[];
  greeting?: string;
  closing?: string;
  maxSentenceWords?: number;
}

const count = (text: string, phrase: string) => {
  if (/^[^a-z0-9]+$/i.test(phrase)) return text.split(phrase).length - 1;
  const m = text.match(new RegExp(`\\b${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi'));
  return m ? m.length : 0;
};

/** Share of toxic words (0 = none; 1 = every other word toxic or worse). */
export function toxicity(text: string, guide: Pick<ToneGuide, 'toxic'>): number {
  const words = tokens(text).length || 1;
  const hits = guide.toxic.reduce((n, w) => n + count(text, w), 0);
  return Math.min(1, (2 * hits) / words);
}

/** How well a text follows Naxt's tone guide, 0..1: courtesy markers, no slang, no exclamations, short sentences. */
export function toneScore(text: string, guide: ToneGuide): number {
  if (!text.trim()) return 0;
  const discouraged = guide.discouraged.reduce((n, w) => n + count(text, w), 0);
  const preferred = guide.preferred.reduce((n, w) => n + Math.min(1, count(text, w)), 0);
  const sentences = text.split(/(?<=[.?!])\s+/).filter(Boolean);
  const longest = Math.max(...sentences.map((s) => tokens(s).length));
  let score = 0.55 + Math.min(0.3, 0.15 * preferred) - Math.min(0.6, 0.2 * discouraged);
  if (longest > (guide.maxSentenceWords ?? 25)) score -= 0.15;
  if (/[A-Z]{5,}/.test(text)) score -= 0.1;
  if (toxicity(text, guide) > 0) score -= 0.5;
  return Math.max(0, Math.min(1, Math.round(score * 1000) / 1000));
}

export interface Aggregate {
  mean: number;
  p10: number;
  count: number;
}

export function aggregate(values: number[]): Aggregate {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return { mean: Math.round(mean * 10000) / 10000, p10: sorted[Math.floor(0.1 * (sorted.length - 1))] ?? 0, count: values.length };
}

export interface Progress {
  done: number;
  total: number;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>, onProgress?: (p: Progress) => void): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) {
      out[i] = await fn(items[i], i);
      onProgress?.({ done: ++done, total: items.length });
    }
  }));
  return out;
}

export const SUMMARY_PROMPT = 'Summarize this conversation with a client for their investment advisor: goals, risk appetite, life events, follow-ups.';

/** Summarization evaluation: ROUGE-1/2/L and METEOR of the model's summaries against the references. */
export async function evaluateSummaries(
  samples: { id: string; transcript: string; reference_summary: string }[],
  invoke: (prompt: string) => Promise<string>,
  opts: { concurrency?: number; onProgress?: (p: Progress) => void; toneGuide?: ToneGuide } = {},
) {
  const latencies: number[] = [];
  const perSample = await mapLimit(samples, opts.concurrency ?? 4, async (s) => {
    const t = performance.now();
    const prediction = await invoke(`${SUMMARY_PROMPT}\n\n${s.transcript}`);
    latencies.push(performance.now() - t);
    return { id: s.id, prediction, rouge1: rouge(prediction, s.reference_summary, 'rouge1'), rouge2: rouge(prediction, s.reference_summary, 'rouge2'), rougeL: rouge(prediction, s.reference_summary, 'rougeL'), meteor: meteor(prediction, s.reference_summary), toxicity: opts.toneGuide ? toxicity(prediction, opts.toneGuide) : 0 };
  }, opts.onProgress);
  const pick = (k: 'rouge1' | 'rouge2' | 'rougeL' | 'meteor' | 'toxicity') => aggregate(perSample.map((p) => p[k]));
  return { metrics: { rouge1: pick('rouge1'), rouge2: pick('rouge2'), rougeL: pick('rougeL'), meteor: pick('meteor'), toxicity: pick('toxicity'), latencyMs: aggregate(latencies) }, perSample };
}

/** Question-answering evaluation: exact match, F1, tone and toxicity of the answers. */
export async function evaluateQa(
  samples: { id: string; question: string; answer: string }[],
  invoke: (prompt: string) => Promise<string>,
  toneGuide: ToneGuide,
  opts: { concurrency?: number; onProgress?: (p: Progress) => void } = {},
) {
  const latencies: number[] = [];
  const perSample = await mapLimit(samples, opts.concurrency ?? 4, async (s) => {
    const t = performance.now();
    const prediction = await invoke(s.question);
    latencies.push(performance.now() - t);
    return { id: s.id, prediction, exactMatch: exactMatch(prediction, s.answer), f1: f1(prediction, s.answer), tone: toneScore(prediction, toneGuide), toxicity: toxicity(prediction, toneGuide) };
  }, opts.onProgress);
  const pick = (k: 'exactMatch' | 'f1' | 'tone' | 'toxicity') => aggregate(perSample.map((p) => p[k]));
  return { metrics: { exactMatch: pick('exactMatch'), f1: pick('f1'), tone: pick('tone'), toxicity: pick('toxicity'), latencyMs: aggregate(latencies) }, perSample };
}

/**
 * What 1,000 requests cost on a dedicated endpoint: instance-hours needed at the measured latency, with the
 * instance serving `concurrency` requests at once.
 */
export function costPer1kRequests(o: { hostingPerHour: number; latencyMs: number; concurrency?: number; instances?: number }): number {
  const seconds = (1000 * o.latencyMs) / 1000 / (o.concurrency ?? 1);
  return Math.round(((seconds / 3600) * o.hostingPerHour * (o.instances ?? 1)) * 10000) / 10000;
}

/** The cheapest candidate whose metrics clear every bar (`min` metrics must be ≥, `max` metrics ≤). */
export function cheapestPassing<T extends { costPer1k: number; metrics: Record<string, number> }>(
  candidates: T[],
  bar: { min?: Record<string, number>; max?: Record<string, number> },
): T | undefined {
  const passes = (c: T) =>
    Object.entries(bar.min ?? {}).every(([k, v]) => (c.metrics[k] ?? -Infinity) >= v) &&
    Object.entries(bar.max ?? {}).every(([k, v]) => (c.metrics[k] ?? Infinity) <= v);
  return candidates.filter(passes).sort((a, b) => a.costPer1k - b.costPer1k)[0];
}

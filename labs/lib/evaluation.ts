/**
 * The workshop's evaluation library: the metrics of SageMaker Clarify's foundation-model evaluation (fmeval) —
 * ROUGE-1/2/L and METEOR for summaries, exact match and F1 for question answering, toxicity — plus a tone score
 * from Naxt's tone guide, and the cost of 1,000 requests. Pure TypeScript: it runs in a cell, a job or a page.
 */
import { fmeasure, normalizeAnswer } from '../../core/metrics/text.ts';
import { rouge } from '../../core/metrics/rouge.ts';
import { meteor } from '../../core/metrics/meteor.ts';
import { toneScore, toxicity, type ToneGuide } from '../../core/metrics/tone.ts';

export { tokens, normalizeAnswer } from '../../core/metrics/text.ts';
export { porterStem } from '../../core/metrics/porter.ts';
export { rouge, type RougeType } from '../../core/metrics/rouge.ts';
export { meteor } from '../../core/metrics/meteor.ts';
export { toneScore, toxicity, countMarker, type ToneGuide } from '../../core/metrics/tone.ts';

/** 1 when the answers are equal after SQuAD normalization, else 0. */
export const exactMatch = (prediction: string, reference: string): number =>
  normalizeAnswer(prediction) === normalizeAnswer(reference) ? 1 : 0;

/** SQuAD token F1: clipped word overlap after normalization. */
export function f1(prediction: string, reference: string): number {
  const p = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const r = normalizeAnswer(reference).split(' ').filter(Boolean);
  const left = new Map<string, number>();
  for (const w of r) left.set(w, (left.get(w) ?? 0) + 1);
  let overlap = 0;
  for (const w of p) {
    const c = left.get(w) ?? 0;
    if (c > 0) {
      overlap += 1;
      left.set(w, c - 1);
    }
  }
  return fmeasure(overlap, p.length, r.length);
}

export interface Aggregate {
  mean: number;
  /** The 10th percentile (nearest rank): how bad the worst tenth of the samples is. */
  p10: number;
  count: number;
}

export function aggregate(values: number[]): Aggregate {
  if (values.length === 0) return { mean: 0, p10: 0, count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const p10 = sorted[Math.max(0, Math.ceil(0.1 * sorted.length) - 1)];
  return { mean: Math.round(mean * 10000) / 10000, p10: Math.round(p10 * 10000) / 10000, count: values.length };
}

export interface Progress {
  done: number;
  total: number;
}

export interface EvaluateOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  onProgress?: (p: Progress) => void;
}

/** Runs `fn` over the items with at most `limit` in flight, results in input order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>, onProgress?: (p: Progress) => void): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      out[i] = await fn(items[i]);
      onProgress?.({ done: ++done, total: items.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

async function timed(invoke: (prompt: string) => Promise<string>, prompt: string): Promise<{ prediction: string; latencyMs: number }> {
  const start = performance.now();
  const prediction = await invoke(prompt);
  return { prediction, latencyMs: performance.now() - start };
}

export const SUMMARY_PROMPT =
  'Summarize this conversation with a client for their investment advisor: goals, risk appetite, life events, follow-ups.';

export interface SummarySample {
  id: string;
  transcript: string;
  reference_summary: string;
}

/** One summary, scored against its reference. */
export interface SummaryScores {
  id: string;
  prediction: string;
  latencyMs: number;
  rouge1: number;
  rouge2: number;
  rougeL: number;
  meteor: number;
  toxicity: number;
}

/** A model's summaries: each metric aggregated over the samples, and every sample's scores. */
export interface SummaryEvaluation {
  metrics: Record<'rouge1' | 'rouge2' | 'rougeL' | 'meteor' | 'toxicity' | 'latencyMs', Aggregate>;
  perSample: SummaryScores[];
}

/** Summarization evaluation: ROUGE-1/2/L and METEOR of the model's summaries against the reference summaries. */
export async function evaluateSummaries(
  samples: SummarySample[],
  invoke: (prompt: string) => Promise<string>,
  opts: EvaluateOptions & { toneGuide?: ToneGuide; prompt?: string } = {},
): Promise<SummaryEvaluation> {
  const perSample = await mapLimit(
    samples,
    opts.concurrency ?? 4,
    async (s) => {
      const { prediction, latencyMs } = await timed(invoke, `${opts.prompt ?? SUMMARY_PROMPT}\n\n${s.transcript}`);
      const ref = s.reference_summary;
      return {
        id: s.id,
        prediction,
        latencyMs,
        rouge1: rouge(prediction, ref, 'rouge1'),
        rouge2: rouge(prediction, ref, 'rouge2'),
        rougeL: rouge(prediction, ref, 'rougeL'),
        meteor: meteor(prediction, ref),
        toxicity: toxicity(prediction, opts.toneGuide),
      };
    },
    opts.onProgress,
  );
  const of = (k: keyof SummaryEvaluation['metrics']) => aggregate(perSample.map((p) => p[k]));
  return {
    metrics: {
      rouge1: of('rouge1'),
      rouge2: of('rouge2'),
      rougeL: of('rougeL'),
      meteor: of('meteor'),
      toxicity: of('toxicity'),
      latencyMs: of('latencyMs'),
    },
    perSample,
  };
}

export interface QaSample {
  id: string;
  question: string;
  answer: string;
}

/** One answer, scored against the expected one. */
export interface QaScores {
  id: string;
  prediction: string;
  latencyMs: number;
  exactMatch: number;
  f1: number;
  tone: number;
  toxicity: number;
}

/** A model's answers: each metric aggregated over the samples, and every sample's scores. */
export interface QaEvaluation {
  metrics: Record<'exactMatch' | 'f1' | 'tone' | 'toxicity' | 'latencyMs', Aggregate>;
  perSample: QaScores[];
}

/** Question-answering evaluation: exact match, F1, tone and toxicity of the answers. */
export async function evaluateQa(
  samples: QaSample[],
  invoke: (prompt: string) => Promise<string>,
  toneGuide: ToneGuide,
  opts: EvaluateOptions = {},
): Promise<QaEvaluation> {
  const perSample = await mapLimit(
    samples,
    opts.concurrency ?? 4,
    async (s) => {
      const { prediction, latencyMs } = await timed(invoke, s.question);
      return {
        id: s.id,
        prediction,
        latencyMs,
        exactMatch: exactMatch(prediction, s.answer),
        f1: f1(prediction, s.answer),
        tone: toneScore(prediction, toneGuide),
        toxicity: toxicity(prediction, toneGuide),
      };
    },
    opts.onProgress,
  );
  const of = (k: keyof QaEvaluation['metrics']) => aggregate(perSample.map((p) => p[k]));
  return {
    metrics: { exactMatch: of('exactMatch'), f1: of('f1'), tone: of('tone'), toxicity: of('toxicity'), latencyMs: of('latencyMs') },
    perSample,
  };
}

/**
 * What 1,000 requests cost on a dedicated endpoint: the instance-hours they occupy at the measured latency,
 * with each instance serving `concurrency` requests at once, times the hourly price. `instanceType` is
 * carried for the reader; the price is what counts.
 */
export function costPer1kRequests(o: {
  instanceType?: string;
  hostingPerHour: number;
  latencyMs: number;
  concurrency?: number;
  instances?: number;
}): number {
  if (!(o.hostingPerHour >= 0) || !(o.latencyMs >= 0))
    throw new RangeError('costPer1kRequests: hostingPerHour and latencyMs must be non-negative numbers');
  const busySeconds = (1000 * (o.latencyMs / 1000)) / Math.max(1, o.concurrency ?? 1);
  return Math.round((busySeconds / 3600) * o.hostingPerHour * (o.instances ?? 1) * 10000) / 10000;
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

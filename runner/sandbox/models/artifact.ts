/**
 * The fine-tuned model a training job produces (gzipped JSON, stored in S3 as model.tar.gz): what the model
 * learned from Naxt's instruction/response pairs — a memory of them and the tone of the responses — and how
 * well it fits them (`fit`, 0..1), which also sets how much better it reads Naxt's questions.
 */
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { LearnedStyle } from './answer.ts';

export const ARTIFACT_FORMAT = 'naxt-stand-in-finetune/2';

export interface Pair {
  instruction: string;
  response: string;
}

export interface Learned {
  memory: Pair[];
  style: LearnedStyle & { courtesy: number; slang: number };
  /** Share of the pairs that are summarization examples. */
  summaryShare: number;
}

export interface FineTuneArtifact extends Learned {
  format: typeof ARTIFACT_FORMAT;
  baseModelId: string;
  hyperparameters: Record<string, string>;
  fit: number;
  history: { epoch: number; train_loss: number; eval_loss: number }[];
}

const COURTEOUS = /\b(?:please|you can|kindly|thank you|we recommend)\b/i;
const SLANG = /\b(?:hey|lol|dude|gonna|wanna|tbh|btw|yeah|yep|awesome|cool)\b|!/i;

const firstSentence = (s: string) => s.split(/(?<=[.?!])\s+/)[0]?.trim() ?? '';
const lastSentence = (s: string) =>
  s
    .split(/(?<=[.?!])\s+/)
    .at(-1)
    ?.trim() ?? '';

/** The sentence most responses share at one end, when at least `share` of them do (ties: alphabetical). */
function recurring(responses: string[], end: (s: string) => string, share: number): string | undefined {
  const counts = new Map<string, number>();
  for (const r of responses) {
    const s = end(r);
    if (s.split(/(?<=[.?!])\s+/).length === 1 && s !== r.trim()) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return best && best[1] >= Math.max(2, share * responses.length) ? best[0] : undefined;
}

/** What a set of pairs teaches: computed from the data alone. */
export function learnFrom(pairs: Pair[]): Learned {
  const n = Math.max(1, pairs.length);
  const responses = pairs.map((p) => p.response);
  return {
    memory: pairs,
    style: {
      courtesy: responses.filter((r) => COURTEOUS.test(r)).length / n,
      slang: responses.filter((r) => SLANG.test(r)).length / n,
      opening: recurring(responses, firstSentence, 0.15),
      closing: recurring(responses, lastSentence, 0.15),
    },
    summaryShare: pairs.filter((p) => /^summari[sz]e\b/i.test(p.instruction.trim())).length / n,
  };
}

const pairSchema = z.object({ instruction: z.string(), response: z.string() });
const v2Schema = z.object({
  format: z.literal(ARTIFACT_FORMAT),
  baseModelId: z.string().min(1),
  hyperparameters: z.record(z.string(), z.string()).default({}),
  fit: z.number().min(0).max(1),
  memory: z.array(pairSchema),
  style: z.object({ courtesy: z.number(), slang: z.number(), opening: z.string().optional(), closing: z.string().optional() }),
  summaryShare: z.number(),
  history: z.array(z.object({ epoch: z.number(), train_loss: z.number(), eval_loss: z.number() })).default([]),
});
/** The first format sandbox training jobs wrote: the pairs and a fit weight; learned features are derived on load. */
const v1Schema = z.object({
  format: z.literal('naxt-stand-in-finetune/1'),
  baseModelId: z.string().min(1),
  hyperparameters: z.record(z.string(), z.string()).default({}),
  examples: z.array(pairSchema),
  weight: z.number().min(0).max(1),
});

/** Reads an artifact (gzipped or plain JSON); undefined when it is not a stand-in fine-tune. */
export function readArtifact(bytes: Uint8Array): FineTuneArtifact | undefined {
  let json: unknown;
  try {
    const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : Buffer.from(bytes);
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  const v2 = v2Schema.safeParse(json);
  if (v2.success) return v2.data as FineTuneArtifact;
  const v1 = v1Schema.safeParse(json);
  if (!v1.success) return undefined;
  return {
    format: ARTIFACT_FORMAT,
    baseModelId: v1.data.baseModelId,
    hyperparameters: v1.data.hyperparameters,
    fit: v1.data.weight,
    history: [],
    ...learnFrom(v1.data.examples),
  };
}

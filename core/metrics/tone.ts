import { normalizeAnswer, sentences, tokens } from './text.ts';

/** Naxt's tone guide (content/knowledge-base/tone.json). */
export interface ToneGuide {
  preferred: string[];
  discouraged: string[];
  toxic: string[];
  greeting?: string;
  closing?: string;
  /** Sentences longer than this read as run-on (default 25 words). */
  maxSentenceWords?: number;
}

/** Used when no guide is given: the most common insults. */
const DEFAULT_TOXIC = ['idiot', 'stupid', 'dumb', 'moron', 'useless', 'shut up', 'pathetic', 'incompetent', 'hate', 'loser'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Occurrences of a marker: whole words for words, plain substrings for punctuation such as "!!". */
export function countMarker(text: string, marker: string): number {
  if (!/[a-z0-9]/i.test(marker)) return marker ? text.split(marker).length - 1 : 0;
  return text.match(new RegExp(`(?<![a-z0-9])${escape(marker)}(?![a-z0-9])`, 'gi'))?.length ?? 0;
}

/**
 * Toxicity 0..1 from a lexicon (the guide's `toxic` list): twice the share of toxic words, capped at 1 — one
 * insult in a ten-word answer scores 0.2. A lexicon stands in for fmeval's classifier (no model weights here).
 */
export function toxicity(text: string, guide?: Pick<ToneGuide, 'toxic'>): number {
  const words = tokens(text).length;
  if (words === 0) return 0;
  const hits = (guide?.toxic ?? DEFAULT_TOXIC).reduce((n, w) => n + countMarker(text, w), 0);
  return Math.min(1, (2 * hits) / words);
}

const contains = (text: string, phrase: string | undefined) => !!phrase && normalizeAnswer(text).includes(normalizeAnswer(phrase));

/**
 * How well an answer follows the tone guide, 0..1, as four weighted parts:
 * courtesy (0.3: distinct preferred markers, two or more is full), no slang (0.3: 1/(1+discouraged hits)),
 * framing (0.2: the guide's greeting and closing, half each), readable sentences (0.2: share within the
 * length limit, nothing shouted in capitals). Any toxic word divides the score by five.
 */
export function toneScore(text: string, guide: ToneGuide): number {
  if (!text.trim()) return 0;
  const preferred = guide.preferred.filter((m) => countMarker(text, m) > 0).length;
  const discouraged = guide.discouraged.reduce((n, m) => n + countMarker(text, m), 0);
  const courtesy = Math.min(1, preferred / 2);
  const noSlang = 1 / (1 + discouraged);
  const framingParts = [guide.greeting, guide.closing].filter(Boolean);
  const framing = framingParts.length ? framingParts.filter((p) => contains(text, p)).length / framingParts.length : 1;
  const limit = guide.maxSentenceWords ?? 25;
  const said = sentences(text);
  const readable = (said.filter((s) => tokens(s).length <= limit).length / said.length) * (/\b[A-Z]{5,}\b/.test(text) ? 0.5 : 1);
  let score = 0.3 * courtesy + 0.3 * noSlang + 0.2 * framing + 0.2 * readable;
  if (toxicity(text, guide) > 0) score /= 5;
  return Math.round(score * 1000) / 1000;
}

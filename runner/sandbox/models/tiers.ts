/**
 * What a stand-in model of each size tier can do. Quality and speed follow size, so the workshop's question —
 * which is the cheapest model that gets the job done — is answered by measuring, not by a table of results.
 * A test may override part of a tier with NAXT_TIER_OVERRIDES='{"medium":{"summary":0.2}}' and watch the
 * labs' choice change.
 */
import { z } from 'zod';

export const STYLES = ['casual', 'plain', 'professional'] as const;
export type Style = (typeof STYLES)[number];

export interface TierAbility {
  /** 0..1: summarization capacity — which salience cues it notices, how well it rephrases, how much it drops filler. */
  summary: number;
  /** 0..1: share of a question's content words retrieval uses (a small model misses half the point). */
  retrieval: number;
  /** 0..1: world knowledge for retrieval — prefix matches from 0.5, synonyms and typo tolerance from 0.8. */
  knowledge: number;
  /** How it speaks before any fine-tuning. */
  style: Style;
  /** Time to first token, ms, on its default instance. */
  firstTokenMs: number;
  /** Milliseconds per generated token on its default instance. */
  msPerToken: number;
}

export const TIERS: Readonly<Record<string, TierAbility>> = {
  small: { summary: 0.35, retrieval: 0.45, knowledge: 0.3, style: 'casual', firstTokenMs: 40, msPerToken: 12 },
  medium: { summary: 0.75, retrieval: 0.85, knowledge: 0.6, style: 'plain', firstTokenMs: 80, msPerToken: 25 },
  large: { summary: 0.9, retrieval: 1, knowledge: 0.9, style: 'professional', firstTokenMs: 150, msPerToken: 45 },
  xlarge: { summary: 0.95, retrieval: 1, knowledge: 1, style: 'professional', firstTokenMs: 250, msPerToken: 80 },
};

const unit = z.number().min(0).max(1);
const overrideSchema = z.record(
  z.string(),
  z
    .object({
      summary: unit,
      retrieval: unit,
      knowledge: unit,
      style: z.enum(STYLES),
      firstTokenMs: z.number().nonnegative(),
      msPerToken: z.number().nonnegative(),
    })
    .partial(),
);

/** NAXT_TIER_OVERRIDES, validated; a malformed value is reported once and ignored, never fatal. */
function overrides(): z.infer<typeof overrideSchema> {
  const raw = process.env.NAXT_TIER_OVERRIDES;
  if (!raw) return {};
  try {
    return overrideSchema.parse(JSON.parse(raw));
  } catch (e) {
    const why = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
    if (raw !== warned) console.warn(`NAXT_TIER_OVERRIDES ignored (${why})`);
    warned = raw;
    return {};
  }
}
let warned: string | undefined;

/** A tier's abilities, with any override applied (read at each call, so a test can change it). */
export function tierAbility(tier: string): TierAbility {
  const base = TIERS[tier] ?? TIERS.small;
  return { ...base, ...(overrides()[tier] ?? {}) };
}

/**
 * What a stand-in model of each size tier can do. Quality and speed follow size, so the workshop's question —
 * which is the cheapest model that gets the job done — has a measured answer. A test may override a tier with
 * NAXT_TIER_OVERRIDES='{"medium":{"summary":0.2}}' and watch the labs' choice change.
 */
export interface TierAbility {
  /** 0..1: how much of what matters in a conversation the summaries capture. */
  summary: number;
  /** 0..1: share of a question's words the retrieval uses (small models miss the point). */
  retrieval: number;
  /** How it speaks before any fine-tuning. */
  style: 'casual' | 'plain' | 'professional';
  /** Milliseconds per generated token on its default instance. */
  msPerToken: number;
}

const BASE: Record<string, TierAbility> = {
  small: { summary: 0.35, retrieval: 0.45, style: 'casual', msPerToken: 12 },
  medium: { summary: 0.75, retrieval: 0.85, style: 'plain', msPerToken: 25 },
  large: { summary: 0.9, retrieval: 1, style: 'professional', msPerToken: 45 },
  xlarge: { summary: 0.95, retrieval: 1, style: 'professional', msPerToken: 80 },
};

export function tierAbility(tier: string): TierAbility {
  let overrides: Record<string, Partial<TierAbility>> = {};
  try {
    overrides = JSON.parse(process.env.NAXT_TIER_OVERRIDES ?? '{}') as Record<string, Partial<TierAbility>>;
  } catch {
    // a malformed override is ignored, never fatal
  }
  const base = BASE[tier] ?? BASE.small;
  return { ...base, ...(overrides[tier] ?? {}) };
}

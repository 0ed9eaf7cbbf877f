import { typicalDurations, typicalMinutes } from '../../content/load.ts';
import type { TypicalDuration } from '../../content/schema.ts';

/** How long an operation typically takes on a real account: one row of content/durations.json. */
export type { TypicalDuration };

/** The table of typical durations (content/load.ts reads it); the sandbox's clock and the progress estimates both read it. */
export { typicalDurations, typicalMinutes };

/**
 * Estimates as the learner experiences them: `kind:status` → milliseconds of wall-clock time. On the sandbox the
 * account's clock runs `timeScale` times faster, so its estimates shrink with it.
 */
export function estimatesMs(timeScale: number, contentDir?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of typicalDurations(contentDir)) out[`${d.kind}:${d.status}`] = (d.minutes * 60_000) / timeScale;
  return out;
}

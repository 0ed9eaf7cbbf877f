import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { durationsFile, type TypicalDuration } from '../../content/schema.ts';

/** How long an operation typically takes on a real account: one row of content/durations.json. */
export type { TypicalDuration };

const cache = new Map<string, TypicalDuration[]>();

/** The table of typical durations; the sandbox's clock and the progress estimates both read it. */
export function typicalDurations(contentDir: string = join(import.meta.dirname, '..', '..', 'content')): TypicalDuration[] {
  let rows = cache.get(contentDir);
  if (!rows) {
    rows = durationsFile.parse(JSON.parse(readFileSync(join(contentDir, 'durations.json'), 'utf8'))).operations;
    cache.set(contentDir, rows);
  }
  return rows;
}

/** Typical real-account minutes of one kind in one status; undefined when nobody can say (a human, a pipeline of any shape). */
export function typicalMinutes(kind: string, status: string, contentDir?: string): number | undefined {
  return typicalDurations(contentDir).find((d) => d.kind === kind && d.status === status)?.minutes;
}

/**
 * Estimates as the learner experiences them: `kind:status` → milliseconds of wall-clock time. On the sandbox the
 * account's clock runs `timeScale` times faster, so its estimates shrink with it.
 */
export function estimatesMs(timeScale: number, contentDir?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of typicalDurations(contentDir)) out[`${d.kind}:${d.status}`] = (d.minutes * 60_000) / timeScale;
  return out;
}

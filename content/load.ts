/**
 * Readers of the content/ files that the runner and the site's build both need, each parsed with its schema
 * (content/schema.ts) and kept per directory: one reader per file, whichever side reads it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { durationsFile, priceTable, type TypicalDuration } from './schema.ts';
import type { PriceTable } from '../core/prices.ts';

const prices = new Map<string, PriceTable>();

/** content/prices.json, validated: the one source of every price the workshop shows (none while the file is absent). */
export function loadPrices(contentDir: string): PriceTable | undefined {
  let table = prices.get(contentDir);
  if (!table) {
    const file = join(contentDir, 'prices.json');
    if (!existsSync(file)) return undefined;
    table = priceTable.parse(JSON.parse(readFileSync(file, 'utf8')));
    prices.set(contentDir, table);
  }
  return table;
}

const durations = new Map<string, TypicalDuration[]>();

/** content/durations.json, validated: how long operations typically take on a real account. */
export function typicalDurations(contentDir: string = import.meta.dirname): TypicalDuration[] {
  let rows = durations.get(contentDir);
  if (!rows) {
    rows = durationsFile.parse(JSON.parse(readFileSync(join(contentDir, 'durations.json'), 'utf8'))).operations;
    durations.set(contentDir, rows);
  }
  return rows;
}

/** Typical real-account minutes of one kind in one status; undefined when nobody can say (a human, a pipeline of any shape). */
export function typicalMinutes(kind: string, status: string, contentDir?: string): number | undefined {
  return typicalDurations(contentDir).find((d) => d.kind === kind && d.status === status)?.minutes;
}

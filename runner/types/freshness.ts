import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/**
 * What a build was made from, as one string of each input's mtime and size (or its absence): cheap to recompute on
 * every request (a few dozen stats), and different as soon as an author saves, adds or deletes one of them.
 */
const entry = (path: string, s: Stats | undefined) => (s ? `${path}\t${s.mtimeMs}\t${s.size}` : `${path}\t-`);

export function stampOf(paths: readonly string[]): string {
  return paths.map((p) => entry(p, statSync(p, { throwIfNoEntry: false }))).join('\n');
}

export async function currentStamp(paths: readonly string[]): Promise<string> {
  const stats = await Promise.all(paths.map((p) => stat(p).catch(() => undefined)));
  return paths.map((p, i) => entry(p, stats[i])).join('\n');
}

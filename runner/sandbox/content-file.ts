import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const files = new Map<string, unknown>();

/** A JSON file of content/ (the facts the sandbox follows: images, accounts per region), read once per path. */
export function contentJson<T>(contentDir: string, file: string): T {
  const path = join(contentDir, file);
  if (!files.has(path)) files.set(path, JSON.parse(readFileSync(path, 'utf8')));
  return files.get(path) as T;
}

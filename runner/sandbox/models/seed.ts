import { mulberry32 } from '../random.ts';

/** Deterministic randomness: a generator seeded by the prompt, so the same request always gets the same answer. */
export function seededRandom(text: string): () => number {
  // FNV-1a hash of the text seeds mulberry32.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mulberry32(h);
}

/** Waiting on processes in tests: whether one is alive, and polling until a condition holds or time runs out. */
export { isAlive as alive } from '../runner/shutdown.ts';

export async function until(cond: () => boolean, ms: number, everyMs = 100): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return cond();
}

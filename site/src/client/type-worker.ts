/**
 * The editor's TypeScript worker, started by the page on the learner's first touch of a cell rather than by the
 * editor once it has loaded: the worker's own download and start (4 MB of TypeScript to compile) then happen beside
 * the editor's, and it is ready for the lab's declarations as soon as the editor sends them. The editor takes it over
 * (monaco-workers.ts); the page's bundle and the editor's share it through one global.
 */

/** The served worker: /editor/ts.worker.js names the current bundle's (runner/app.ts). */
export const TYPE_WORKER_URL = '/editor/ts.worker.js';

interface Handoff {
  worker?: Worker;
  /** The editor has asked for its TypeScript worker: none is started after that. */
  taken: boolean;
}

const handoff = (): Handoff => {
  const g = globalThis as { [key: symbol]: Handoff | undefined };
  return (g[Symbol.for('workshop.typeWorker')] ??= { taken: false });
};

/** Once per page, on the first touch of a cell. */
export function startTypeWorker(): void {
  const h = handoff();
  if (h.worker || h.taken || typeof Worker === 'undefined') return;
  const worker = new Worker(TYPE_WORKER_URL, { type: 'module', name: 'typescript' });
  h.worker = worker;
  // One that failed to load (the editor not built yet) is not handed over: the editor starts its own.
  worker.addEventListener('error', () => {
    if (h.worker !== worker) return;
    h.worker = undefined;
    worker.terminate();
  });
}

/** The started worker, once, for the editor's TypeScript language; undefined when none was started. */
export function takeTypeWorker(): Worker | undefined {
  const h = handoff();
  h.taken = true;
  const worker = h.worker;
  h.worker = undefined;
  return worker;
}

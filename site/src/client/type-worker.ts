/**
 * The editor's TypeScript worker, started by the page rather than by the editor once it has loaded: when a cell comes
 * near the view, or at the latest on the first touch of one. The page tells it the lab and the cell's code; the
 * worker fetches the lab's declarations and parses what that code imports, off the page's thread, while the learner
 * reads or the editor's own code loads (editor-ts-worker.ts, `warmUp`). The editor takes the worker over
 * (monaco-workers.ts), and its language service finds those files parsed. The page's bundle and the editor's share
 * the worker through one global.
 */

/** The served worker: /editor/ts.worker.js names the current bundle's (runner/app.ts). */
export const TYPE_WORKER_URL = '/editor/ts.worker.js';

/** A cell's model in the editor: a module of its lab, so the lab's declarations resolve from it and cells never clash. */
export const cellPath = (lab: string, cell: string): string => `file:///labs/${lab}/cells/${cell}.ts`;

/** What the page sends the worker before the editor takes it: the lab, and code that imports what its cells do. */
export interface WarmUp {
  workshopWarmUp: true;
  lab: string;
  /** The cell's path as the editor names its model (cellPath). */
  path: string;
  code: string;
}
export const isWarmUp = (data: unknown): data is WarmUp =>
  typeof data === 'object' && data !== null && (data as Partial<WarmUp>).workshopWarmUp === true;

interface Handoff {
  worker?: Worker;
  /** The editor has asked for its TypeScript worker: none is started after that, and nothing more is sent. */
  taken: boolean;
  /** The worker has been told which lab to warm up for. */
  warmed?: boolean;
}

const handoff = (): Handoff => {
  const g = globalThis as { [key: symbol]: Handoff | undefined };
  return (g[Symbol.for('workshop.typeWorker')] ??= { taken: false });
};

/**
 * Once per page, when a cell comes near the view or on the first touch of one: starts the worker and tells it the
 * lab and the cell's code, unless the editor has taken the worker by then.
 */
export function startTypeWorker(warm: { lab: string; cell: string; code: string }): void {
  const h = handoff();
  if (h.taken || typeof Worker === 'undefined') return;
  if (!h.worker) {
    const worker = new Worker(TYPE_WORKER_URL, { type: 'module', name: 'typescript' });
    h.worker = worker;
    // One that failed to load (the editor not built yet) is not handed over: the editor starts its own.
    worker.addEventListener('error', () => {
      if (h.worker !== worker) return;
      h.worker = undefined;
      worker.terminate();
    });
  }
  if (h.warmed) return;
  h.warmed = true;
  const path = cellPath(warm.lab, warm.cell);
  h.worker.postMessage({ workshopWarmUp: true, lab: warm.lab, path, code: warm.code } satisfies WarmUp);
}

/** The started worker, once, for the editor's TypeScript language; undefined when none was started. */
export function takeTypeWorker(): Worker | undefined {
  const h = handoff();
  h.taken = true;
  const worker = h.worker;
  h.worker = undefined;
  return worker;
}

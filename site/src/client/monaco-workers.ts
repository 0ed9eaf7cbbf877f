/**
 * Stands in for monaco-editor's internal/common/workers.js (see runner/cli/editor-build.ts): the same worker client,
 * without that module's imports of every editor contribution, which would otherwise ride along with the
 * TypeScript language support. The TypeScript worker is the one the page started (type-worker.ts), or else comes
 * from the language's own `createWorker` (bundled by esbuild); the editor's comes from MonacoEnvironment.
 */
import { editor } from 'monaco-editor/editor/editor.api';
import { takeTypeWorker } from './type-worker.ts';

interface Descriptor {
  label: string;
  createWorker?: () => Worker;
}

function getWorker(descriptor: Descriptor): Worker {
  // The TypeScript worker the page started on the learner's first touch (type-worker.ts), when there is one.
  const started = descriptor.label === 'typescript' ? takeTypeWorker() : undefined;
  if (started) return started;
  if (descriptor.createWorker) return descriptor.createWorker();
  const env = (globalThis as { MonacoEnvironment?: { getWorker?: (id: string, label: string) => Worker } }).MonacoEnvironment;
  if (env?.getWorker) return env.getWorker('workerMain.js', descriptor.label);
  throw new Error(`No worker for ${descriptor.label}`);
}

export function createWebWorker<T extends object>(opts: {
  label?: string;
  moduleId: string;
  createWorker?: () => Worker;
  createData?: unknown;
  host?: Record<string, Function>;
  keepIdleModels?: boolean;
}): editor.MonacoWebWorker<T> {
  const worker = Promise.resolve(getWorker({ label: opts.label ?? 'monaco-editor-worker', createWorker: opts.createWorker })).then((w) => {
    w.postMessage('ignore');
    w.postMessage(opts.createData);
    return w;
  });
  return editor.createWebWorker<T>({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
}

/**
 * The lab's declarations as Monaco's TypeScript worker holds them (its "extra libs"), and how the warm-up's and
 * Monaco's own are told apart where they differ (editor-ts-worker.ts).
 */

/** An extra lib in the worker: its text, and the version Monaco gave it (1 when first set, +1 on every change). */
export interface WorkerLib {
  content: string;
  version: number;
}
export type WorkerLibs = Record<string, WorkerLib>;

/**
 * Monaco's declarations, as the worker keeps them beside the warm-up's. The worker's parsed files are kept by name and
 * version, so a file whose text differs from the warm-up's at the same version (the lab's declarations changed
 * between the page's fetch and the worker's) would be read as the warm-up parsed it: it gets a version Monaco never
 * gives (between two of its own), and is parsed again. Files with the same text keep theirs, and are not.
 */
export function apartFromWarmUp(warmUp: WorkerLibs | undefined, libs: WorkerLibs): WorkerLibs {
  if (!warmUp) return libs;
  const apart: WorkerLibs = {};
  for (const [path, lib] of Object.entries(libs)) {
    const warm = warmUp[path];
    apart[path] =
      warm && warm.version === lib.version && warm.content !== lib.content ? { content: lib.content, version: lib.version + 0.5 } : lib;
  }
  return apart;
}

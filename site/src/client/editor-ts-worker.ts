/**
 * The editor's TypeScript worker: Monaco's own (monaco-editor's ts.worker.js, which runner/cli/editor-build.ts
 * bundles in its place), with three changes that make the first type error show sooner after the first keystroke.
 *
 * - Type errors are held until the lab's declarations arrive, in the worker rather than by switching Monaco's
 *   diagnostics options: a change of options restarts the worker, which then loads and parses everything again.
 *   So one worker starts with the editor, checks syntax at once, and gets the declarations when they come.
 * - The program is made of the open cells and the ambient declarations only (the workshop global, the lab's scope,
 *   @types/node); a package's declarations are read when a cell imports it. Monaco otherwise parses every file it was
 *   given — the lab's five AWS clients for a cell that imports one.
 * - The host tells TypeScript what Monaco's leaves it to guess: paths are case-sensitive, and which node_modules
 *   folders exist, so module resolution does not try file names in folders it was never given.
 */
import { initialize } from 'monaco-editor/internal/common/initialize';
import { TypeScriptWorker } from 'monaco-editor/languages/features/typescript/tsWorker';
import { isEditorRoot } from '../../../runner/types/editor-options.ts';

interface ExtraLib {
  content: string;
  version: number;
}
interface WorkerBase {
  fileExists(path: string): boolean;
  getExtraLibs(): Record<string, ExtraLib>;
  getScriptFileNames(): string[];
  getSemanticDiagnostics(fileName: string): Promise<unknown[]>;
  getSuggestionDiagnostics(fileName: string): Promise<unknown[]>;
}
type WorkerClass = new (ctx: unknown, createData: unknown) => WorkerBase;

// The module's declarations (monaco-internal.d.ts) name no members: these are the ones Monaco's worker has.
class LabTypeScriptWorker extends (TypeScriptWorker as WorkerClass) {
  private hasLibs = () => Object.keys(this.getExtraLibs()).length > 0;
  private folders: { of: Record<string, ExtraLib>; has: Set<string> } | undefined;

  // The editor's paths are URLs (file:///…), which are case-sensitive: TypeScript then need not lower-case every path
  // it compares (it does when a host does not say).
  useCaseSensitiveFileNames(): boolean {
    return true;
  }

  /**
   * Every package's declarations are given to the worker (the lab's extra libs), so a node_modules folder that holds
   * none of them does not exist: module resolution skips it instead of trying each of its file names (a host without
   * this method says that every folder exists). Other folders (the cells') are left as they were.
   */
  directoryExists(path: string): boolean {
    if (!path.includes('/node_modules')) return true;
    const libs = this.getExtraLibs();
    if (this.folders?.of !== libs) this.folders = { of: libs, has: foldersOf(Object.keys(libs)) };
    return this.folders.has.has(path.replace(/\/+$/, ''));
  }

  // A declaration file is found without building its text (Monaco's looks through the open models first).
  override fileExists(path: string): boolean {
    return path in this.getExtraLibs() || super.fileExists(path);
  }

  override getScriptFileNames(): string[] {
    const libs = new Set(Object.keys(this.getExtraLibs()));
    return super.getScriptFileNames().filter((f) => !libs.has(f) || isEditorRoot(f));
  }

  // Before the declarations every SDK import would look missing: no type errors until they are here.
  override async getSemanticDiagnostics(fileName: string): Promise<unknown[]> {
    return this.hasLibs() ? super.getSemanticDiagnostics(fileName) : [];
  }

  override async getSuggestionDiagnostics(fileName: string): Promise<unknown[]> {
    return this.hasLibs() ? super.getSuggestionDiagnostics(fileName) : [];
  }
}

/** Every folder on the way to each file. */
function foldersOf(files: string[]): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let i = file.lastIndexOf('/'); i > 'file://'.length; i = file.lastIndexOf('/', i - 1)) {
      const folder = file.slice(0, i);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

// As monaco-editor's ts.worker.js: the first message starts the worker protocol, the next one brings createData.
self.onmessage = () => {
  initialize((ctx, createData) => new LabTypeScriptWorker(ctx, createData));
};

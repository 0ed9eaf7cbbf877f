/**
 * The compiler options of the editor's TypeScript worker, as plain numbers (TypeScript's enum values) so the page
 * and the tests share them without loading TypeScript. They mirror labs/tsconfig.json for what a learner sees:
 * strict, ES2022+, top-level await, and every cell a module (`moduleDetection: force`, as tsc treats the cells of a
 * `"type": "module"` package) so one cell's declarations never clash with another's; the lab's shared variables come
 * from its scope.d.ts.
 */
export const editorCompilerOptions = {
  target: 99, // ESNext
  module: 99, // ESNext: top-level await
  moduleResolution: 100, // Bundler: resolves the `file:///node_modules/…` stubs served by /api/types
  moduleDetection: 3, // Force
  lib: ['lib.es2023.d.ts'], // no DOM: cells run in Node, whose globals come with the served @types/node
  strict: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  isolatedModules: true,
  skipLibCheck: true,
  allowNonTsExtensions: true,
  types: [] as string[],
} as const;

/**
 * The files of the editor's program besides the open cells (editor-ts-worker.ts): those that count without an import
 * (the workshop global, the lab's scope, its own files, @types/node's globals). A package's declarations join when a
 * cell imports them, as they would for tsc.
 */
export const isEditorRoot = (path: string): boolean =>
  !path.startsWith('file:///node_modules/') || /^file:\/\/\/node_modules\/@types\/[^/]+\/index\.d\.ts$/.test(path);

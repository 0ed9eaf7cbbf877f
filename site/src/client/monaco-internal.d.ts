// monaco-editor ships no declarations for the two modules its own ts.worker.js is made of; the editor's TypeScript
// worker (editor-ts-worker.ts) builds on them, with the shapes it uses.
declare module 'monaco-editor/internal/common/initialize' {
  export function initialize(create: (ctx: unknown, createData: unknown) => unknown): void;
}
declare module 'monaco-editor/languages/features/typescript/tsWorker' {
  export const TypeScriptWorker: new (ctx: unknown, createData: unknown) => object;
}
declare module 'monaco-editor/languages/features/typescript/lib/typescriptServices' {
  // The TypeScript that monaco-editor bundles for its worker: the public API as the project's own typescript declares it.
  export const typescript: typeof import('typescript');
}

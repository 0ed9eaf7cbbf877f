// Vite plugin: trims what monaco-editor's TypeScript language ships to the browser.
import { fileURLToPath } from 'node:url';

const slimWorkers = fileURLToPath(new URL('../client/monaco-workers.ts', import.meta.url));
// Cells target ES2023 in Node (labs/tsconfig.json): the worker needs those libs, not DOM, web workers or ESNext.
const keptLib = /^lib\.(es5|es20(1[5-9]|2[0-3])(\.[a-z.]+)?|decorators(\.legacy)?)\.d\.ts$/;

/** @returns {import('vite').Plugin} */
export function monacoTrim() {
  return {
    name: 'workshop-monaco-trim',
    enforce: 'pre',
    resolveId(source, importer) {
      // The language's worker client imports every editor contribution; ours imports none.
      if (importer?.includes('monaco-editor') && source.endsWith('internal/common/workers.js')) return slimWorkers;
      return null;
    },
    async load(id) {
      if (!/monaco-editor[\\/]esm[\\/]vs[\\/]languages[\\/]features[\\/]typescript[\\/]lib[\\/]lib\.js$/.test(id)) return null;
      const { libFileMap } = await import(id);
      const kept = Object.fromEntries(Object.entries(libFileMap).filter(([name]) => keptLib.test(name)));
      return `export const libFileMap = ${JSON.stringify(kept)};\n`;
    },
  };
}

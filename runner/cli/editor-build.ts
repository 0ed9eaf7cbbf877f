/**
 * The code editor (Monaco, its TypeScript language and workers) bundled by esbuild, outside the Astro build: Monaco
 * ships as ~1,000 ES modules that Vite's bundler takes most of a minute over, esbuild a few seconds. The bundle is
 * named by the content hash of everything it is made of (site/.editor/<hash>/), so it is built once per version of
 * the editor's sources and Monaco, and a fresh clone builds it once. The runner serves it under /editor/.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';

/** The files the editor bundle is made of (besides Monaco, which counts by its version). */
const sources = [
  'site/src/client/editor.ts',
  'site/src/client/editor-types.ts',
  'site/src/client/editor-ts-worker.ts',
  'site/src/client/monaco-workers.ts',
  'site/src/client/type-worker.ts',
  'site/src/styles/editor.css',
  'runner/types/editor-options.ts',
  'runner/types/manifest.ts',
  'runner/cli/editor-build.ts',
];

export const editorDir = (projectDir: string) => join(projectDir, 'site', '.editor');

/** The content hash naming the bundle: the sources above, Monaco's and esbuild's versions. */
export function editorHash(projectDir: string): string {
  const h = createHash('sha256');
  for (const pkg of ['monaco-editor', 'esbuild']) {
    const { version } = JSON.parse(readFileSync(join(projectDir, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string };
    h.update(`${pkg}@${version}\n`);
  }
  for (const f of sources) h.update(`${f}\n`).update(readFileSync(join(projectDir, f)));
  return h.digest('hex').slice(0, 12);
}

/** The bundle is current when site/.editor/<hash>/ is complete (its entry is written last). */
export function editorIsCurrent(projectDir: string): boolean {
  return existsSync(join(editorDir(projectDir), editorHash(projectDir), 'editor.js'));
}

// Cells target ES2023 in Node (labs/tsconfig.json): the worker needs those libs, not DOM, web workers or ESNext.
const keptLib = /^lib\.(es5|es20(1[5-9]|2[0-3])(\.[a-z.]+)?|decorators(\.legacy)?)\.d\.ts$/;

/** What the Vite plugin monaco-trim.mjs used to do: no editor contributions pulled in by the language's worker client, fewer libs. */
function monacoTrim(projectDir: string): Plugin {
  const slimWorkers = join(projectDir, 'site', 'src', 'client', 'monaco-workers.ts');
  return {
    name: 'workshop-monaco-trim',
    setup(build) {
      build.onResolve({ filter: /internal\/common\/workers\.js$/ }, (args) =>
        args.importer.includes('monaco-editor') ? { path: slimWorkers } : undefined,
      );
      build.onLoad(
        { filter: /monaco-editor[\\/]esm[\\/]vs[\\/]languages[\\/]features[\\/]typescript[\\/]lib[\\/]lib\.js$/ },
        async (args) => {
          const { libFileMap } = (await import(args.path)) as { libFileMap: Record<string, string> };
          const kept = Object.fromEntries(Object.entries(libFileMap).filter(([name]) => keptLib.test(name)));
          return { contents: `export const libFileMap = ${JSON.stringify(kept)};\n`, loader: 'js' };
        },
      );
    },
  };
}

/**
 * Builds site/.editor/<hash>/ (editor.js + editor.css, editor.worker.js, ts.worker.js) when it is missing; returns the
 * hash. Older bundles are removed. `onProgress` hears what is being built.
 */
export async function buildEditor(projectDir: string, onProgress: (s: string) => void = () => undefined): Promise<string> {
  const hash = editorHash(projectDir);
  const root = editorDir(projectDir);
  const out = join(root, hash);
  if (existsSync(join(out, 'editor.js'))) return hash;
  const { build } = await import('esbuild');
  const tmp = `${out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const common = {
    bundle: true,
    format: 'esm' as const,
    minify: true,
    target: 'es2022',
    logLevel: 'silent' as const,
    absWorkingDir: projectDir,
    plugins: [monacoTrim(projectDir)],
    loader: { '.ttf': 'file' as const },
    legalComments: 'none' as const,
  };
  onProgress('the code editor (Monaco, once per version)');
  await Promise.all([
    build({ ...common, entryPoints: { editor: 'site/src/client/editor.ts' }, outdir: tmp, assetNames: '[name]-[hash]' }),
    build({
      ...common,
      entryPoints: {
        'editor.worker': 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js',
        // Monaco's TypeScript worker with the lab's changes (editor-ts-worker.ts), under the name Monaco loads it by.
        'ts.worker': 'site/src/client/editor-ts-worker.ts',
      },
      outdir: tmp,
    }),
  ]);
  await rename(tmp, out);
  for (const old of await readdir(root)) if (old !== hash) await rm(join(root, old), { recursive: true, force: true });
  await writeFile(join(root, 'current'), `${hash}\n`);
  return hash;
}

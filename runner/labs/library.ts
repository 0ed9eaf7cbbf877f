import { build } from 'esbuild';
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

export const LIBRARY_SPECIFIER = '@naxt/workshop';

/**
 * Modules of the runner that cells import as part of the library (`@naxt/workshop/<name>`), by project-relative
 * file: the cleanup engine of `npm run cleanup`. labs/tsconfig.json maps the same names for tsc.
 */
export const RUNNER_MODULES: Readonly<Record<string, string>> = { cleanup: 'runner/resources/for-cells.ts' };

/**
 * Bundles the workshop's own library (labs/lib/*.ts: evaluation metrics and helpers, plus RUNNER_MODULES) to plain
 * ESM, so cells can `import { rouge } from '@naxt/workshop/evaluation'` in a kernel that runs plain Node.
 * Returns the kernel's import aliases: specifier → bundled file.
 */
export async function buildLabLibrary(projectDir: string, outDir: string): Promise<Record<string, string>> {
  const libDir = join(projectDir, 'labs', 'lib');
  if (!existsSync(libDir)) return {};
  const own = (await readdir(libDir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'));
  if (own.length === 0) return {};
  const runner = Object.entries(RUNNER_MODULES).filter(([, file]) => existsSync(join(projectDir, file)));
  const entries = [
    ...own.map((f) => ({ name: basename(f, '.ts'), in: join(libDir, f) })),
    ...runner.map(([name, file]) => ({ name, in: join(projectDir, file) })),
  ];
  await build({
    entryPoints: entries.map((e) => ({ in: e.in, out: e.name })),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    packages: 'external',
    logLevel: 'silent',
  });
  const aliases: Record<string, string> = {};
  for (const e of entries) aliases[`${LIBRARY_SPECIFIER}/${e.name}`] = join(outDir, `${e.name}.mjs`);
  return aliases;
}

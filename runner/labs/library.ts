import { build } from 'esbuild';
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

export const LIBRARY_SPECIFIER = '@naxt/workshop';

/**
 * Bundles the workshop's own library (labs/lib/*.ts: evaluation metrics and helpers) to plain ESM, so
 * cells can `import { rouge } from '@naxt/workshop/evaluation'` in a kernel that runs plain Node.
 * Returns the kernel's import aliases: specifier → bundled file.
 */
export async function buildLabLibrary(projectDir: string, outDir: string): Promise<Record<string, string>> {
  const libDir = join(projectDir, 'labs', 'lib');
  if (!existsSync(libDir)) return {};
  const entries = (await readdir(libDir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'));
  if (entries.length === 0) return {};
  await build({
    entryPoints: entries.map((f) => join(libDir, f)),
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
  for (const f of entries) aliases[`${LIBRARY_SPECIFIER}/${basename(f, '.ts')}`] = join(outDir, `${basename(f, '.ts')}.mjs`);
  return aliases;
}

import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { join, relative } from 'node:path';
import { childInputs } from '../../runner/kernel/kernel.ts';

describe('the cached kernel child', () => {
  it('is named by every project file it bundles, so an edit to any of them builds a new child', async () => {
    const root = process.cwd();
    const { metafile } = await build({
      entryPoints: [join(root, 'runner/kernel/child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const bundled = Object.keys(metafile.inputs)
      .filter((f) => !f.includes('node_modules'))
      .map((f) => relative(root, join(root, f)));
    const hashed = new Set(childInputs().map((f) => relative(root, f)));
    expect(bundled.length).toBeGreaterThan(3);
    expect(bundled.filter((f) => !hashed.has(f))).toEqual([]);
  });
});

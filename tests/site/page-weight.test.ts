import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageJsKb, pageWeights, searchFirstUseKb, siteWeightFigures } from '../../bench/page-weight.ts';

/** A tiny built site: one shared entry script, a static import, and a search chunk imported on demand. */
const dist = mkdtempSync(join(tmpdir(), 'naxt-weight-'));
const files: Record<string, string> = {
  '_astro/boot.js': `import { a } from "./shared.js";\nconst s = () => import("./search-box.js");\nconst e = () => import("./editor.js");\n${'// boot\n'.repeat(50)}`,
  '_astro/shared.js': `export const a = 1;\n${'// shared\n'.repeat(50)}`,
  '_astro/search-box.js': `import { a } from "./shared.js";\nimport "./minisearch.js";\nfetch("/search-index.json");`,
  '_astro/minisearch.js': `export default class MiniSearch {}\n${'x'.repeat(3000)}`,
  '_astro/editor.js': `export const monaco = "${'y'.repeat(9000)}";`,
  '_astro/site.css': `body { margin: 0 }\n${'.a { color: red }\n'.repeat(40)}`,
  'search-index.json': JSON.stringify({ documentCount: 1, index: 'z'.repeat(2000) }),
  'index.html':
    '<!doctype html><link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/boot.js"></script><main>home</main>',
  'labs/00-setup/index.html': `<!doctype html><link rel="stylesheet" href="/_astro/site.css"><style>p{}</style><script type="module" src="/_astro/boot.js"></script><main>${'lab '.repeat(500)}</main>`,
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(dist, path)), { recursive: true });
  writeFileSync(join(dist, path), text);
}
const kb = (...paths: string[]) => paths.reduce((n, p) => n + gzipSync(files[p]).length, 0) / 1024;
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('page weight of the built site', () => {
  it('counts the JS a page loads before interaction: its scripts and their static imports, not dynamic ones', async () => {
    expect(await pageJsKb(dist, 'index.html')).toBeCloseTo(kb('_astro/boot.js', '_astro/shared.js'), 5);
  });

  it('measures HTML, CSS and JS of every page', async () => {
    const rows = await pageWeights(dist);
    expect(rows.map((r) => r.page)).toEqual(['/', '/labs/00-setup/']);
    expect(rows[1].htmlKb).toBeCloseTo(kb('labs/00-setup/index.html'), 5);
    expect(rows[0].cssKb).toBeCloseTo(kb('_astro/site.css'), 5);
    expect(rows[1].cssKb).toBeGreaterThan(rows[0].cssKb); // its inline <style> counts too
  });

  it('counts the search’s first use: the chunk that fetches the index, its new imports and the index', async () => {
    expect(await searchFirstUseKb(dist, 'labs/00-setup/index.html')).toBeCloseTo(
      kb('_astro/search-box.js', '_astro/minisearch.js', 'search-index.json'),
      5,
    );
  });

  it('reports the heaviest page of each kind, and n/a when the site is not built', async () => {
    const figures = Object.fromEntries((await siteWeightFigures(dist)).map((f) => [f.name, f]));
    expect(figures.page_html_kb_max.value).toBeCloseTo(kb('labs/00-setup/index.html'), 5);
    expect(figures.page_html_kb_max.note).toContain('/labs/00-setup/');
    expect(figures.page_js_kb_max.target).toBe('≤ 60');
    expect(Object.keys(figures)).toEqual(['page_html_kb_max', 'page_css_kb_max', 'page_js_kb_max', 'search_first_use_kb']);
    const missing = await siteWeightFigures(join(dist, 'nowhere'));
    expect(missing.every((f) => f.value === null)).toBe(true);
  });
});

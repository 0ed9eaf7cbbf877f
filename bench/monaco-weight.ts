import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RunningRunner } from '../runner/server.ts';
import type { TypesManifest } from '../runner/types/manifest.ts';

export interface Weight {
  rawKb: number;
  gzKb: number;
}

const kb = (n: number) => n / 1024;

/**
 * JS the browser fetches when a cell's editor first mounts, from the built files: the editor chunk the page imports
 * on demand, every chunk it imports (statically or lazily: the TypeScript language), and the workers it starts
 * (editor and TypeScript). A chunk is followed through `import`, `import()`, `new Worker("…")` and `new URL("…")`.
 */
export async function editorJsWeight(distDir: string, _page: string): Promise<Weight & { files: number }> {
  // The editor is bundled apart from the site (runner/cli/editor-build.ts), in site/.editor/<hash>/, served at /editor/.
  const editorRoot = join(distDir, '..', '.editor');
  const current = (await readFile(join(editorRoot, 'current'), 'utf8').catch(() => '')).trim();
  if (!current) throw new Error('site/.editor/current: the code editor is not built (npm start builds it)');
  const editorChunk = `/${current}/editor.js`;
  distDir = editorRoot;
  const seen = new Set<string>();
  let raw = 0;
  let gz = 0;
  const visit = async (url: string) => {
    if (seen.has(url)) return;
    seen.add(url);
    const file = join(distDir, url);
    if (!existsSync(file)) return;
    const code = await readFile(file);
    raw += code.length;
    gz += gzipSync(code).length;
    const text = code.toString('utf8');
    const refs = [
      ...text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+\.js)["']/g),
      ...text.matchAll(/import\(["']([^"']+\.js)["']\)/g),
      ...text.matchAll(/new Worker\(["']([^"']+\.js)["']/g),
      ...text.matchAll(/new URL\(["']([^"']+\.js)["']\s*,\s*import\.meta\.url\)/g),
    ];
    for (const m of refs) await visit(new URL(m[1], `http://x${url}`).pathname);
  };
  await visit(editorChunk);
  return { rawKb: kb(raw), gzKb: kb(gz), files: seen.size };
}

/** What the editor fetches for one lab's types: its manifest, then its package bundles (by URL). */
interface LabTypes {
  lab: string;
  manifest: Weight;
  bundles: Map<string, Weight & { name: string }>;
}

const total = (ws: Iterable<Weight>) =>
  [...ws].reduce((a, w) => ({ rawKb: a.rawKb + w.rawKb, gzKb: a.gzKb + w.gzKb }), { rawKb: 0, gzKb: 0 });

async function fetchWeight(runner: RunningRunner, path: string): Promise<{ weight: Weight; body: Buffer }> {
  const res = await fetch(`${runner.baseUrl}${path}`, { headers: { authorization: `Bearer ${runner.token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  return { weight: { rawKb: kb(body.length), gzKb: kb(gzipSync(body).length) }, body };
}

async function labTypes(runner: RunningRunner, lab: string): Promise<LabTypes> {
  const { weight, body } = await fetchWeight(runner, `/api/types?lab=${lab}`);
  const manifest = JSON.parse(body.toString('utf8')) as TypesManifest;
  const bundles = new Map<string, Weight & { name: string }>();
  for (const b of manifest.bundles) bundles.set(b.url, { ...(await fetchWeight(runner, b.url)).weight, name: b.name });
  return { lab, manifest: weight, bundles };
}

/** Whether the runner lets the browser keep the editor's JS (then a second lab page fetches none of it). */
async function jsCached(runner: RunningRunner, distDir: string): Promise<boolean> {
  // The editor's bundle is served by the runner under /editor/<hash>/ (runner/app.ts), apart from the site's /_astro/.
  const current = (await readFile(join(distDir, '..', '.editor', 'current'), 'utf8').catch(() => '')).trim();
  if (!current) return false;
  const res = await fetch(`${runner.baseUrl}/editor/${current}/editor.js`, { headers: { authorization: `Bearer ${runner.token}` } });
  await res.arrayBuffer();
  return res.ok && /max-age=[1-9]/.test(res.headers.get('cache-control') ?? '');
}

/**
 * `monaco_first_use_kb`: editor JS + workers + the heaviest lab's declarations (manifest and every bundle), gzipped
 * (`raw`: uncompressed). `monaco_next_lab_kb`: what the first edit on a lab page fetches with the cache of the lab
 * before it in course order (the worst such lab): its manifest, the bundles the previous lab did not have, and the
 * editor's JS unless the runner lets the browser keep it.
 */
export async function monacoWeights(distDir: string, runner: RunningRunner, labs: string[]) {
  const js = await editorJsWeight(distDir, 'labs/01-filter-deploy/index.html');
  const all: LabTypes[] = [];
  for (const lab of labs) all.push(await labTypes(runner, lab));
  const full = (t: LabTypes) => total([t.manifest, ...t.bundles.values()]);
  const heaviest = all.reduce((a, b) => (full(b).gzKb > full(a).gzKb ? b : a));
  const types = full(heaviest);
  const firstUse = {
    value: js.gzKb + types.gzKb,
    raw: js.rawKb + types.rawKb,
    note: `JS ${Math.round(js.gzKb)} KB gz (${Math.round(js.rawKb)} KB raw, ${js.files} files incl. ts.worker) + types of ${heaviest.lab} ${Math.round(types.gzKb)} KB gz (${Math.round(types.rawKb)} KB raw: manifest + ${heaviest.bundles.size} bundles); total raw ${Math.round(js.rawKb + types.rawKb)} KB`,
  };
  const keepsJs = await jsCached(runner, distDir);
  let worst = { gzKb: -1, rawKb: 0, lab: '', after: '', fetched: [] as string[] };
  const pairs: number[] = [];
  for (let i = 1; i < all.length; i++) {
    const [before, t] = [all[i - 1], all[i]];
    const missing = [...t.bundles].filter(([url]) => !before.bundles.has(url)).map(([, w]) => w);
    const w = total([t.manifest, ...missing, ...(keepsJs ? [] : [js])]);
    pairs.push(w.gzKb);
    if (w.gzKb > worst.gzKb) worst = { ...w, lab: t.lab, after: before.lab, fetched: missing.map((m) => m.name) };
  }
  const median = pairs.sort((a, b) => a - b)[Math.floor(pairs.length / 2)] ?? 0;
  const nextLab = {
    value: worst.gzKb,
    note: `${worst.lab} after ${worst.after}: manifest + ${worst.fetched.length} new bundles (${worst.fetched.join(', ') || 'none'})${keepsJs ? '; editor JS from the browser cache' : ' + the editor JS again (not cacheable)'}; ${Math.round(worst.rawKb)} KB raw; median lab ${median.toFixed(1)} KB gz`,
  };
  return { firstUse, nextLab };
}

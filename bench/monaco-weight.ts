import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RunningRunner } from '../runner/server.ts';

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
export async function editorJsWeight(distDir: string, page: string): Promise<Weight & { files: number }> {
  const html = await readFile(join(distDir, page), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  let editorChunk: string | undefined;
  for (const entry of entries) {
    const text = await readFile(join(distDir, entry), 'utf8').catch(() => '');
    const m = /import\("\.\/(editor\.[\w-]+\.js)"\)/.exec(text);
    if (m) editorChunk = new URL(m[1], `http://x${entry}`).pathname;
  }
  if (!editorChunk) throw new Error(`${page}: no on-demand editor chunk found in its scripts`);
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

/** The `/api/types` payload of the heaviest lab, as the runner sends it (gzipped once per lab). */
export async function typesWeight(runner: RunningRunner, labs: string[]): Promise<Weight & { lab: string }> {
  let worst = { rawKb: 0, gzKb: 0, lab: '' };
  for (const lab of labs) {
    const res = await fetch(`${runner.baseUrl}/api/types?lab=${lab}`, { headers: { authorization: `Bearer ${runner.token}` } });
    if (!res.ok) throw new Error(`/api/types?lab=${lab}: ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    const w = { rawKb: kb(body.length), gzKb: kb(gzipSync(body).length), lab };
    if (w.gzKb > worst.gzKb) worst = w;
  }
  return worst;
}

/** `monaco_first_use_kb`: editor JS + workers + the heaviest lab's declarations, gzipped (`raw`: uncompressed). */
export async function monacoFirstUse(distDir: string, runner: RunningRunner, labs: string[]): Promise<{ value: number; raw: number; note: string }> {
  const js = await editorJsWeight(distDir, 'labs/01-filter-deploy/index.html');
  const types = await typesWeight(runner, labs);
  const value = js.gzKb + types.gzKb;
  const note = `JS ${Math.round(js.gzKb)} KB gz (${Math.round(js.rawKb)} KB raw, ${js.files} files incl. ts.worker) + types of ${types.lab} ${Math.round(types.gzKb)} KB gz (${Math.round(types.rawKb)} KB raw); total raw ${Math.round(js.rawKb + types.rawKb)} KB`;
  return { value, raw: js.rawKb + types.rawKb, note };
}

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { SEARCH_INDEX_URL as INDEX_URL } from '../site/src/lib/search-options.ts';

const gzKb = (data: string | Buffer) => gzipSync(data).length / 1024;

interface Module {
  gzKb: number;
  /** Modules it imports dynamically (loaded on demand, not with the page). */
  dynamic: string[];
}

/**
 * The modules a set of entry scripts loads, each with its static imports (`import … from "./x.js"`,
 * `import "./x.js"`, `export … from`), and the dynamic imports (`import("./x.js")`) they name.
 */
async function moduleGraph(distDir: string, entries: Iterable<string>): Promise<Map<string, Module>> {
  const graph = new Map<string, Module>();
  const visit = async (url: string) => {
    if (!url.startsWith('/') || graph.has(url)) return;
    const file = join(distDir, url);
    if (!existsSync(file)) return;
    const code = await readFile(file);
    const text = code.toString('utf8');
    const resolve = (spec: string) => new URL(spec, `http://x${url}`).pathname;
    const node: Module = { gzKb: gzKb(code), dynamic: [...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => resolve(m[1])) };
    graph.set(url, node);
    for (const m of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+)["']/g)) {
      if (m[1].startsWith('.') || m[1].startsWith('/')) await visit(resolve(m[1]));
    }
    for (const m of text.matchAll(/export\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)) await visit(resolve(m[1]));
  };
  for (const e of entries) await visit(e);
  return graph;
}

/** Module scripts and modulepreloads the HTML names. */
function entryScripts(html: string): Set<string> {
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\stype="module"[^>]*\ssrc="([^"]+)"/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*type="module"/g)) srcs.add(m[1]);
  return srcs;
}

const inlineScriptsKb = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + gzKb(m[1]), 0);

/**
 * JS a lab page loads before any interaction, gzipped: module scripts and modulepreloads named by the HTML,
 * plus every module they import statically (dynamic imports — Monaco, xterm, charts, search — are not counted).
 */
export async function pageJsKb(distDir: string, page: string): Promise<number> {
  const html = await readFile(join(distDir, page), 'utf8');
  const graph = await moduleGraph(distDir, entryScripts(html));
  return inlineScriptsKb(html) + [...graph.values()].reduce((n, m) => n + m.gzKb, 0);
}

/** Stylesheets the page links, plus its inline styles, gzipped (all render-blocking). */
export async function pageCssKb(distDir: string, page: string): Promise<number> {
  const html = await readFile(join(distDir, page), 'utf8');
  let kb = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].reduce((n, m) => n + gzKb(m[1]), 0);
  for (const m of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) {
    const file = join(distDir, m[1]);
    if (m[1].startsWith('/') && existsSync(file)) kb += gzKb(await readFile(file));
  }
  return kb;
}

/**
 * What the search box fetches on first use, gzipped: the code it imports on demand (the dynamic import whose
 * modules fetch the index, minus what the page already loaded) and the index itself.
 */
export async function searchFirstUseKb(distDir: string, page: string): Promise<number | null> {
  const index = join(distDir, INDEX_URL);
  if (!existsSync(index)) return null;
  const html = await readFile(join(distDir, page), 'utf8');
  const upfront = await moduleGraph(distDir, entryScripts(html));
  for (const chunk of new Set([...upfront.values()].flatMap((m) => m.dynamic))) {
    const lazy = await moduleGraph(distDir, [chunk]);
    const urls = [...lazy.keys()].filter((u) => !upfront.has(u));
    const texts = await Promise.all(urls.map((u) => readFile(join(distDir, u), 'utf8')));
    if (!texts.some((t) => t.includes(INDEX_URL))) continue;
    return urls.reduce((n, u) => n + lazy.get(u)!.gzKb, 0) + gzKb(await readFile(index));
  }
  return null;
}

export interface PageWeight {
  /** The page's address, e.g. `/labs/02-monitor/`. */
  page: string;
  htmlKb: number;
  cssKb: number;
  jsKb: number;
}

/** Every page of the built site (each index.html), with its HTML, CSS and JS-before-interaction, gzipped. */
export async function pageWeights(distDir: string): Promise<PageWeight[]> {
  const files = (await readdir(distDir, { recursive: true })).filter((f) => f === 'index.html' || f.endsWith(`${sep}index.html`)).sort();
  return Promise.all(
    files.map(async (file) => ({
      page: `/${relative(distDir, join(distDir, file))
        .split(sep)
        .slice(0, -1)
        .map((p) => `${p}/`)
        .join('')}`,
      htmlKb: gzKb(await readFile(join(distDir, file))),
      cssKb: await pageCssKb(distDir, file),
      jsKb: await pageJsKb(distDir, file),
    })),
  );
}

export function formatPageWeights(rows: PageWeight[]): string {
  const w = Math.max(4, ...rows.map((r) => r.page.length));
  const kb = (n: number) => n.toFixed(1).padStart(6);
  return [
    `${'page'.padEnd(w)}  ${'html'.padStart(6)}  ${'css'.padStart(6)}  ${'js'.padStart(6)}  (KB gz; js before interaction)`,
    ...rows.map((r) => `${r.page.padEnd(w)}  ${kb(r.htmlKb)}  ${kb(r.cssKb)}  ${kb(r.jsKb)}`),
  ].join('\n');
}

export interface WeightFigure {
  name: string;
  value: number | null;
  unit: string;
  target: string;
  note?: string;
}

/** The bench's site figures: the heaviest page's HTML, CSS and JS, and the search's first-use payload. */
export async function siteWeightFigures(distDir: string, log: (s: string) => void = () => undefined): Promise<WeightFigure[]> {
  const targets = { page_html_kb_max: '≤ 30', page_css_kb_max: '≤ 40', page_js_kb_max: '≤ 60', search_first_use_kb: '≤ 50' };
  if (!existsSync(join(distDir, 'index.html'))) {
    return Object.entries(targets).map(([name, target]) => ({
      name,
      value: null,
      unit: 'KB gz',
      target,
      note: 'site not built (npm run build)',
    }));
  }
  const rows = await pageWeights(distDir);
  log(formatPageWeights(rows));
  const heaviest = (key: 'htmlKb' | 'cssKb' | 'jsKb') => rows.reduce((a, b) => (b[key] > a[key] ? b : a));
  const max = (name: keyof typeof targets, key: 'htmlKb' | 'cssKb' | 'jsKb'): WeightFigure => ({
    name,
    value: heaviest(key)[key],
    unit: 'KB gz',
    target: targets[name],
    note: `${heaviest(key).page} (of ${rows.length} pages)`,
  });
  const search = await searchFirstUseKb(distDir, 'labs/00-setup/index.html');
  return [
    max('page_html_kb_max', 'htmlKb'),
    max('page_css_kb_max', 'cssKb'),
    max('page_js_kb_max', 'jsKb'),
    {
      name: 'search_first_use_kb',
      value: search,
      unit: 'KB gz',
      target: targets.search_first_use_kb,
      note: search === null ? 'no search index in the build' : 'search code + index, fetched on first focus of the search box',
    },
  ];
}

// `tsx bench/page-weight.ts [site/dist]`: the per-page table and the figures, without the rest of the bench.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const distDir = process.argv[2] ?? join('site', 'dist');
  for (const f of await siteWeightFigures(distDir, console.log))
    console.log(`${f.name} ${f.value?.toFixed(2) ?? 'n/a'} ${f.unit} (target ${f.target}) ${f.note ?? ''}`);
}

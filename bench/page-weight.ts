import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * JS a lab page loads before any interaction, gzipped: module scripts and modulepreloads named by the HTML,
 * plus every module they import statically (dynamic imports — Monaco, xterm, charts — are not counted).
 */
export async function pageJsKb(distDir: string, page: string): Promise<number> {
  const html = await readFile(join(distDir, page), 'utf8');
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\stype="module"[^>]*\ssrc="([^"]+)"/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*type="module"/g)) srcs.add(m[1]);
  let inline = 0;
  for (const m of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) inline += gzipSync(m[1]).length;

  const seen = new Set<string>();
  let bytes = inline;
  const visit = async (url: string) => {
    if (!url.startsWith('/') || seen.has(url)) return;
    seen.add(url);
    const file = join(distDir, url);
    if (!existsSync(file)) return;
    const code = await readFile(file);
    bytes += gzipSync(code).length;
    const text = code.toString('utf8');
    // Static imports only: `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`.
    for (const m of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+)["']/g)) {
      const spec = m[1];
      if (spec.startsWith('.') || spec.startsWith('/')) await visit(new URL(spec, `http://x${url}`).pathname);
    }
    for (const m of text.matchAll(/export\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)) {
      await visit(new URL(m[1], `http://x${url}`).pathname);
    }
  };
  for (const s of srcs) await visit(s);
  return bytes / 1024;
}

import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Newest modification time under the given folders (files only; node_modules and build output skipped). */
async function newestMtime(dirs: string[]): Promise<number> {
  let newest = 0;
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    for (const e of entries) {
      if (!e.isFile()) continue;
      const path = join(e.parentPath, e.name);
      if (/[\\/](node_modules|dist|\.astro)[\\/]/.test(path)) continue;
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** The built site is stale when any page, component, lab or dataset is newer than it. */
export async function siteIsStale(projectDir: string): Promise<boolean> {
  const built = join(projectDir, 'site', 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['site/src', 'site/public', 'labs', 'content'].map((d) => join(projectDir, d));
  const configFile = join(projectDir, 'site', 'astro.config.mjs');
  const newest = Math.max(await newestMtime(sources), existsSync(configFile) ? statSync(configFile).mtimeMs : 0);
  return newest > statSync(built).mtimeMs;
}

/** Builds the Astro site to site/dist, streaming the build's own log to stderr. */
export async function buildSite(projectDir: string): Promise<void> {
  const astro = join(projectDir, 'node_modules', 'astro', 'astro.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [astro, 'build', '--root', 'site', '--silent'], {
      cwd: projectDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the site build failed (exit code ${code})`))));
  });
}

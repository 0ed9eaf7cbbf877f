import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabTypes, TypeFiles } from './declarations.ts';

/** One installed package's declarations, as the editor reads them: the same for every lab that needs it. */
export interface PackageFiles {
  name: string;
  version: string;
  files: TypeFiles;
}

const MODULES = 'file:///node_modules/';

/**
 * Where a served file's package sits under node_modules (`@aws-sdk/client-s3/node_modules/@smithy/types` for a
 * nested copy) and its name, or undefined for the project's own files.
 */
function packageOf(path: string): { dir: string; name: string } | undefined {
  if (!path.startsWith(MODULES)) return undefined;
  const rest = path.slice(MODULES.length);
  const at = rest.lastIndexOf('/node_modules/');
  const prefix = at < 0 ? '' : rest.slice(0, at + '/node_modules/'.length);
  const parts = rest.slice(prefix.length).split('/');
  const name = parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (parts.length < (name.includes('/') ? 3 : 2)) return undefined; // `<node_modules>/<name>.d.ts`: a stub, not a package file
  return { dir: prefix + name, name };
}

/**
 * A lab's files split for caching: every package's files apart (the SDK clients and @types/node are most of the
 * weight and the same in every lab), and inline what is the lab's or the project's own (its scope, the workshop
 * library's declarations) together with the generated stubs, which depend on what the lab imports.
 */
export function splitByPackage(types: LabTypes, nodeModules: string): { packages: PackageFiles[]; inline: TypeFiles } {
  const packages = new Map<string, PackageFiles>();
  const inline: TypeFiles = {};
  for (const [path, text] of Object.entries(types.files)) {
    const pkg = types.stubs.has(path) ? undefined : packageOf(path);
    if (!pkg) {
      inline[path] = text;
      continue;
    }
    let entry = packages.get(pkg.dir);
    if (!entry) {
      entry = { name: pkg.name, version: versionOf(join(nodeModules, pkg.dir)), files: {} };
      packages.set(pkg.dir, entry);
    }
    entry.files[path] = text;
  }
  // In path order: the traversal's order depends on the lab, and the same files must make the same bundle (hash).
  for (const p of packages.values()) p.files = Object.fromEntries(Object.entries(p.files).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { packages: [...packages.values()].sort((a, b) => (a.name < b.name ? -1 : 1)), inline };
}

function versionOf(dir: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * A lab's type declarations as the editor takes them (Monaco's extra libs), fetched from /api/types. The cell starts
 * this on the learner's first touch, beside the download of the editor itself, so both arrive together; the editor
 * (bundled apart, runner/cli/editor-build.ts) receives the promise instead of fetching after it has loaded.
 */
import type { TypesBundle, TypesManifest } from '../../../runner/types/manifest.ts';

export interface ExtraLib {
  filePath: string;
  content: string;
}

const getJson = <T>(url: string): Promise<T> =>
  fetch(url, { credentials: 'same-origin' }).then((res) =>
    res.ok ? (res.json() as Promise<T>) : Promise.reject(new Error(`${url}: ${res.status}`)),
  );

const fetched = new Map<string, Promise<ExtraLib[]>>();

/**
 * Once per lab and page: every cell of the lab shares them. The manifest is small and lists the package bundles,
 * fetched in parallel; the browser keeps those (immutable, named by their content), so the next lab page fetches
 * only what it does not share with this one.
 */
export function fetchLabTypes(lab: string): Promise<ExtraLib[]> {
  let p = fetched.get(lab);
  if (!p) {
    p = fetchTypes(lab);
    fetched.set(lab, p);
    p.catch(() => fetched.get(lab) === p && fetched.delete(lab)); // a failed fetch is tried again by the next cell
  }
  return p;
}

async function fetchTypes(lab: string): Promise<ExtraLib[]> {
  const manifest = await getJson<TypesManifest>(`/api/types?lab=${encodeURIComponent(lab)}`);
  const bundles = await Promise.all(manifest.bundles.map((b) => getJson<TypesBundle>(b.url)));
  const libs = [...bundles.flatMap((b) => Object.entries(b.files)), ...Object.entries(manifest.files)];
  return libs.map(([filePath, content]) => ({ filePath, content }));
}

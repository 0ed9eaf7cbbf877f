/**
 * `GET /api/types?lab=<slug>`: what the editor loads for a lab. The packages come as bundles named by the hash of
 * their content (`GET /api/types/bundle/<hash>`, cached by the browser for good and shared by every lab that needs
 * them); the lab's own files (its scope, the workshop library, the import stubs) come inline, small and always fresh.
 */
export interface TypesManifest {
  lab: string;
  bundles: { name: string; version: string; url: string; files: number }[];
  files: Record<string, string>;
}

/** `GET /api/types/bundle/<hash>`. */
export interface TypesBundle {
  files: Record<string, string>;
}

/** A bundle's id: the first 32 hex digits of the SHA-256 of its JSON. */
export const BUNDLE_ID = /^[0-9a-f]{32}$/;
export const bundleUrl = (hash: string) => `/api/types/bundle/${hash}`;

import { parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { TypeLibrary } from './declarations.ts';
import { splitByPackage } from './bundles.ts';
import { stampOf } from './freshness.ts';
import { bundleUrl, type TypesBundle, type TypesManifest } from './manifest.ts';
import type { BuildReply, BuildRequest } from './library-pool.ts';

/** Builds payloads off the runner's event loop: resolving, emitting and gzipping a lab's types takes seconds. */
const library = new TypeLibrary((workerData as { projectDir: string }).projectDir);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Bundles already gzipped (most labs share them) and those already handed to the runner, which keeps them. */
const gzipped = new Map<string, Uint8Array>();
const sent = new Set<string>();

parentPort!.on('message', ({ id, labDir, slug }: BuildRequest) => {
  let reply: BuildReply;
  try {
    const types = library.collect(labDir);
    const stamp = stampOf(types.inputs);
    const { packages, inline } = splitByPackage(types, library.nodeModules);
    const bundles: { hash: string; gzip: Uint8Array }[] = [];
    const listed: TypesManifest['bundles'] = [];
    for (const p of packages) {
      const json = JSON.stringify({ files: p.files } satisfies TypesBundle);
      const hash = sha256(json).slice(0, 32);
      let gzip = gzipped.get(hash);
      if (!gzip) gzipped.set(hash, (gzip = gzipSync(json)));
      if (!sent.has(hash)) bundles.push({ hash, gzip });
      listed.push({ name: p.name, version: p.version, url: bundleUrl(hash), files: Object.keys(p.files).length });
    }
    const json = JSON.stringify({ lab: slug, bundles: listed, files: inline } satisfies TypesManifest);
    reply = { id, gzip: gzipSync(json), etag: `"${sha256(json).slice(0, 27)}"`, bundles, inputs: types.inputs, stamp };
  } catch (error) {
    reply = { id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
  if ('bundles' in reply) for (const b of reply.bundles) sent.add(b.hash);
});

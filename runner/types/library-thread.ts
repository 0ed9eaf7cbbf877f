import { parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { TypeLibrary } from './declarations.ts';
import type { BuildReply, BuildRequest } from './library-pool.ts';

/** Builds payloads off the runner's event loop: resolving, emitting and gzipping a lab's types takes seconds. */
const library = new TypeLibrary((workerData as { projectDir: string }).projectDir);

parentPort!.on('message', ({ id, labDir }: BuildRequest) => {
  let reply: BuildReply;
  try {
    const json = JSON.stringify({ files: library.forLab(labDir) });
    const gzip = gzipSync(json);
    reply = { id, gzip, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` };
  } catch (error) {
    reply = { id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply, 'gzip' in reply ? [reply.gzip.buffer as ArrayBuffer] : []);
});

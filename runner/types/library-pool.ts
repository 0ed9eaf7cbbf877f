import { Worker } from 'node:worker_threads';

export interface BuildRequest {
  id: number;
  labDir: string;
  slug: string;
}
export type BuildReply =
  | { id: number; gzip: Uint8Array; etag: string; bundles: { hash: string; gzip: Uint8Array }[]; inputs: string[]; stamp: string }
  | { id: number; error: string };

/** A lab's types manifest (see manifest.ts), gzipped, with its content hash and what it was built from. */
export interface TypesPayload {
  gzip: Buffer;
  etag: string;
  /** The project files read for it, and their mtimes and sizes then (freshness.ts). */
  inputs: string[];
  stamp: string;
}

const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * One worker thread that builds type payloads on request, started on first use and not keeping the runner alive.
 * If it dies, pending builds fail and the next request starts a fresh one. The package bundles it sends are kept
 * here for the process's life: they are named by their content, and a few of them make up most of every lab.
 */
export class TypesBuilder {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, { resolve(p: TypesPayload): void; reject(e: Error): void }>();
  private readonly bundles = new Map<string, Buffer>();

  constructor(private readonly projectDir: string) {}

  /** A package bundle's JSON, gzipped, if a build has produced it. */
  bundle(hash: string): Buffer | undefined {
    return this.bundles.get(hash);
  }

  build(labDir: string, slug: string): Promise<TypesPayload> {
    const worker = this.start();
    const id = this.next++;
    return new Promise<TypesPayload>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // a build in flight keeps the runner up; an idle thread does not
      worker.postMessage({ id, labDir, slug } satisfies BuildRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./library-worker.mjs', import.meta.url), { workerData: { projectDir: this.projectDir } });
    worker.on('message', (reply: BuildReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('bundles' in reply) for (const b of reply.bundles) this.bundles.set(b.hash, toBuffer(b.gzip));
      if (!p) return;
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve({ gzip: toBuffer(reply.gzip), etag: reply.etag, inputs: reply.inputs, stamp: reply.stamp });
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the types builder stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

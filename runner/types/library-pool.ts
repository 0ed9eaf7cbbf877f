import { Worker } from 'node:worker_threads';

export interface BuildRequest {
  id: number;
  labDir: string;
}
export type BuildReply = { id: number; gzip: Uint8Array; etag: string } | { id: number; error: string };

/** A lab's types payload: the `{ files }` JSON, gzipped, and its content hash. */
export interface TypesPayload {
  gzip: Buffer;
  etag: string;
}

/**
 * One worker thread that builds type payloads on request, started on first use and not keeping the runner alive.
 * If it dies, pending builds fail and the next request starts a fresh one.
 */
export class TypesBuilder {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, { resolve(p: TypesPayload): void; reject(e: Error): void }>();

  constructor(private readonly projectDir: string) {}

  build(labDir: string): Promise<TypesPayload> {
    const worker = this.start();
    const id = this.next++;
    return new Promise<TypesPayload>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // a build in flight keeps the runner up; an idle thread does not
      worker.postMessage({ id, labDir } satisfies BuildRequest);
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
      if (!p) return;
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve({ gzip: Buffer.from(reply.gzip.buffer, reply.gzip.byteOffset, reply.gzip.byteLength), etag: reply.etag });
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

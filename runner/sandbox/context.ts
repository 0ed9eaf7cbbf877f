import type { SandboxStore } from './store.ts';
import type { Faults } from './faults.ts';
import type { Keys } from './sigv4.ts';
import type { EngineFactory } from './runtime/engine.ts';

/** What every service of the sandbox shares. */
export interface SandboxContext {
  store: SandboxStore;
  faults: Faults;
  keys: Keys;
  accountId: string;
  region: string;
  contentDir: string;
  engines: EngineFactory;
  /** Where the runner serves the sandbox (`http://127.0.0.1:<port>`): code a job runs reaches the services there. */
  baseUrl?: () => string;
}

export type SandboxEnv = { Variables: { body: Uint8Array } };

/** Decodes an `aws-chunked` payload (streaming uploads): `<hex size>[;chunk-signature=…]\r\n<data>\r\n … 0\r\n<trailers>`. */
export function decodeAwsChunked(raw: Uint8Array): Uint8Array {
  const buf = Buffer.from(raw);
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', pos);
    if (eol < 0) break;
    const size = parseInt(buf.subarray(pos, eol).toString('latin1').split(';')[0], 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

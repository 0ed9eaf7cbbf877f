/**
 * The kernel process: runs a session's cells one after another in one global scope. Launched with plain
 * `node` (bundled by kernel.ts), it talks to the runner over the IPC channel only.
 */
import vm from 'node:vm';
import { inspect } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CellEvent } from '../contracts.ts';
import type { FromChild, LedgerEntry, ToChild } from './protocol.ts';
import { progressWatch } from './progress-watch.ts';

const send = (m: FromChild) => process.send?.(m);
let current = 0;
let outputCap = 1_000_000;
let outputUsed = 0;
let truncated = false;
let aliases: Record<string, string> = {};
let interruptCurrent: ((reason: Error) => void) | undefined;

function emit(event: CellEvent): void {
  send({ type: 'event', id: current, event });
}

/** Every byte a cell prints goes through here, in order, within the cell's output cap. */
function output(name: 'stdout' | 'stderr', chunk: unknown): boolean {
  const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
  if (truncated) return true;
  const room = outputCap - outputUsed;
  if (text.length > room) {
    if (room > 0) emit({ type: 'stream', name, text: text.slice(0, room) });
    truncated = true;
    emit({ type: 'notice', level: 'warning', text: `Output truncated: this cell printed more than ${Math.round(outputCap / 1000)} KB. The cell keeps running; print less (or a summary) to see everything.` });
    return true;
  }
  outputUsed += text.length;
  emit({ type: 'stream', name, text });
  return true;
}
process.stdout.write = ((chunk: unknown) => output('stdout', chunk)) as typeof process.stdout.write;
process.stderr.write = ((chunk: unknown) => output('stderr', chunk)) as typeof process.stderr.write;
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (!/NodeVersionSupportWarning|ExperimentalWarning/.test(`${w.name} ${w.message}`)) output('stderr', `${w.name}: ${w.message}\n`);
});

const errorEvent = (e: unknown): CellEvent => {
  const err = e instanceof Error ? e : new Error(inspect(e));
  return { type: 'error', name: err.name || 'Error', message: err.message, stack: err.stack };
};
process.on('uncaughtException', (e) => emit(errorEvent(e)));
process.on('unhandledRejection', (e) => emit(errorEvent(e)));

const projectRequire = createRequire(join(process.cwd(), 'package.json'));

// ---- the resource ledger: a create call that carries the workshop tags is recorded by the runner before it is sent.
let ledgerSeq = 0;
const ledgerAcks = new Map<number, () => void>();
function recordLedger(entry: LedgerEntry): Promise<void> {
  const id = ++ledgerSeq;
  return new Promise((resolve) => {
    ledgerAcks.set(id, resolve);
    send({ type: 'ledger', id, entry });
  });
}

type Sendable = { constructor: { name: string }; input?: Record<string, unknown> };
const isWorkshopCreate = (op: string, input: Record<string, unknown> | undefined) => {
  if (!/^(Create|Start)/.test(op) || !input) return false;
  const tags = input.Tags as { Key?: string; Value?: string }[] | undefined;
  if (tags?.some((t) => t.Key === 'workshop' && t.Value === 'naxt-genai')) return true;
  return op === 'CreateBucket' && typeof input.Bucket === 'string' && input.Bucket.startsWith('naxt-');
};
const nameOf = (op: string, input: Record<string, unknown>) =>
  String(input[`${op.replace(/^(Create|Start)/, '')}Name`] ?? input.Bucket ?? Object.entries(input).find(([k, v]) => k.endsWith('Name') && typeof v === 'string')?.[1] ?? op);
const arnOf = (out: unknown) => Object.entries((out ?? {}) as Record<string, unknown>).find(([k, v]) => k.endsWith('Arn') && typeof v === 'string')?.[1] as string | undefined;

// ---- progress: Describe* answers of long operations become progress events (estimates arrive with init).
const estimatesMs: Record<string, number> = {};
const realAccountMs: Record<string, number> = {};
const watch = progressWatch({ estimatesMs, realAccountMs, emit });

let sdkHooked = false;
/** Wraps the SDK's one Client.send: cells stay plain SDK code, the runner still knows what they create. */
function hookSdk(): void {
  if (sdkHooked) return;
  sdkHooked = true;
  let Client: { prototype: { send: (...args: unknown[]) => unknown } };
  try {
    ({ Client } = projectRequire('@smithy/core/client') as { Client: typeof Client });
  } catch {
    return; // an SDK without @smithy/core: nothing to record
  }
  const original = Client.prototype.send;
  Client.prototype.send = function (this: unknown, ...args: unknown[]) {
    const command = args[0] as Sendable | undefined;
    const op = command?.constructor?.name?.replace(/Command$/, '') ?? '';
    if (typeof args[1] === 'function') return original.apply(this, args);
    const input = command?.input;
    if (!isWorkshopCreate(op, input)) {
      if (!watch.wants(op)) return original.apply(this, args);
      return (original.apply(this, args) as Promise<unknown>).then(
        (out) => { watch.observe(op, input, out); return out; },
        (error: unknown) => { watch.failed(op, input, error); throw error; },
      );
    }
    const name = nameOf(op, input!);
    return (async () => {
      await recordLedger({ phase: 'intent', op, name });
      try {
        const out = await (original.apply(this, args) as Promise<unknown>);
        await recordLedger({ phase: 'created', op, name, arn: arnOf(out) });
        watch.observe(op, input, out);
        return out;
      } catch (error) {
        await recordLedger({ phase: 'failed', op, name, error: (error as Error)?.name });
        throw error;
      }
    })();
  };
}

/** Imports for cells: workshop aliases, node builtins, then packages installed in the project. */
async function importForCell(spec: string): Promise<unknown> {
  if (spec.startsWith('@aws-sdk/')) hookSdk();
  if (aliases[spec]) return import(pathToFileURL(aliases[spec]).href);
  if (spec.startsWith('node:')) return import(spec);
  try {
    // Resolved from the project (the kernel's cwd), like a script in the project would.
    return await import(spec);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return import(pathToFileURL(projectRequire.resolve(spec)).href);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** An SDK answer without its `$metadata` (request id, retries, ids that are undefined): the answer is what a learner reads. */
const withoutSdkMetadata = (value: unknown): unknown =>
  isPlainObject(value) && '$metadata' in value ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$metadata')) : value;

function render(result: unknown): CellEvent | undefined {
  if (result === undefined) return undefined;
  const value = withoutSdkMetadata(result);
  if (Array.isArray(value) && value.length > 0 && value.length <= 1000 && value.every(isPlainObject)) {
    const columns = [...new Set(value.flatMap((row) => Object.keys(row)))].slice(0, 30);
    const rows = value.map((row) => columns.map((c) => {
      const v = row[c];
      // A row without this column: an empty cell, not the word "undefined".
      if (v === undefined) return null;
      return v === null || ['string', 'number', 'boolean'].includes(typeof v) ? v : inspect(v, { depth: 1, breakLength: Infinity });
    }));
    return { type: 'result', text: inspect(value, { depth: 2, colors: false, maxArrayLength: 20 }), table: { columns, rows } };
  }
  return { type: 'result', text: typeof value === 'string' ? inspect(value) : inspect(value, { depth: 4, colors: false, maxArrayLength: 100 }) };
}

type Display = ((mime: string, data: unknown) => void) & { html(s: string): void; table(rows: Record<string, unknown>[]): void; chart(spec: unknown): void };
const display = ((mime: string, data: unknown) => emit({ type: 'display', mime, data: JSON.parse(JSON.stringify(data ?? null)) })) as Display;
display.html = (s) => display('text/html', String(s));
display.table = (rows) => { const r = render(rows); if (r) emit(r); };
display.chart = (spec) => display('application/vnd.workshop.chart+json', spec);

async function run(id: number, code: string, filename: string): Promise<void> {
  current = id;
  watch.reset();
  outputUsed = 0;
  truncated = false;
  let status: 'ok' | 'error' | 'interrupted' = 'ok';
  try {
    const script = new vm.Script(code, { filename, lineOffset: -1 });
    const interrupted = new Promise<never>((_, reject) => { interruptCurrent = reject; });
    const value = await Promise.race([script.runInThisContext({ breakOnSigint: true }) as Promise<unknown>, interrupted]);
    const rendered = render(value);
    if (rendered) emit(rendered);
  } catch (error) {
    if ((error as Error)?.name === 'KernelInterrupt' || /Script execution was interrupted/.test((error as Error)?.message ?? '')) {
      status = 'interrupted';
      emit({ type: 'notice', level: 'warning', text: 'Interrupted. Variables from earlier cells are kept.' });
    } else {
      status = 'error';
      emit(errorEvent(error));
    }
  } finally {
    interruptCurrent = undefined;
  }
  send({ type: 'finished', id, status });
}

const g = globalThis as Record<string, unknown>;
g.__naxt = { import: importForCell };
// A cell's `import(x)` (rewritten by transform.ts): the same resolution as its static imports.
g.$imprt = (spec: unknown) => importForCell(String(spec));
g.display = display;

process.on('message', (m: ToChild) => {
  if (m.type === 'init') {
    for (const [k, v] of Object.entries(m.globals)) g[k] = v;
    aliases = m.aliases;
    outputCap = m.outputCapBytes;
    Object.assign(estimatesMs, m.progress?.estimatesMs);
    Object.assign(realAccountMs, m.progress?.realAccountMs);
    send({ type: 'ready' });
  } else if (m.type === 'exec') {
    void run(m.id, m.code, m.filename);
  } else if (m.type === 'ledger-ack') {
    ledgerAcks.get(m.id)?.();
    ledgerAcks.delete(m.id);
  } else if (m.type === 'interrupt' && m.id === current) {
    const e = new Error('interrupted');
    e.name = 'KernelInterrupt';
    interruptCurrent?.(e);
  }
});
// SIGINT interrupts synchronous code (breakOnSigint); outside of it, it must not kill the kernel.
process.on('SIGINT', () => {
  const e = new Error('interrupted');
  e.name = 'KernelInterrupt';
  interruptCurrent?.(e);
});

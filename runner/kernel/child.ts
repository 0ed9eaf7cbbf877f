/**
 * The kernel process: runs a session's cells one after another in one global scope. Launched with plain
 * `node` (bundled by kernel.ts), it talks to the runner over the IPC channel only.
 */
import vm from 'node:vm';
import { inspect } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CellEvent } from '../contracts.ts';
import type { FromChild, LedgerEntry, ToChild } from './protocol.ts';
import { progressWatch } from './progress-watch.ts';
import { RSS_LIMIT_MARKER, WATCHDOG_SOURCE } from './watchdog.ts';

// The IPC channel is the kernel's, not the cells': a cell cannot post messages around the output cap.
const ipcSend = process.send?.bind(process);
delete (process as { send?: unknown }).send;
const send = (m: FromChild) => ipcSend?.(m);
let current = 0;
/** The cell now running, if one is: `current` stays on the last cell after it ended. */
let runningCell: number | undefined;
/**
 * The cell whose timer callback is running now. Not an AsyncLocalStorage: its promise hooks push an async id for every
 * promise reaction, and the watchdog's terminateExecution (Interrupt after an await) leaves that stack unbalanced,
 * which aborts Node ("InternalCallbackScope::Close … execution_async_id() == 0") and loses the kernel's variables.
 */
let timerOrigin: number | undefined;
/** Cells that threw outside of their own await chain (a rejected promise nobody awaited, a timer that threw). */
const failedCells = new Set<number>();
let outputCap = 1_000_000;
let outputUsed = 0;
let truncated = false;
let aliases: Record<string, string> = {};
let interruptCurrent: ((reason: Error) => void) | undefined;

function emit(event: CellEvent): void {
  send({ type: 'event', id: current, event });
}

/**
 * The cell's output budget: printed text, displays and the result share one cap, so no way of showing something
 * (console.log, display(), a huge last value) can flood the runner or the page. Returns how many characters fit.
 */
function take(n: number): number {
  if (truncated) return 0;
  const room = outputCap - outputUsed;
  if (n <= room) {
    outputUsed += n;
    return n;
  }
  outputUsed = outputCap;
  truncated = true;
  return Math.max(0, room);
}
const truncatedNotice = (): CellEvent => ({
  type: 'notice',
  level: 'warning',
  text: `Output truncated: this cell printed or displayed more than ${Math.round(outputCap / 1000)} KB. The cell keeps running; print less (or a summary) to see everything.`,
});

/** Every byte a cell prints goes through here, in order, within the cell's output cap. */
function output(name: 'stdout' | 'stderr', chunk: unknown): boolean {
  if (truncated) return true;
  const text =
    typeof chunk === 'string'
      ? chunk
      : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
        ? Buffer.from(chunk).toString('utf8')
        : String(chunk);
  const fits = take(text.length);
  if (fits > 0) emit({ type: 'stream', name, text: fits === text.length ? text : text.slice(0, fits) });
  if (fits < text.length) emit(truncatedNotice());
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
  // Bounded like any output: an error of 100 MB is a cell's mistake, not something to ship to the page.
  const cut = (t: unknown, n: number) =>
    typeof t === 'string' && t.length > n ? `${t.slice(0, n)}… (${t.length - n} more characters)` : t === undefined ? undefined : String(t);
  return { type: 'error', name: cut(err.name, 200) || 'Error', message: cut(err.message, 10_000) ?? '', stack: cut(err.stack, 20_000) };
};
/** An error thrown outside the cell's own await chain: shown in the cell that started it, which then ends in error. */
function strayError(e: unknown): void {
  const id = originOf(e);
  if (id !== undefined && id === runningCell) {
    failedCells.add(id);
    send({ type: 'event', id, event: errorEvent(e) });
    return;
  }
  // An earlier cell's timer or promise, failing after that cell ended: not this cell's error, but not hidden either.
  if (runningCell === undefined) {
    // A timer that throws every few ms while nobody runs a cell: a few are worth showing, not all of them.
    if (lateErrors.length < 3) lateErrors.push(e);
    else lateDropped++;
    return;
  }
  if (lateInThisCell++ < 3) send({ type: 'event', id: runningCell, event: lateNotice(e) });
}
/** Earlier cells' errors noted in the running cell: an interval that throws every few ms shows a few, not thousands. */
let lateInThisCell = 0;
/** Errors of ended cells that surfaced while no cell ran: noted in the next cell. */
const lateErrors: unknown[] = [];
let lateDropped = 0;
function lateNotice(e: unknown): CellEvent {
  const { name, message } = errorEvent(e) as Extract<CellEvent, { type: 'error' }>;
  const short = message.length > 200 ? `${message.slice(0, 200)}…` : message;
  return {
    type: 'notice',
    level: 'warning',
    text: `An earlier cell's timer or promise failed after that cell ended (${name}: ${short}). It does not count against this cell.`,
  };
}
/**
 * The cell an error belongs to: the newest cell whose code is on its stack (cells' files are naxt-cell-<id>.ts, async
 * frames included), or whose timer threw it; otherwise the running cell.
 */
function originOf(e: unknown): number | undefined {
  const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
  let newest = timerOrigin;
  for (const m of stack.matchAll(/naxt-cell-(\d+)\.ts/g)) newest = Math.max(newest ?? 0, Number(m[1]));
  return newest ?? runningCell;
}
process.on('uncaughtException', strayError);
/**
 * A cell's timer callbacks run where SIGINT (Interrupt) can stop their synchronous code, as it stops a cell's body
 * (breakOnSigint). Stopped there, the kernel survives with its variables; the watchdog's terminateExecution inside a
 * timer callback would end the process.
 */
let pendingCall: (() => unknown) | undefined;
(globalThis as Record<symbol, unknown>)[Symbol.for('naxt.kernel.timer-call')] = () => {
  const f = pendingCall;
  pendingCall = undefined;
  return f?.();
};
const breakable = new vm.Script("globalThis[Symbol.for('naxt.kernel.timer-call')]()", { filename: 'naxt-kernel-timer' });
function callBreakable(f: () => unknown): unknown {
  pendingCall = f;
  try {
    return breakable.runInThisContext({ breakOnSigint: true });
  } catch (error) {
    // Interrupted: the cell's own interrupt message ends the cell; the callback simply stops.
    if (/Script execution was interrupted/.test((error as Error)?.message ?? '')) return undefined;
    throw error;
  }
}
/** A cell's timers remember the cell: what they throw, even after it ended, belongs to it (see originOf). */
function tagTimers(): void {
  const g = globalThis as unknown as Record<'setTimeout' | 'setInterval' | 'setImmediate', (fn: unknown, ...rest: unknown[]) => unknown>;
  for (const name of ['setTimeout', 'setInterval', 'setImmediate'] as const) {
    const original = g[name];
    const tagged = function (this: unknown, fn: unknown, ...rest: unknown[]) {
      if (typeof fn !== 'function') return original.call(this, fn, ...rest);
      const origin = runningCell;
      return original.call(
        this,
        function (this: unknown, ...args: unknown[]) {
          const outer = timerOrigin;
          timerOrigin = origin;
          try {
            return callBreakable(() => (fn as (...a: unknown[]) => unknown).apply(this, args));
          } finally {
            timerOrigin = outer;
          }
        },
        ...rest,
      );
    };
    // util.promisify(setTimeout) and friends keep working.
    Object.defineProperties(tagged, Object.getOwnPropertyDescriptors(original));
    g[name] = tagged;
  }
}
process.on('unhandledRejection', strayError);

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
  String(
    input[`${op.replace(/^(Create|Start)/, '')}Name`] ??
      input.Bucket ??
      Object.entries(input).find(([k, v]) => k.endsWith('Name') && typeof v === 'string')?.[1] ??
      op,
  );
const arnOf = (out: unknown) =>
  Object.entries((out ?? {}) as Record<string, unknown>).find(([k, v]) => k.endsWith('Arn') && typeof v === 'string')?.[1] as
    string | undefined;

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
        (out) => {
          watch.observe(op, input, out);
          return out;
        },
        (error: unknown) => {
          watch.failed(op, input, error);
          throw error;
        },
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

function render(result: unknown): Extract<CellEvent, { type: 'result' }> | undefined {
  if (result === undefined) return undefined;
  const value = withoutSdkMetadata(result);
  if (Array.isArray(value) && value.length > 0 && value.length <= 1000 && value.every(isPlainObject)) {
    const columns = [...new Set(value.flatMap((row) => Object.keys(row)))].slice(0, 30);
    const rows = value.map((row) =>
      columns.map((c) => {
        const v = row[c];
        // A row without this column: an empty cell, not the word "undefined".
        if (v === undefined) return null;
        return v === null || ['string', 'number', 'boolean'].includes(typeof v) ? v : inspect(v, { depth: 1, breakLength: Infinity });
      }),
    );
    return { type: 'result', text: inspect(value, { depth: 2, colors: false, maxArrayLength: 20 }), table: { columns, rows } };
  }
  return {
    type: 'result',
    text: typeof value === 'string' ? inspect(value) : inspect(value, { depth: 4, colors: false, maxArrayLength: 100 }),
  };
}

/** Emits a display or result within the cell's output cap: what does not fit is replaced by the notice. */
function emitSized(event: CellEvent, size: number): void {
  if (truncated) return;
  if (take(size) === size) emit(event);
  else emit(truncatedNotice());
}

type Display = ((mime: string, data: unknown) => void) & {
  html(s: string): void;
  table(rows: Record<string, unknown>[]): void;
  chart(spec: unknown): void;
};
const display = ((mime: string, data: unknown) => {
  if (truncated) return;
  const json = typeof data === 'string' ? undefined : JSON.stringify(data ?? null);
  const size = (json ?? (data as string)).length + String(mime).length;
  if (take(size) < size) return emit(truncatedNotice());
  emit({ type: 'display', mime: String(mime), data: json === undefined ? data : JSON.parse(json) });
}) as Display;
display.html = (s) => display('text/html', String(s));
display.table = (rows) => {
  const r = render(rows);
  if (r) emitSized(r, r.text.length + JSON.stringify(r.table ?? null).length);
};
display.chart = (spec) => display('application/vnd.workshop.chart+json', spec);

async function run(id: number, code: string, filename: string): Promise<void> {
  current = id;
  runningCell = id;
  timerOrigin = undefined; // a timer callback ended by terminateExecution never ran its finally
  lateInThisCell = 0;
  for (const e of lateErrors.splice(0)) emit(lateNotice(e));
  if (lateDropped)
    emit({
      type: 'notice',
      level: 'warning',
      text: `…and ${lateDropped} more such error${lateDropped === 1 ? '' : 's'} since the last cell.`,
    });
  lateDropped = 0;
  watch.reset();
  outputUsed = 0;
  truncated = false;
  let status: 'ok' | 'error' | 'interrupted' = 'ok';
  try {
    const script = new vm.Script(code, { filename, lineOffset: -1 });
    const interrupted = new Promise<never>((_, reject) => {
      interruptCurrent = reject;
    });
    const value = await Promise.race([script.runInThisContext({ breakOnSigint: true }) as Promise<unknown>, interrupted]);
    const rendered = render(value);
    // The last value has a cap of its own (whatever the cell printed before): a huge one shows its beginning.
    if (rendered && !rendered.table) {
      if (rendered.text.length <= outputCap) emit(rendered);
      else
        emit({
          ...rendered,
          text: `${rendered.text.slice(0, outputCap)}… (value truncated: ${rendered.text.length - outputCap} more characters)`,
        });
    } else if (rendered?.table) {
      const size = rendered.text.length + JSON.stringify(rendered.table).length;
      emit(size <= outputCap ? rendered : { type: 'result', text: rendered.text.slice(0, outputCap) });
    }
    // A rejection nobody handled is reported after the microtasks that follow the cell's last line: wait for it.
    await new Promise((r) => setImmediate(r));
    if (failedCells.has(id)) status = 'error';
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
    runningCell = undefined;
    failedCells.delete(id);
  }
  send({ type: 'finished', id, status });
}

const g = globalThis as Record<string, unknown>;
g.__naxt = { import: importForCell };
// A cell's `import(x)` (rewritten by transform.ts): the same resolution as its static imports.
g.$imprt = (spec: unknown) => importForCell(String(spec));
g.display = display;
tagTimers();

// ---- the watchdog (see watchdog.ts): interrupts a blocked main thread, ends the kernel with its runner, holds RSS.
const interruptAck = new Int32Array(new SharedArrayBuffer(4));
const heartbeat = new Int32Array(new SharedArrayBuffer(4));
setInterval(() => Atomics.add(heartbeat, 0, 1), 100).unref();
function startWatchdog(rssLimitMb: number, groupLeader: boolean): void {
  const worker = new Worker(WATCHDOG_SOURCE, {
    eval: true,
    workerData: {
      ack: interruptAck,
      heartbeat,
      parentPid: process.ppid,
      rssLimitBytes: rssLimitMb * 1024 * 1024,
      groupLeader,
      marker: RSS_LIMIT_MARKER,
    },
    stdout: false,
    stderr: false,
  });
  worker.unref();
}

process.on('message', (m: ToChild) => {
  if (m.type === 'init') {
    startWatchdog(m.rssLimitMb, m.groupLeader);
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
  } else if (m.type === 'interrupt') {
    Atomics.store(interruptAck, 0, m.seq);
    if (m.id !== current) return;
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

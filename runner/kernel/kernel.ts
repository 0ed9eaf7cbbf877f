import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { CellEvent, CellStatus } from '../contracts.ts';
import type { FromChild, LedgerEntry, ProgressConfig, ToChild } from './protocol.ts';
import { CellSyntaxError, originalPosition, transformCell } from './transform.ts';
import { scrubSecrets, scrubValue, SECRET_NAME } from './scrub.ts';
import { RSS_LIMIT_MARKER } from './watchdog.ts';

export interface KernelOptions {
  env: Record<string, string>;
  cwd: string;
  globals?: Record<string, unknown>;
  aliases?: Record<string, string>;
  /** What the kernel may hold in memory, all of it (resident set: heap, Buffers, native). */
  memoryMb?: number;
  /** Per-cell wall-clock limit; none when undefined (a real account: Interrupt stops a cell instead). */
  timeLimitMs?: number;
  /** The timers of the time limit (a test's fake clock); the real ones by default. */
  clock?: KernelClock;
  outputCapBytes?: number;
  /** Typical durations of long operations on this target, for progress estimates. */
  progress?: ProgressConfig;
  /** Records a workshop create call; the call goes out only once this resolves. */
  onLedger?: (entry: LedgerEntry) => Promise<void>;
}

/** The timers the kernel's time limit runs on. */
export interface KernelClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
const realClock: KernelClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

const childSource = join(import.meta.dirname, 'child.ts');

/** The files whose content names the cached child bundle. */
export function childInputs(): string[] {
  const ts = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => join(dir, f));
  return [
    ...ts(import.meta.dirname),
    join(import.meta.dirname, '../resources/not-found.ts'),
    ...ts(join(import.meta.dirname, '../../core')),
  ];
}
const GRACE_MS = 2_000;
/** How often, and how many more times, an interrupt is sent again while its cell still runs. */
const INTERRUPT_RETRY_MS = 400;
const INTERRUPT_RETRIES = 4;

/**
 * The child is bundled once per version of its source, inside the project's node_modules so that the cells'
 * bare imports (`@aws-sdk/client-s3`) resolve from the project, and so that it starts on plain node (fast).
 */
async function childBundle(cwd: string): Promise<string> {
  // Every file the child may bundle: the kernel's own modules, the not-found classifier and core/ (the kinds the
  // progress watch reads). Hashing a few files too many only costs a rebuild; one too few would run a stale child.
  const hash = createHash('sha256');
  for (const f of childInputs()) hash.update(f).update(readFileSync(f));
  const dir = join(cwd, 'node_modules', '.cache', 'naxt-kernel');
  const file = join(dir, `child-${hash.digest('hex').slice(0, 12)}.mjs`);
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp.mjs`;
    await build({
      entryPoints: [childSource],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    const { rename } = await import('node:fs/promises');
    await rename(tmp, file);
  }
  return file;
}

/** The environment a kernel gets: what it needs to run Node and reach its target, nothing of the runner's secrets. */
function kernelEnv(extra: Record<string, string>): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE'];
  const env: Record<string, string> = {};
  for (const k of keep) if (process.env[k]) env[k] = process.env[k]!;
  return { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...extra };
}

/**
 * Kernels alive in this process, by the pid that leads their process group: when the runner exits (even on an
 * uncaught error), every kernel and what its cells started goes with it. A runner killed with SIGKILL cannot run
 * this: then each kernel's watchdog sees its parent gone and ends its own group.
 */
const liveGroups = new Set<number>();
const killGroup = (pid: number) => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
};
/**
 * Every process below `pid` (Linux: from /proc). A cell's `spawn(…, { detached: true })` leaves the kernel's group
 * (setsid), so the group kill misses it; while the kernel lives it is still its descendant, and found here.
 */
function descendants(pid: number): number[] {
  if (process.platform !== 'linux') return [];
  const children = new Map<number, number[]>();
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      } catch {
        // the process ended while we looked
      }
    }
  } catch {
    return [];
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(pid);
  return found;
}
/** Ends a kernel, its group and whatever else it started. */
function killTree(pid: number): void {
  const below = descendants(pid);
  killGroup(pid);
  for (const p of below) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.once('exit', () => {
  for (const pid of liveGroups) killTree(pid);
});

/** How big an event is, in characters, for the per-cell cap. */
function sizeOf(e: CellEvent): number {
  switch (e.type) {
    case 'stream':
      return e.text.length;
    case 'result':
      return e.text.length + (e.table ? JSON.stringify(e.table).length : 0);
    case 'display':
      return typeof e.data === 'string' ? e.data.length : JSON.stringify(e.data ?? null).length;
    case 'error':
      return e.message.length + (e.stack?.length ?? 0);
    default:
      return 0;
  }
}

interface Running {
  id: number;
  onEvent: (e: CellEvent) => void;
  resolve: (s: CellStatus) => void;
  map: string;
  filename: string;
  started: number;
  bytes: number;
  capped: boolean;
  resultShown?: boolean;
  /** Set when the time limit stopped the cell: an interrupt it caused is a timeout. */
  timedOut?: boolean;
  /** When Interrupt was pressed for this cell (performance.now()). */
  interruptedAt?: number;
  /** The first interrupt sent to this cell: retries are counted from it. */
  firstInterruptSeq?: number;
}

/** One session's kernel: a child process that keeps the cells' scope. Cells run one at a time. */
export class Kernel {
  private child: ChildProcess | undefined;
  private running: Running | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private seq = 0;
  private exitListeners: ((info: { code: number | null; signal: string | null; reason: string }) => void)[] = [];
  private lastExitReason: string | undefined;

  private constructor(
    private readonly opts: KernelOptions,
    private readonly bundle: string,
  ) {}

  static async start(opts: KernelOptions): Promise<Kernel> {
    const kernel = new Kernel(opts, await childBundle(opts.cwd));
    await kernel.spawnChild();
    return kernel;
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** A cell runs, compiles or waits its turn. */
  get busy(): boolean {
    return !!this.running || this.preparing || this.waiting > 0;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  onExit(cb: (info: { code: number | null; signal: string | null; reason: string }) => void): void {
    this.exitListeners.push(cb);
  }

  private get memoryMb() {
    return this.opts.memoryMb ?? 768;
  }

  /** The secrets this kernel was given (its sandbox or AWS secret key, a session token): never shown, whatever their shape. */
  private get knownSecrets(): string[] {
    return ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'].map((k) => this.opts.env[k]).filter((v): v is string => !!v);
  }

  private interruptSeq = 0;

  private spawnChild(): Promise<void> {
    const child = spawn(process.execPath, [`--max-old-space-size=${this.memoryMb}`, '--stack-size=2000', this.bundle], {
      cwd: this.opts.cwd,
      env: kernelEnv(this.opts.env),
      // fd 4: the watchdog's interrupt line (see watchdog.ts).
      stdio: ['ignore', 'pipe', 'pipe', 'ipc', 'pipe'],
      serialization: 'advanced',
      // Its own process group: a restart, a timeout or the runner's exit ends everything the kernel started.
      detached: process.platform !== 'win32',
    });
    this.child = child;
    const group = child.pid;
    if (group !== undefined && process.platform !== 'win32') liveGroups.add(group);
    (child.stdio[4] as NodeJS.WritableStream | null)?.on('error', () => undefined);
    // Bytes that bypass the patched streams (native code, fatal errors) still reach the cell.
    child.stdout?.on('data', (b: Buffer) => this.forward({ type: 'stream', name: 'stdout', text: b.toString('utf8') }));
    child.stderr?.on('data', (b: Buffer) => {
      const text = b.toString('utf8');
      if (/heap out of memory|Allocation failed/i.test(text) || text.includes(RSS_LIMIT_MARKER)) {
        this.lastExitReason = 'oom';
        if (text.includes(RSS_LIMIT_MARKER)) return;
      }
      if (!/^\s*<--- Last few GCs --->|^\s*\[\d+:0x|FATAL ERROR|^\s*\d+: 0x|Security context|^\s*$/m.test(text))
        this.forward({ type: 'stream', name: 'stderr', text });
    });
    child.on('message', (m: FromChild) => this.onMessage(m));
    child.on('exit', (code, signal) => this.onChildExit(child, code, signal));
    return new Promise((resolve, reject) => {
      const onReady = (m: FromChild) => {
        if (m.type === 'ready') {
          child.off('message', onReady);
          resolve();
        }
      };
      child.on('message', onReady);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the kernel exited while starting (code ${code})`)));
      const init: ToChild = {
        type: 'init',
        globals: this.opts.globals ?? {},
        aliases: this.opts.aliases ?? {},
        outputCapBytes: this.opts.outputCapBytes ?? 1_000_000,
        progress: this.opts.progress,
        rssLimitMb: this.memoryMb,
        groupLeader: process.platform !== 'win32',
      };
      child.send(init);
    });
  }

  private forward(e: CellEvent): void {
    const r = this.running;
    if (!r) return;
    // The runner enforces the cap too, before any other work: a child that escapes its own cap (bytes written
    // straight to fd 1, a display of 100 MB) can neither flood the page nor grow what the runner holds per cell.
    const size = sizeOf(e);
    const cap = (this.opts.outputCapBytes ?? 1_000_000) * 1.1 + 16_384;
    if (e.type === 'result' && !r.resultShown && size <= cap) {
      r.resultShown = true; // the cell's last value has a cap of its own, after whatever it printed
    } else if (size > 0) {
      if (r.capped) return;
      r.bytes += size;
      if (r.bytes > cap) {
        r.capped = true;
        r.onEvent({ type: 'notice', level: 'warning', text: 'Output truncated: the cell printed or displayed too much.' });
        return;
      }
    }
    const scrubbed = scrub(e, this.knownSecrets);
    if (scrubbed.type === 'error') r.onEvent(this.mapError(scrubbed, r));
    else r.onEvent(scrubbed);
  }

  private mapError(e: Extract<CellEvent, { type: 'error' }>, r: Running): CellEvent {
    const frame = e.stack ? new RegExp(`${r.filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`).exec(e.stack) : null;
    const pos = frame ? originalPosition(r.map, Number(frame[1]), Number(frame[2])) : undefined;
    // The learner's frames only: the kernel's own machinery is noise.
    const stack = e.stack
      ?.split('\n')
      .filter((l) => !/\(node:|at node:|naxt-kernel|runInThisContext|sigintHandlersWrap/.test(l))
      .map((l) =>
        l.replace(new RegExp(`${r.filename}:(\\d+):(\\d+)`), (_m, line: string, col: string) => {
          const p = originalPosition(r.map, Number(line), Number(col));
          return p ? `cell:${p.line}:${p.column}` : 'cell';
        }),
      )
      .join('\n');
    return { ...e, stack, line: pos?.line, column: pos?.column };
  }

  private onMessage(m: FromChild): void {
    if (m.type === 'ledger') {
      const child = this.child;
      void (this.opts.onLedger?.(m.entry) ?? Promise.resolve())
        .catch((error: unknown) => console.error('[kernel] could not record a ledger entry:', error))
        .then(() => child?.send({ type: 'ledger-ack', id: m.id } satisfies ToChild));
      return;
    }
    const r = this.running;
    if (m.type === 'event' && r && m.id === r.id) this.forward(m.event);
    else if (m.type === 'finished' && r && m.id === r.id) this.finish(m.status);
  }

  private finish(reported: CellStatus): void {
    const r = this.running;
    if (!r) return;
    const status = r.timedOut && reported === 'interrupted' ? 'timeout' : reported;
    this.running = undefined;
    r.onEvent({ type: 'done', status, durationMs: Math.round(performance.now() - r.started) });
    r.resolve(status);
  }

  private onChildExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child.pid !== undefined && liveGroups.delete(child.pid)) killGroup(child.pid); // what its cells started
    if (child !== this.child) return;
    const reason = this.lastExitReason ?? (signal ? `signal ${signal}` : `exit code ${code}`);
    this.lastExitReason = undefined;
    this.child = undefined;
    for (const l of this.exitListeners) l({ code, signal, reason });
    const r = this.running;
    if (r && !this.expectedExit) {
      const text =
        r.interruptedAt !== undefined && reason !== 'oom'
          ? 'The cell could not be stopped where it was running (inside a callback), so its kernel was restarted; variables from earlier cells are gone.'
          : reason === 'oom' || code === 134 || signal === 'SIGABRT'
            ? `The kernel ran out of memory (limit ${this.memoryMb} MB) and was restarted; variables from earlier cells are gone.`
            : `The kernel exited (${reason}) — a cell that calls process.exit() ends it. It restarts with the next cell; variables from earlier cells are gone.`;
      r.onEvent({ type: 'notice', level: 'error', text });
      this.finish(r.interruptedAt !== undefined && reason !== 'oom' ? 'interrupted' : 'died');
    }
  }

  private expectedExit = false;

  execute(code: string, onEvent: (e: CellEvent) => void, opts?: { timeLimitMs?: number }): Promise<CellStatus> {
    this.waiting++;
    const next = this.queue.then(() => {
      this.waiting--;
      return this.executeNow(code, onEvent, opts?.timeLimitMs ?? this.opts.timeLimitMs);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async executeNow(code: string, onEvent: (e: CellEvent) => void, limit: number | undefined): Promise<CellStatus> {
    const started = performance.now();
    let transformed;
    // Interrupt pressed while the cell compiles or the kernel starts: it must still stop the cell.
    this.preparing = true;
    try {
      try {
        transformed = await transformCell(code);
      } catch (error) {
        if (error instanceof CellSyntaxError) {
          this.interruptRequested = false; // the cell never ran: nothing is left to stop
          onEvent({ type: 'error', name: 'SyntaxError', message: error.message, line: error.line, column: error.column });
          onEvent({ type: 'done', status: 'error', durationMs: Math.round(performance.now() - started) });
          return 'error';
        }
        throw error;
      }
      if (!this.alive) {
        await this.spawnChild();
        onEvent({ type: 'notice', level: 'info', text: 'Started a fresh kernel: variables from earlier cells are gone.' });
      }
    } finally {
      this.preparing = false;
    }
    if (this.interruptRequested) {
      this.interruptRequested = false;
      onEvent({ type: 'notice', level: 'warning', text: 'Interrupted before it started. Variables from earlier cells are kept.' });
      onEvent({ type: 'done', status: 'interrupted', durationMs: Math.round(performance.now() - started) });
      return 'interrupted';
    }
    const id = ++this.seq;
    const filename = `naxt-cell-${id}.ts`;
    return new Promise<CellStatus>((resolve) => {
      const clock = this.opts.clock ?? realClock;
      let timer: unknown;
      const finishOnce = (s: CellStatus) => {
        if (timer !== undefined) clock.clearTimeout(timer);
        resolve(s);
      };
      this.running = { id, onEvent, resolve: finishOnce, map: transformed.map, filename, started, bytes: 0, capped: false };
      if (limit !== undefined) timer = clock.setTimeout(() => void this.onTimeLimit(id, limit), limit);
      this.child!.send({ type: 'exec', id, code: transformed.code, filename } satisfies ToChild);
    });
  }

  private async onTimeLimit(id: number, limit: number): Promise<void> {
    const r = this.running;
    if (!r || r.id !== id) return;
    r.timedOut = true;
    r.onEvent({
      type: 'notice',
      level: 'warning',
      text: `The cell reached its time limit (${Math.round(limit / 1000)} s) and was stopped.`,
    });
    await this.interrupt();
    await new Promise((res) => setTimeout(res, GRACE_MS));
    if (this.running?.id === id) {
      r.onEvent({
        type: 'notice',
        level: 'error',
        text: 'The cell did not stop, so the kernel was restarted; variables from earlier cells are gone.',
      });
      await this.kill();
      this.running = undefined;
      r.onEvent({ type: 'done', status: 'timeout', durationMs: Math.round(performance.now() - r.started) });
      r.resolve('timeout');
    } else {
      // Interrupted in time: report it as a timeout, state kept.
    }
  }

  private preparing = false;
  private waiting = 0;
  private interruptRequested = false;

  async interrupt(): Promise<void> {
    if (!this.running && (this.preparing || this.waiting > 0)) {
      this.interruptRequested = true;
      return;
    }
    const r = this.running;
    if (!r || !this.child) return;
    r.interruptedAt ??= performance.now();
    const seq = ++this.interruptSeq;
    // Three ways in: the watchdog's line (works while the cell blocks the main thread after an await or import),
    // the IPC message (a cell waiting on a promise), SIGINT (synchronous code, breakOnSigint).
    (this.child.stdio[4] as NodeJS.WritableStream | null)?.write('i');
    this.child.send({ type: 'interrupt', id: r.id, seq } satisfies ToChild);
    this.child.kill('SIGINT');
    // An interrupt that lands between the cell's exec message and the start of its code finds nothing to stop (and
    // acknowledges the watchdog's line): ask again while the same cell still runs, a few times.
    if (seq - (r.firstInterruptSeq ??= seq) < INTERRUPT_RETRIES) {
      setTimeout(() => {
        if (this.running === r && this.interruptSeq === seq) void this.interrupt();
      }, INTERRUPT_RETRY_MS).unref();
    }
  }

  private async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectedExit = true;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      // The whole group: children a cell forked die with their kernel.
      if (child.pid !== undefined && liveGroups.has(child.pid)) killTree(child.pid);
      else child.kill('SIGKILL');
    });
    this.expectedExit = false;
  }

  async restart(): Promise<void> {
    const r = this.running;
    await this.kill();
    if (r) {
      this.running = undefined;
      r.onEvent({ type: 'notice', level: 'warning', text: 'The kernel was restarted; variables from earlier cells are gone.' });
      r.onEvent({ type: 'done', status: 'interrupted', durationMs: Math.round(performance.now() - r.started) });
      r.resolve('interrupted');
    }
    await this.spawnChild();
  }

  async dispose(): Promise<void> {
    await this.kill();
  }
}

/** A table's rows with credentials hidden: by shape in every cell, and whole cells under a credential's column name. */
function scrubTable(t: { columns: string[]; rows: unknown[][] }, known: string[]): { columns: string[]; rows: unknown[][] } {
  const secretColumn = t.columns.map((c) => SECRET_NAME.test(c));
  return {
    columns: t.columns.map((c) => scrubSecrets(c, known)),
    rows: t.rows.map((row) => row.map((v, i) => (secretColumn[i] && typeof v === 'string' ? '[redacted]' : scrubValue(v, known)))),
  };
}

function scrub(e: CellEvent, known: string[]): CellEvent {
  const s = (t: string) => scrubSecrets(t, known);
  switch (e.type) {
    case 'stream':
      return { ...e, text: s(e.text) };
    case 'result':
      return { ...e, text: s(e.text), table: e.table && scrubTable(e.table, known) };
    case 'error':
      return { ...e, message: s(e.message), stack: e.stack && s(e.stack) };
    case 'notice':
      return { ...e, text: s(e.text) };
    case 'progress':
      return { ...e, name: s(e.name), detail: e.detail && s(e.detail), reason: e.reason && s(e.reason) };
    case 'display':
      return { ...e, data: scrubValue(e.data, known) };
    default:
      return e;
  }
}

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { CellEvent, CellStatus, Target, WorkshopGlobals } from './contracts.ts';
import { Kernel } from './kernel/kernel.ts';
import { readJson, writeJsonAtomic } from './store/atomic-file.ts';
import type { TargetAccount } from './target.ts';
import type { Ledger } from './resources/ledger.ts';
import { estimatesMs } from './resources/durations.ts';
import type { KernelLimits } from './config.ts';
import { ApiError } from './api/errors.ts';
import { SESSION_TAG_KEY, WORKSHOP_TAG } from '../core/tags.ts';

export const NAME_PREFIX = 'naxt-';

interface SessionRecord {
  id: string;
  createdAt: string;
  target: Target;
}

export interface SessionsOptions {
  dataDir: string;
  projectDir: string;
  target: TargetAccount;
  /** Per-cell limit; undefined: none (a real account's waits are long; Interrupt still stops a cell). */
  cellTimeLimitMs: number | undefined;
  /** Import aliases of the workshop library for the kernels. */
  aliases: () => Record<string, string>;
  ledger: Ledger;
  /** How much faster the target's clock runs than the wall clock (the sandbox's --time-scale; 1 on a real account). */
  timeScale?: number;
  /** Memory per kernel, idle time, how many at once (config.ts); none but the memory default when omitted. */
  kernels?: Partial<KernelLimits>;
}

/** Refused when the runner already has its maximum of kernels alive: the machine is full. */
export class KernelsFull extends ApiError {
  constructor(max: number) {
    super(
      503,
      'KernelsFull',
      `The workshop already runs ${max} kernel${max === 1 ? '' : 's'}, as many as this machine has memory for, so no new one can start. ` +
        'Try again when another session goes idle (kernels stop after a while without use), or restart the runner with a higher --max-kernels.',
    );
  }
}

/** What a session's kernels share: the count of live ones, against the cap. */
interface KernelPool {
  live: Set<Session>;
  max: number;
}

const idleFor = (ms: number) => {
  const [n, unit] = ms >= 60_000 ? [Math.round(ms / 60_000), 'minute'] : [Math.max(1, Math.round(ms / 1000)), 'second'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
};

/** Session ids are short, lowercase and DNS-safe: they end up in bucket names and tags. */
const newSessionId = () => randomBytes(4).toString('hex');
export const isSessionId = (s: string) => /^[0-9a-f]{8}$/.test(s);

/** One learner session: its workshop values and its kernel (a child process, started on first use). */
export class Session {
  private kernelPromise: Promise<Kernel> | undefined;
  private kernelInstance: Kernel | undefined;
  readonly workshop: WorkshopGlobals;
  /** The cells (`lab/cell`) that ran to the end in the current kernel: what its scope holds. A restart empties it. */
  readonly ran = new Set<string>();

  /** When the learner last ran, interrupted or restarted something here (ms, performance.now()). */
  lastUsed = performance.now();
  /** Set when the idle reaper stopped this session's kernel: the next cell says so. */
  private reapedAfterMs: number | undefined;

  constructor(
    readonly record: SessionRecord,
    private readonly opts: SessionsOptions,
    private readonly pool: KernelPool = { live: new Set(), max: Infinity },
  ) {
    const { target } = opts;
    this.workshop = {
      sessionId: record.id,
      region: target.region,
      accountId: target.accountId,
      bucket: `naxt-genai-${target.accountId}-${record.id}`,
      prefix: NAME_PREFIX,
      tags: [{ ...WORKSHOP_TAG }, { Key: SESSION_TAG_KEY, Value: record.id }],
      roleArn: `arn:aws:iam::${target.accountId}:role/naxt-workshop-sagemaker-execution`,
      target: target.kind,
    };
  }

  get id(): string {
    return this.record.id;
  }

  get kernelPid(): number | undefined {
    return this.kernelInstance?.pid;
  }

  get kernelStarted(): boolean {
    return this.kernelPromise !== undefined;
  }

  /** Whether a cell runs or waits in this session's kernel. */
  get busy(): boolean {
    return !!this.kernelInstance?.busy;
  }

  /** Throws KernelsFull when starting this session's kernel would exceed the runner's cap. */
  admit(): void {
    if (!this.pool.live.has(this) && this.pool.live.size >= this.pool.max) throw new KernelsFull(this.pool.max);
  }

  kernel(): Promise<Kernel> {
    this.lastUsed = performance.now();
    if (!this.kernelPromise) {
      this.admit();
      this.pool.live.add(this);
    }
    this.kernelPromise ??= Kernel.start({
      env: this.opts.target.kernelEnv(),
      cwd: this.opts.projectDir,
      globals: { workshop: this.workshop },
      aliases: this.opts.aliases(),
      timeLimitMs: this.opts.cellTimeLimitMs,
      memoryMb: this.opts.kernels?.memoryMb,
      progress: {
        estimatesMs: estimatesMs(this.opts.timeScale ?? 1, join(this.opts.projectDir, 'content')),
        realAccountMs: (this.opts.timeScale ?? 1) !== 1 ? estimatesMs(1, join(this.opts.projectDir, 'content')) : undefined,
      },
      onLedger: (entry) => this.opts.ledger.append(this.record.id, entry),
    })
      .then((k) => {
        k.onExit(() => this.ran.clear());
        return (this.kernelInstance = k);
      })
      .catch((error: unknown) => {
        this.kernelPromise = undefined;
        this.pool.live.delete(this);
        throw error;
      });
    return this.kernelPromise;
  }

  async run(code: string, onEvent: (e: CellEvent) => void, timeLimitMs?: number): Promise<CellStatus> {
    const kernel = await this.kernel();
    if (this.reapedAfterMs !== undefined) {
      const idle = idleFor(this.reapedAfterMs);
      this.reapedAfterMs = undefined;
      onEvent({
        type: 'notice',
        level: 'warning',
        text: `Your kernel was stopped after ${idle} idle, to free memory; earlier variables are gone. Run the cells above again to get them back.`,
      });
    }
    try {
      return await kernel.execute(code, onEvent, timeLimitMs ? { timeLimitMs } : undefined);
    } finally {
      this.lastUsed = performance.now();
    }
  }

  /** Stops the kernel when it has been idle (no cell running or waiting) for `idleMs`; true when it did. */
  async reapIfIdle(idleMs: number, now = performance.now()): Promise<boolean> {
    if (!this.kernelInstance || this.busy || now - this.lastUsed < idleMs) return false;
    this.ran.clear();
    await this.dispose();
    this.reapedAfterMs = idleMs;
    return true;
  }

  /** Reads a global of the kernel as JSON; undefined when it is not defined (or the kernel never ran). */
  async kernelValue(name: string): Promise<unknown> {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`not a variable name: ${name}`);
    if (!this.kernelStarted) return undefined;
    let value: unknown;
    const code = `display('application/vnd.workshop.value+json', JSON.parse(JSON.stringify(globalThis[${JSON.stringify(name)}] ?? null)))`;
    const status = await this.run(
      code,
      (e) => {
        if (e.type === 'display' && e.mime === 'application/vnd.workshop.value+json') value = e.data;
      },
      10_000,
    );
    if (status !== 'ok') return undefined;
    return value ?? undefined;
  }

  async dispose(): Promise<void> {
    const kernel = this.kernelPromise;
    this.kernelPromise = undefined;
    this.kernelInstance = undefined;
    this.pool.live.delete(this);
    if (kernel) await (await kernel.catch(() => undefined))?.dispose();
  }
}

/** Every session of a runner. The learner's current session is remembered across restarts. */
export class Sessions {
  private sessions = new Map<string, Session>();
  private stopResolve!: () => void;
  /** Resolves when the workshop stops (Ctrl+C): running cells end their event streams with it. */
  readonly stopped: Promise<void> = new Promise((resolve) => (this.stopResolve = resolve));
  stopping = false;

  private readonly pool: KernelPool;
  private readonly reaper: NodeJS.Timeout | undefined;

  constructor(private readonly opts: SessionsOptions) {
    this.pool = { live: new Set(), max: opts.kernels?.max ?? Infinity };
    const idleMs = opts.kernels?.idleMs;
    if (idleMs !== undefined) {
      // Looks a few times per idle period: a kernel stops within a quarter of its idle time after it became due.
      this.reaper = setInterval(() => void this.reapIdle(idleMs), Math.max(250, Math.min(60_000, idleMs / 4)));
      this.reaper.unref();
    }
  }

  /** Stops the kernels idle for longer than `idleMs`. */
  async reapIdle(idleMs: number): Promise<void> {
    await Promise.all(this.all().map((s) => s.reapIfIdle(idleMs).catch(() => false)));
  }

  /** Kernels alive now (started or starting). */
  get liveKernels(): number {
    return this.pool.live.size;
  }

  private recordFile(id: string) {
    return join(this.opts.dataDir, 'sessions', id, 'session.json');
  }

  async create(): Promise<Session> {
    const record: SessionRecord = { id: newSessionId(), createdAt: new Date().toISOString(), target: this.opts.target.kind };
    await writeJsonAtomic(this.recordFile(record.id), record);
    const session = new Session(record, this.opts, this.pool);
    this.sessions.set(record.id, session);
    return session;
  }

  async get(id: string): Promise<Session | undefined> {
    if (!isSessionId(id)) return undefined;
    const known = this.sessions.get(id);
    if (known) return known;
    const record = await readJson<SessionRecord>(this.recordFile(id));
    if (!record) return undefined;
    const session = new Session(record, this.opts, this.pool);
    this.sessions.set(id, session);
    return session;
  }

  /** The learner's session for this data directory and target, created on first use. */
  async current(): Promise<Session> {
    const file = join(this.opts.dataDir, `current-session-${this.opts.target.kind}.json`);
    const pointer = await readJson<{ id: string }>(file);
    const existing = pointer ? await this.get(pointer.id) : undefined;
    if (existing) return existing;
    const session = await this.create();
    await writeJsonAtomic(file, { id: session.id });
    return session;
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  private inflight = new Set<Promise<unknown>>();

  /** A cell run the API is streaming: shutdown waits for it to record its progress. */
  track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined);
    return p;
  }

  /** Resolves when every tracked run has recorded its outcome, or after `ms`. */
  async settled(ms: number): Promise<void> {
    await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => setTimeout(r, ms).unref())]);
  }

  /** The workshop stops: interrupt every running cell, then end the streams of those still running. */
  async stop(graceMs = 1_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await Promise.all(
      this.all()
        .filter((s) => s.kernelStarted)
        .map(async (s) => (await s.kernel().catch(() => undefined))?.interrupt()),
    );
    // Interrupted cells end on their own within the grace; streams of those that do not end with the stop.
    if (this.inflight.size) await this.settled(graceMs);
    this.stopResolve();
  }

  async dispose(): Promise<void> {
    if (this.reaper) clearInterval(this.reaper);
    await Promise.all(this.all().map((s) => s.dispose()));
  }
}

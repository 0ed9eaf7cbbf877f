import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { totalmem } from 'node:os';
import type { Target } from './contracts.ts';

export interface RunnerConfig {
  host: '127.0.0.1';
  port: number;
  open: boolean;
  target: Target;
  profile?: string;
  region: string;
  timeScale: number;
  dataDir: string;
  projectDir: string;
  faults?: string;
  /**
   * Per-cell wall-clock limit; undefined means none. Per target: minutes on the sandbox (its clock is scaled, so
   * nothing legitimate waits long), none on a real account, where an endpoint takes 5–15 min and a training job
   * 10–30 (content/durations.json) and Interrupt stops a cell at any time.
   */
  cellTimeLimitMs: number | undefined;
  kernels: KernelLimits;
}

/** What the runner's kernels may use, together: one learner's machine, or one shared by a class. */
export interface KernelLimits {
  /** Resident memory one kernel may hold (heap, Buffers, native), MB. */
  memoryMb: number;
  /** A kernel with no cell run, interrupt or restart for this long is stopped (its variables go); undefined: never. */
  idleMs: number | undefined;
  /** Kernels alive at once; a session asking for one more is refused until another stops. */
  max: number;
}

export const DEFAULT_KERNEL_MEMORY_MB = 768;
/** Idle kernels are stopped after an hour: long enough for a break, short enough that 200 forgotten tabs free memory. */
export const DEFAULT_KERNEL_IDLE_MINUTES = 60;
/** As many kernels as fit at their limit in three quarters of the machine's memory (the rest: the runner, the OS). */
export const defaultMaxKernels = (memoryMb: number) => Math.max(1, Math.floor(((totalmem() / 1024 / 1024) * 0.75) / memoryMb));

export const projectDir = resolve(import.meta.dirname, '..');

/** Parses `npm start -- …` options; unknown options are an error that names them. */
export function parseRunnerArgs(argv: string[]): RunnerConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string', default: '4321' },
      'no-open': { type: 'boolean', default: false },
      aws: { type: 'boolean', default: false },
      profile: { type: 'string' },
      region: { type: 'string' },
      'time-scale': { type: 'string', default: '60' },
      'data-dir': { type: 'string' },
      faults: { type: 'string' },
      'cell-time-limit': { type: 'string' },
      'kernel-memory': { type: 'string' },
      'kernel-idle-minutes': { type: 'string' },
      'max-kernels': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);
  const timeScale = Number(values['time-scale']);
  if (!(timeScale > 0)) throw new Error(`--time-scale must be a positive number, got "${values['time-scale']}"`);
  const cellTimeLimitMs = parseCellTimeLimit(values['cell-time-limit'], values.aws ? 'aws' : 'sandbox');
  const memoryMb = positive(values['kernel-memory'], DEFAULT_KERNEL_MEMORY_MB, '--kernel-memory (MB)');
  const idle = values['kernel-idle-minutes'];
  const idleMs = idle === 'off' || idle === '0' ? undefined : positive(idle, DEFAULT_KERNEL_IDLE_MINUTES, '--kernel-idle-minutes') * 60_000;
  const max = Math.floor(positive(values['max-kernels'], defaultMaxKernels(memoryMb), '--max-kernels'));
  return {
    kernels: { memoryMb, idleMs, max },
    host: '127.0.0.1',
    port,
    open: !values['no-open'],
    target: values.aws ? 'aws' : 'sandbox',
    profile: values.profile,
    region: values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    timeScale,
    dataDir: resolve(values['data-dir'] ?? resolve(projectDir, '.workshop')),
    projectDir,
    faults: values.faults,
    cellTimeLimitMs,
  };
}

/** The default per-cell limit of each target, in seconds (undefined: no limit). */
export const DEFAULT_CELL_TIME_LIMIT_S: Record<Target, number | undefined> = { sandbox: 600, aws: undefined };

/** `--cell-time-limit off|<seconds>`, or the target's default. */
export function parseCellTimeLimit(value: string | undefined, target: Target): number | undefined {
  if (value === undefined) {
    const s = DEFAULT_CELL_TIME_LIMIT_S[target];
    return s === undefined ? undefined : s * 1000;
  }
  if (value === 'off' || value === '0') return undefined;
  const seconds = Number(value);
  if (!(seconds > 0)) throw new Error(`--cell-time-limit must be "off" or a positive number of seconds, got "${value}"`);
  return seconds * 1000;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0)) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}

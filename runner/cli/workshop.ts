/**
 * `npx workshop <command>` — verify the labs, run files as cells, print the sandbox's environment.
 */
import { parseArgs } from 'node:util';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRunnerArgs, projectDir } from '../config.ts';
import { startRunner, runtimeFile, type RunningRunner } from '../server.ts';
import { loadLabs } from '../labs/catalog.ts';
import { verifyLabs, type StepVerdict } from '../labs/verify.ts';
import { readJson } from '../store/atomic-file.ts';
import { SANDBOX_SERVICES, sandboxEndpoint, SDK_QUIET_ENV } from '../target.ts';
import type { CellEvent } from '../contracts.ts';
import { exitFlushed, toleratePipeClose } from './exit.ts';

const usage = `usage: npx workshop <command>
  verify [lab…] [--aws] [--json] [--time-scale K]   run the labs' solutions; every check must fail before its step and pass after
  run FILE… [--aws] [--cell-time-limit S|off]       run files as consecutive cells of one session, print their output
  env [--data-dir D]                                print the shell exports that point AWS tools at the running sandbox`;

/** Exit codes of a command stopped by a signal, as a shell reports them (128 + the signal's number). */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Set when a signal stopped the command: its exit code wins over the command's own. */
let stoppedBy: NodeJS.Signals | undefined;

/** How long a stop by signal may take before the temporary files are removed anyway and the command exits. */
const FORCE_AFTER_MS = 8_000;

/**
 * A runner of its own for one command: fresh data directory, ephemeral port, never opens a browser. Its data
 * directory and runtime file (which holds the launch token) go with it however the command ends, Ctrl+C included:
 * SIGINT or SIGTERM stops the runner, removes them and exits non-zero; a second signal (or a stop that hangs)
 * removes them at once.
 */
async function privateRunner(flags: string[]): Promise<{ runner: RunningRunner; dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'naxt-workshop-'));
  const removeNow = () => {
    rmSync(runtimeFile(dataDir), { force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = startRunner(parseRunnerArgs(['--port', '0', '--no-open', '--data-dir', dataDir, ...flags]));
  let disposing: Promise<void> | undefined;
  // Once only: the command's own end and a signal may both ask for it, and must both wait for the same close.
  const dispose = () =>
    (disposing ??= (async () => {
      try {
        await (await started.catch(() => undefined))?.close();
      } finally {
        await rm(runtimeFile(dataDir), { force: true });
        await rm(dataDir, { recursive: true, force: true });
      }
    })());
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = SIGNAL_EXIT[signal] ?? 1;
    if (stopping) {
      removeNow();
      process.exit(code);
    }
    stopping = true;
    stoppedBy = signal;
    process.stderr.write(`\nStopping (${signal}): the running cell is interrupted, the temporary data is removed… (again to force)\n`);
    setTimeout(() => {
      removeNow();
      process.exit(code);
    }, FORCE_AFTER_MS).unref();
    void dispose()
      .catch(() => removeNow())
      .finally(() => void exitFlushed(code));
  };
  // Before the runner starts: a Ctrl+C while it starts must not leave what it has written so far.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return { runner: await started, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

toleratePipeClose();

const mark = (b: boolean | null) => (b === null ? '—' : b ? 'yes' : 'NO');

function printTable(verdicts: StepVerdict[]): void {
  const rows = verdicts.map((v) => [
    v.ok ? 'ok' : 'FAIL',
    v.lab,
    v.step,
    mark(v.failedBefore),
    v.cell ?? '—',
    mark(v.passedAfter),
    `${v.ms} ms`,
    v.message,
  ]);
  const head = ['', 'lab', 'step', 'fails before', 'cell', 'passes after', 'time', 'message'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      aws: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'time-scale': { type: 'string', default: '3000' },
    },
  });
  const all = await loadLabs(join(projectDir, 'labs'));
  const unknown = positionals.filter((p) => !all.some((l) => l.slug === p || l.slug.startsWith(`${p}-`)));
  if (unknown.length) throw new Error(`no such lab: ${unknown.join(', ')} (labs: ${all.map((l) => l.slug).join(', ')})`);
  const labs = positionals.length ? all.filter((l) => positionals.some((p) => l.slug === p || l.slug.startsWith(`${p}-`))) : all;
  const { runner, dispose } = await privateRunner([...(values.aws ? ['--aws'] : []), '--time-scale', values['time-scale']]);
  try {
    const verdicts = await verifyLabs(runner, labs, {
      onStep: (v) => !values.json && process.stderr.write(`${v.ok ? '✓' : '✗'} ${v.lab} / ${v.step} (${v.ms} ms)\n`),
    });
    if (values.json) console.log(JSON.stringify({ ok: verdicts.every((v) => v.ok), verdicts }, null, 2));
    else printTable(verdicts);
    return verdicts.every((v) => v.ok) ? 0 : 1;
  } finally {
    await dispose();
  }
}

/** Last status printed per operation: a log file gets one line per change, not one per poll. */
const printedProgress = new Map<string, string>();

function printEvent(e: CellEvent): void {
  switch (e.type) {
    case 'progress': {
      const line = `${e.status}${e.detail && e.detail !== e.status ? ` · ${e.detail}` : ''}`;
      if (printedProgress.get(e.id) === line) break;
      printedProgress.set(e.id, line);
      const estimate = e.state === 'running' && e.estimateMs ? ` of ~${Math.round(e.estimateMs / 1000)} s` : '';
      console.error(
        `[progress] ${e.kind} ${e.name}: ${line} (${(e.elapsedMs / 1000).toFixed(1)} s${estimate})${e.reason ? ` — ${e.reason}` : ''}`,
      );
      break;
    }
    case 'stream':
      (e.name === 'stderr' ? process.stderr : process.stdout).write(e.text);
      break;
    case 'result':
      console.log(e.text);
      break;
    case 'display':
      console.log(`[${e.mime}] ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}`);
      break;
    case 'error':
      console.error(`${e.name}: ${e.message}${e.line ? ` (line ${e.line}${e.column ? `, column ${e.column}` : ''})` : ''}`);
      break;
    case 'notice':
      console.error(`[${e.level}] ${e.text}`);
      break;
    case 'done':
      break;
  }
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { aws: { type: 'boolean', default: false }, 'cell-time-limit': { type: 'string' } },
  });
  if (positionals.length === 0) throw new Error('run needs at least one file');
  // The runner's own option (seconds or "off"; the target's default when absent): a looping file ends in time.
  const limit = values['cell-time-limit'] === undefined ? [] : ['--cell-time-limit', values['cell-time-limit']];
  const { runner, dispose } = await privateRunner([...(values.aws ? ['--aws'] : []), ...limit]);
  try {
    const session = await runner.sessions.create();
    for (const file of positionals) {
      const status = await session.run(await readFile(resolve(file), 'utf8'), printEvent);
      if (status !== 'ok') {
        console.error(`${file}: ${status}`);
        return 1;
      }
    }
    return 0;
  } finally {
    await dispose();
  }
}

interface RuntimeInfo {
  pid: number;
  port: number;
  region: string;
  target: string;
  sandboxKeys?: { accessKeyId: string; secretAccessKey: string };
}

async function env(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } } });
  const dataDir = resolve(values['data-dir'] ?? join(projectDir, '.workshop'));
  const info = await readJson<RuntimeInfo>(runtimeFile(dataDir));
  const alive = info
    ? (() => {
        try {
          process.kill(info.pid, 0);
          return true;
        } catch {
          return false;
        }
      })()
    : false;
  if (!info || !alive || !info.sandboxKeys) {
    console.error(`No workshop sandbox is running from ${dataDir}: start it with \`npm start\` first.`);
    return 1;
  }
  const base = `http://127.0.0.1:${info.port}`;
  const exports: Record<string, string> = {
    ...SDK_QUIET_ENV,
    AWS_ACCESS_KEY_ID: info.sandboxKeys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: info.sandboxKeys.secretAccessKey,
    AWS_REGION: info.region,
    AWS_DEFAULT_REGION: info.region,
  };
  for (const s of Object.keys(SANDBOX_SERVICES) as (keyof typeof SANDBOX_SERVICES)[])
    exports[`AWS_ENDPOINT_URL_${s}`] = sandboxEndpoint(base, s);
  console.log('# Point AWS tools at the workshop sandbox:  eval "$(npx workshop env)"');
  for (const [k, v] of Object.entries(exports)) console.log(`export ${k}='${v}'`);
  return 0;
}

const commands: Record<string, (args: string[]) => Promise<number>> = { verify, run, env };

const [command, ...rest] = process.argv.slice(2);
const handler = command ? commands[command] : undefined;
if (!handler) {
  console.error(usage);
  void exitFlushed(command ? 2 : 0);
} else {
  handler(rest).then(
    (code) => exitFlushed(stoppedBy ? (SIGNAL_EXIT[stoppedBy] ?? 1) : code),
    (error: unknown) => {
      console.error(`workshop ${command}: ${(error as Error).message}`);
      return exitFlushed(stoppedBy ? (SIGNAL_EXIT[stoppedBy] ?? 1) : 1);
    },
  );
}

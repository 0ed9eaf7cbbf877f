import type { CellEvent } from '../contracts.ts';

/** What the terminal's dot-commands need from the runner. */
export interface TerminalContext {
  resources(): Promise<string>;
  cost(): Promise<string>;
  /** Streams a job's log lines (training, processing) until it ends or `signal` aborts. */
  logs(jobName: string, write: (text: string) => void, signal: AbortSignal): Promise<void>;
}

export const TERMINAL_HELP = [
  'The terminal shares the scope of your cells: variables from the labs are here.',
  '  <code>            run TypeScript in the session (top-level await works)',
  '  .resources        list what the workshop created in the account',
  '  .cost             running resources and their price per hour',
  '  .logs <job-name>  follow the log of a training or processing job (Ctrl+C stops)',
  '  .help             this help',
].join('\r\n');

export type DotCommand =
  { kind: 'help' } | { kind: 'resources' } | { kind: 'cost' } | { kind: 'logs'; job: string } | { kind: 'unknown'; text: string };

/** Parses a terminal line that starts with a dot; undefined for code. */
export function parseDotCommand(line: string): DotCommand | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('.') || /^\.\d/.test(trimmed)) return undefined;
  const [name, ...args] = trimmed.split(/\s+/);
  switch (name) {
    case '.help':
      return { kind: 'help' };
    case '.resources':
      return { kind: 'resources' };
    case '.cost':
      return { kind: 'cost' };
    case '.logs':
      return args[0] ? { kind: 'logs', job: args[0] } : { kind: 'unknown', text: 'usage: .logs <training-or-processing-job-name>' };
    default:
      return { kind: 'unknown', text: `unknown command ${name} — try .help` };
  }
}

/** Runs a dot-command, reporting through cell events so the page renders it like any output. */
export async function runDotCommand(
  cmd: DotCommand,
  ctx: TerminalContext,
  emit: (e: CellEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const started = performance.now();
  const text = (t: string) => emit({ type: 'stream', name: 'stdout', text: t.endsWith('\n') ? t : `${t}\n` });
  try {
    if (cmd.kind === 'help') text(TERMINAL_HELP);
    else if (cmd.kind === 'resources') text(await ctx.resources());
    else if (cmd.kind === 'cost') text(await ctx.cost());
    else if (cmd.kind === 'logs') await ctx.logs(cmd.job, text, signal);
    else emit({ type: 'notice', level: 'warning', text: cmd.text });
    emit({ type: 'done', status: 'ok', durationMs: performance.now() - started });
  } catch (error) {
    emit({ type: 'error', name: (error as Error).name ?? 'Error', message: (error as Error).message });
    emit({ type: 'done', status: 'error', durationMs: performance.now() - started });
  }
}

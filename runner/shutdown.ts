import { readFileSync } from 'node:fs';

/**
 * How `npm start` stops: the first Ctrl+C (SIGINT) or SIGTERM stops running cells, ends their event streams with
 * "the workshop stopped", flushes progress and exits; a second signal, or a stop that takes too long, forces it.
 * `kill -TERM <npm's pid>` reaches only npm, which passes it to its `sh -c`, which dies without passing it on: the
 * runner would keep serving. So the runner also stops when a launcher it was started by (tsx, sh, npm, npx) is gone.
 * (That a kernel dies with its runner even on SIGKILL is the kernel's own business: its watchdog.)
 *
 * `npm start` runs the runner with `node --import tsx`, not under the `tsx` command: that command passes a signal on
 * to its child when the child has not reported it within 30 ms, and kills the child (SIGKILL) 30 ms after that
 * (tsx's `relaySignals`). On a busy machine a Ctrl+C would then kill the runner while it saves the learner's progress.
 */
export interface Stoppable {
  close(): Promise<void>;
}

/**
 * How soon after the first signal a second one is still that first Ctrl+C, not the learner pressing it again: the
 * terminal sends SIGINT to the whole foreground process group, and npm passes it on to its script as well, so the
 * runner hears one Ctrl+C more than once, the copies a moment apart (longer on a loaded machine).
 */
export const REPEATED_SIGNAL_MS = 1_000;

export interface ShutdownOptions {
  /** Exits anyway after this long (the stop is stuck): a few seconds. */
  forceAfterMs?: number;
  /** A signal this soon after the first is the same stop, not a second one that forces it (REPEATED_SIGNAL_MS). */
  repeatedWithinMs?: number;
  exit?: (code: number) => void;
  log?: (line: string) => void;
  signals?: NodeJS.Signals[];
  /** Stop when a launcher process above the runner exits (default: on Linux, where /proc tells who they are). */
  watchLaunchers?: boolean;
}

/** The launchers above this process, nearest first, up to and including npm or npx; empty when not started by one. */
export function launchers(from = process.ppid): number[] {
  const chain: number[] = [];
  let pid = from;
  for (let depth = 0; depth < 6 && pid > 1; depth++) {
    let cmd: string;
    let ppid: number;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
    const npm = /(^|[/\s])(npm|npx)(\s|$)|npm-cli\.js|npx-cli\.js|^npm /.test(cmd);
    if (!npm && !/(^|[/\s])tsx(\s|$)|tsx\/dist\/cli|^(\/bin\/|\/usr\/bin\/)?(sh|dash|bash) -c /.test(cmd)) break;
    chain.push(pid);
    if (npm) return chain;
    pid = ppid;
  }
  // A chain that never reached npm or npx is tsx run by hand (or a shell's -c): watch only the direct launcher.
  return chain.slice(0, 1);
}

/** Whether a process of this pid still exists (signal 0 checks without sending). */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export function stopOnSignals(runner: Stoppable, opts: ShutdownOptions = {}): { stop(signal: string): Promise<void> } {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let stopping = false;
  let stoppingSince = 0;
  const stop = async (signal: string) => {
    if (stopping) {
      if (Date.now() - stoppingSince < (opts.repeatedWithinMs ?? REPEATED_SIGNAL_MS)) return;
      log('Stopping now.');
      exit(130);
      return;
    }
    stopping = true;
    stoppingSince = Date.now();
    log(`Stopping the workshop (${signal}): interrupting running cells and saving progress… (again to force)`);
    const force = setTimeout(() => {
      log('The workshop did not stop in time; forcing it.');
      exit(1);
    }, opts.forceAfterMs ?? 4_000);
    force.unref();
    try {
      await runner.close();
      clearTimeout(force);
      exit(0);
    } catch (error) {
      log(`Stopped with an error: ${(error as Error).message}`);
      exit(1);
    }
  };
  for (const s of opts.signals ?? ['SIGINT', 'SIGTERM']) process.on(s, () => void stop(s));
  if (opts.watchLaunchers ?? process.platform === 'linux') {
    const watched = launchers();
    if (watched.length) {
      const timer = setInterval(() => {
        if (watched.every(isAlive) && process.ppid === watched[0]) return;
        clearInterval(timer);
        void stop('its launcher exited');
      }, 500);
      timer.unref();
    }
  }
  return { stop };
}

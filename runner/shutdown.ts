/**
 * How `npm start` stops: the first Ctrl+C (SIGINT) or SIGTERM stops running cells, ends their event streams with
 * "the workshop stopped", flushes progress and exits; a second signal, or a stop that takes too long, forces it.
 * (That a kernel dies with its runner even on SIGKILL is the kernel's own business: its process group.)
 */
export interface Stoppable {
  close(): Promise<void>;
}

export interface ShutdownOptions {
  /** Exits anyway after this long (the stop is stuck): a few seconds. */
  forceAfterMs?: number;
  exit?: (code: number) => void;
  log?: (line: string) => void;
  signals?: NodeJS.Signals[];
}

export function stopOnSignals(runner: Stoppable, opts: ShutdownOptions = {}): { stop(signal: string): Promise<void> } {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log('Stopping now.');
      exit(130);
      return;
    }
    stopping = true;
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
  return { stop };
}

/**
 * How the workshop's commands exit: once stdout and stderr are flushed. `process.exit` does not wait for writes
 * pending on a pipe, so output piped into another program (`npx workshop run … | tee log`) lost its end.
 */

/** Resolves once everything written to the stream so far has reached it (or it is gone: a closed pipe). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  // Write callbacks run in order: this one runs once every earlier write has been handed to the pipe or file.
  return new Promise((resolve) => stream.write('', () => resolve()));
}

let exiting: Promise<never> | undefined;

/** Exits with `code` once the output is out; the first call wins (a signal and the command's end may race). */
export function exitFlushed(code: number): Promise<never> {
  return (exiting ??= (async () => {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  })());
}

/** A reader that goes away (`| head`) ends the output, not the command with an unhandled EPIPE. */
export function toleratePipeClose(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
}

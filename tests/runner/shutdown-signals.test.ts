import { afterEach, describe, expect, it } from 'vitest';
import { stopOnSignals } from '../../runner/shutdown.ts';

// A signal of its own, so vitest's handlers never hear it; emitted, not sent, so the test runs no process.
const SIGNAL = 'SIGUSR2';

/** stopOnSignals over a runner whose close() takes `closeMs`; what it logged and how it exited. */
function stopping(closeMs: number, repeatedWithinMs: number) {
  const exits: number[] = [];
  const lines: string[] = [];
  let closed = false;
  const runner = { close: () => new Promise<void>((r) => setTimeout(() => ((closed = true), r()), closeMs)) };
  stopOnSignals(runner, {
    signals: [SIGNAL],
    watchLaunchers: false,
    repeatedWithinMs,
    forceAfterMs: 10_000,
    exit: (code) => exits.push(code),
    log: (line) => lines.push(line),
  });
  return { exits, lines, closed: () => closed };
}

describe('Ctrl+C, heard more than once', () => {
  afterEach(() => void process.removeAllListeners(SIGNAL));

  it('takes the copies of one Ctrl+C (npm passes it on) for one stop, which saves and exits cleanly', async () => {
    const s = stopping(200, 1_000);
    process.emit(SIGNAL);
    await new Promise((r) => setTimeout(r, 20));
    process.emit(SIGNAL);
    process.emit(SIGNAL);
    await new Promise((r) => setTimeout(r, 400));
    expect(s.closed()).toBe(true);
    expect(s.exits).toEqual([0]);
    expect(s.lines.filter((l) => l === 'Stopping now.')).toEqual([]);
  });

  it('forces the stop on a second Ctrl+C the learner presses later', async () => {
    const s = stopping(2_000, 100);
    process.emit(SIGNAL);
    await new Promise((r) => setTimeout(r, 300));
    process.emit(SIGNAL);
    expect(s.lines).toContain('Stopping now.');
    expect(s.exits).toEqual([130]);
    expect(s.closed()).toBe(false);
  });
});

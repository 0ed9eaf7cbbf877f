import { afterEach, describe, expect, it } from 'vitest';
import { Kernel, type KernelClock } from '../../runner/kernel/kernel.ts';
import { parseRunnerArgs } from '../../runner/config.ts';
import type { CellEvent, CellStatus } from '../../runner/contracts.ts';

/** A clock the test moves by hand: 40 minutes pass in one call. */
function fakeClock(): KernelClock & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(h) {
      timers.delete(h as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
    },
    pending: () => timers.size,
  };
}

/**
 * A cell that waits on "AWS": it prints that it waits, then finishes when the test lets it (a file appears), as a
 * waiter finishes when the endpoint is InService.
 */
const waitingCell = (flag: string) => `
import { existsSync } from 'node:fs';
console.log('waiting for the endpoint');
while (!existsSync(${JSON.stringify(flag)})) await new Promise((r) => setTimeout(r, 50));
console.log('InService');
`;

async function waitFor(pred: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the per-cell time limit follows the target', () => {
  let kernel: Kernel | undefined;
  afterEach(async () => {
    await kernel?.dispose();
    kernel = undefined;
  });

  async function runFor40Minutes(flags: string[]): Promise<{ status: CellStatus; text: string }> {
    const clock = fakeClock();
    const config = parseRunnerArgs(['--no-open', ...flags]);
    kernel = await Kernel.start({ env: {}, cwd: process.cwd(), timeLimitMs: config.cellTimeLimitMs, clock });
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const flag = join(await mkdtemp(join(tmpdir(), 'naxt-limit-')), 'in-service');
    const events: CellEvent[] = [];
    const done = kernel.execute(waitingCell(flag), (e) => events.push(e));
    await waitFor(() => events.some((e) => e.type === 'stream' && e.text.includes('waiting')));
    for (let minute = 0; minute < 40; minute++) clock.advance(60_000);
    // Whatever the limit did, the wait on "AWS" now ends.
    await new Promise((r) => setTimeout(r, 300));
    await writeFile(flag, '');
    const status = await done;
    return { status, text: events.map((e) => ('text' in e ? e.text : '')).join('') };
  }

  it('on a real account, a cell that waits 40 minutes is not killed', async () => {
    expect(parseRunnerArgs(['--aws']).cellTimeLimitMs).toBeUndefined();
    const r = await runFor40Minutes(['--aws']);
    expect(r.status).toBe('ok');
    expect(r.text).toContain('InService');
    expect(r.text).not.toMatch(/time limit/);
  }, 30_000);

  it('on the sandbox, the limit (10 minutes) still stops it', async () => {
    expect(parseRunnerArgs([]).cellTimeLimitMs).toBe(600_000);
    const r = await runFor40Minutes([]);
    expect(r.status).toBe('timeout');
    expect(r.text).toMatch(/time limit \(600 s\)/);
    expect(r.text).not.toContain('InService');
  }, 30_000);

  it('--cell-time-limit sets hours on a real account, or off anywhere; bad values are refused', () => {
    expect(parseRunnerArgs(['--aws', '--cell-time-limit', '7200']).cellTimeLimitMs).toBe(7_200_000);
    expect(parseRunnerArgs(['--cell-time-limit', 'off']).cellTimeLimitMs).toBeUndefined();
    expect(() => parseRunnerArgs(['--cell-time-limit', 'soon'])).toThrow(/"off" or a positive number of seconds, got "soon"/);
  });

  it('with no limit, Interrupt still stops a waiting cell and the scope is kept', async () => {
    kernel = await Kernel.start({ env: {}, cwd: process.cwd(), timeLimitMs: parseRunnerArgs(['--aws']).cellTimeLimitMs });
    await kernel.execute('globalThis.endpointName = "naxt-summarizer"', () => undefined);
    const events: CellEvent[] = [];
    const done = kernel.execute("console.log('waiting'); await new Promise(() => {})", (e) => events.push(e));
    await waitFor(() => events.some((e) => e.type === 'stream'));
    await kernel.interrupt();
    expect(await done).toBe('interrupted');
    const after: CellEvent[] = [];
    await kernel.execute('endpointName', (e) => after.push(e));
    expect(after.map((e) => ('text' in e ? e.text : '')).join('')).toContain('naxt-summarizer');
  }, 30_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kernel } from '../../runner/kernel/kernel.ts';
import type { CellEvent, CellStatus } from '../../runner/contracts.ts';
import { alive, until } from '../processes.ts';

async function run(k: Kernel, code: string, timeLimitMs?: number): Promise<{ status: CellStatus; events: CellEvent[]; text: string }> {
  const events: CellEvent[] = [];
  const status = await k.execute(code, (e) => events.push(e), timeLimitMs ? { timeLimitMs } : undefined);
  const text = events.map((e) => ('text' in e ? e.text : e.type === 'error' ? `${e.name}: ${e.message}` : '')).join('');
  return { status, events, text };
}

describe('Interrupt stops a cell after its first await or import (issue 13, item 4)', () => {
  let k: Kernel;
  beforeAll(async () => (k = await Kernel.start({ env: {}, cwd: process.cwd() })));
  afterAll(async () => k.dispose());

  for (const [label, cell] of [
    ['await null', 'await null; for (;;) {}'],
    ['an import', "await import('node:fs'); for (;;) {}"],
    ['a static import', "import { readFileSync } from 'node:fs';\nfor (;;) {}"],
    ['in a timer callback', 'setTimeout(() => { for (;;) {} }, 0); await new Promise(() => {})'],
    ['in setImmediate', 'setImmediate(() => { for (;;) {} }); await new Promise((r) => setTimeout(r, 60_000))'],
    ['in a then() callback', 'new Promise((r) => setTimeout(r, 5)).then(() => { for (;;) {} }); await new Promise(() => {})'],
    [
      'in an I/O callback',
      "import { readFile } from 'node:fs';\nreadFile('package.json', () => { for (;;) {} }); await new Promise(() => {})",
    ],
  ] as const) {
    it(`${label.startsWith('in ') ? 'a loop' : 'after'} ${label}: interrupted within 2 s, variables kept`, async () => {
      await run(k, 'const keptAcross = 21');
      const pid = k.pid;
      const pending = run(k, cell);
      await new Promise((r) => setTimeout(r, 500));
      const t0 = Date.now();
      await k.interrupt();
      const r = await pending;
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect(r.status).toBe('interrupted');
      expect(k.pid).toBe(pid);
      expect((await run(k, 'keptAcross * 2')).text).toContain('42');
    }, 15_000);
  }
});

describe('what a kernel starts dies with it (issue 13, item 5)', () => {
  let k: Kernel;
  beforeAll(async () => (k = await Kernel.start({ env: {}, cwd: process.cwd() })));
  afterAll(async () => k.dispose());

  const forkSleep = async () => {
    const r = await run(k, "import { spawn } from 'node:child_process';\nconst c = spawn('sleep', ['300'], { stdio: 'ignore' }); c.pid");
    const pid = Number(/\d+/.exec(r.text)?.[0]);
    expect(alive(pid)).toBe(true);
    return pid;
  };

  it('Restart ends the processes its cells forked', async () => {
    const pid = await forkSleep();
    await k.restart();
    expect(await until(() => !alive(pid), 3_000, 50)).toBe(true);
  });

  it('a kernel that exits takes what its cells forked with it', async () => {
    const pid = await forkSleep();
    const r = await run(k, 'process.exit(1)');
    expect(r.status).toBe('died');
    expect(await until(() => !alive(pid), 3_000, 50)).toBe(true);
  });

  it('a detached grandchild (its own session) still cannot outlive the kernel', async () => {
    const r = await run(
      k,
      "import { spawn } from 'node:child_process';\nconst c = spawn('sleep', ['300'], { stdio: 'ignore', detached: true }); c.unref(); c.pid",
    );
    const pid = Number(/\d+/.exec(r.text)?.[0]);
    expect(alive(pid)).toBe(true);
    await k.restart();
    expect(await until(() => !alive(pid), 3_000, 50)).toBe(true);
  });
});

describe('what a kernel may hold (issue 13, item 10)', () => {
  let k: Kernel;
  beforeAll(async () => (k = await Kernel.start({ env: {}, cwd: process.cwd(), memoryMb: 200 })));
  afterAll(async () => k.dispose());

  it('Buffers beyond the limit end the kernel with a message that names the limit', async () => {
    await run(k, 'const before = 1');
    const r = await run(
      k,
      'const held = []; for (let i = 0; i < 40; i++) { held.push(Buffer.alloc(25 * 1024 * 1024, 1)); await new Promise((r) => setTimeout(r, 20)); } "all held"',
      30_000,
    );
    expect(r.status).toBe('died');
    expect(r.text).toMatch(/200 MB/);
    expect(r.text).not.toContain('all held');
    const next = await run(k, 'typeof before');
    expect(next.text).toContain('undefined');
    expect(next.status).toBe('ok');
  }, 40_000);
});

describe('errors belong to the cell that caused them (issue 13, item 11)', () => {
  let k: Kernel;
  beforeAll(async () => (k = await Kernel.start({ env: {}, cwd: process.cwd() })));
  afterAll(async () => k.dispose());

  it('an error from a timer that fires after its cell ended does not show in the next cell', async () => {
    const first = await run(k, 'setTimeout(() => { throw new Error("late boom") }, 300); "first done"');
    expect(first.status).toBe('ok');
    const second = await run(k, 'await new Promise((r) => setTimeout(r, 800)); "second"');
    expect(second.events.filter((e) => e.type === 'error')).toEqual([]);
    expect(second.status).toBe('ok');
    // Noted as an earlier cell's, not hidden.
    expect(second.text).toMatch(/earlier cell's timer or promise failed after that cell ended \(Error: late boom\)/);
  });

  it('a late unhandled rejection does not fail the next cell either', async () => {
    await run(k, 'setTimeout(() => Promise.reject(new Error("late reject")), 300); 1');
    const second = await run(k, 'await new Promise((r) => setTimeout(r, 800)); 2');
    expect(second.events.filter((e) => e.type === 'error')).toEqual([]);
    expect(second.status).toBe('ok');
  });

  it('an error that surfaced between cells is noted in the next one, which still succeeds', async () => {
    await run(k, 'setTimeout(() => { throw new Error("while idle") }, 100); 1');
    await new Promise((r) => setTimeout(r, 400));
    const next = await run(k, '3');
    expect(next.status).toBe('ok');
    expect(next.text).toContain('while idle');
    expect(next.events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('an earlier cell’s interval that keeps throwing is noted a few times, not once per throw', async () => {
    await run(k, 'const noisy = setInterval(() => { throw new Error("tick") }, 5); 1');
    await new Promise((r) => setTimeout(r, 300));
    const next = await run(k, 'await new Promise((r) => setTimeout(r, 300)); clearInterval(noisy); "quiet"');
    expect(next.status).toBe('ok');
    const notes = next.events.filter((e) => e.type === 'notice' && /after that cell ended/.test(e.text));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.length).toBeLessThanOrEqual(6);
    expect(next.text).toMatch(/more such errors since the last cell/);
  });

  it('an unhandled rejection inside a cell makes its status error', async () => {
    const r = await run(k, 'Promise.reject(new Error("nobody caught me")); await new Promise((r) => setTimeout(r, 50)); "after"');
    expect(r.status).toBe('error');
    expect(r.text).toContain('nobody caught me');
  });

  it('a cell without an await whose rejection surfaces after it returns is still an error', async () => {
    const r = await run(k, 'Promise.reject(new Error("sync reject")); "returned"');
    expect(r.status).toBe('error');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kernel } from '../../runner/kernel/kernel.ts';
import type { CellEvent, CellStatus } from '../../runner/contracts.ts';

/** Runs a cell and collects what the learner would see. */
async function run(k: Kernel, code: string, timeLimitMs?: number): Promise<{ status: CellStatus; events: CellEvent[]; text: string }> {
  const events: CellEvent[] = [];
  const status = await k.execute(code, (e) => events.push(e), timeLimitMs ? { timeLimitMs } : undefined);
  const text = events.map((e) => ('text' in e ? e.text : e.type === 'error' ? `${e.name}: ${e.message}` : '')).join('');
  return { status, events, text };
}

describe('a kernel no cell can break', () => {
  let k: Kernel;
  let other: Kernel;
  beforeAll(async () => {
    k = await Kernel.start({ env: {}, cwd: process.cwd(), memoryMb: 256, outputCapBytes: 100_000 });
    other = await Kernel.start({ env: {}, cwd: process.cwd() });
    await run(other, 'const survivor = 42');
  });
  afterAll(async () => {
    await k.dispose();
    await other.dispose();
  });

  it('stops an infinite loop at the time limit and keeps working', async () => {
    await run(k, 'const before = "kept?"');
    const r = await run(k, 'while (true) {}', 1500);
    expect(['timeout', 'interrupted']).toContain(r.status);
    expect(r.text).toMatch(/time limit/);
    expect((await run(k, '1 + 1')).text).toContain('2');
  }, 20_000);

  it('ends a promise that never settles at the time limit, keeping state', async () => {
    await run(k, 'const kept = "still here"');
    const r = await run(k, 'await new Promise(() => {})', 1000);
    expect(r.status).toBe('timeout');
    expect((await run(k, 'kept')).text).toContain('still here');
  }, 20_000);

  it('interrupt stops a long await and keeps variables', async () => {
    await run(k, 'const mine = 7');
    const pending = run(k, 'await new Promise((r) => setTimeout(r, 60_000))');
    await new Promise((r) => setTimeout(r, 200));
    await k.interrupt();
    const r = await pending;
    expect(r.status).toBe('interrupted');
    expect((await run(k, 'mine * 6')).text).toContain('42');
  });

  it('interrupt pressed at once, while the cell still compiles, stops it too', async () => {
    await run(k, 'const early = 5');
    const pending = run(k, 'while (true) {}', 20_000);
    await k.interrupt(); // before the cell reaches the kernel's child
    const r = await pending;
    expect(r.status).toBe('interrupted');
    expect(r.text).toContain('Interrupted before it started');
    expect((await run(k, 'early * 2')).text).toContain('10');
  }, 15_000);

  it('an interrupt pressed at any moment of a cell’s start stops it (none is lost between compiling and running)', async () => {
    // A press lands before the cell reaches the child, between its exec message and its first statement, or in
    // its code: each delay below falls somewhere in that start, and every one must stop the loop before the time
    // limit (a lost press used to leave the kernel spinning until then). On a loaded machine a loop may outlast the
    // grace and its kernel be restarted: still stopped by the press, so still 'interrupted'.
    const lost: string[] = [];
    for (let delayMs = 0; delayMs <= 60; delayMs += 0.5) {
      const pending = run(k, 'for (;;) {}', 8_000);
      await new Promise((r) => setTimeout(r, delayMs));
      await k.interrupt();
      const r = await pending;
      if (r.status !== 'interrupted') lost.push(`pressed after ${delayMs} ms: ${r.status}`);
    }
    expect(lost).toEqual([]);
    expect((await run(k, '6 * 7')).text).toContain('42');
  }, 120_000);

  it('shows an SDK answer without its $metadata bookkeeping (no "undefined" ids)', async () => {
    const r = await run(k, "({ Account: '123456789012', $metadata: { httpStatusCode: 200, cfId: undefined, attempts: 1 } })");
    expect(r.text).toContain("Account: '123456789012'");
    expect(r.text).not.toMatch(/\$metadata|undefined/);
    expect((await run(k, '({ a: 1 })')).text).toContain('a: 1');
  });

  it('leaves a table cell empty where a row lacks the column, rather than printing "undefined"', async () => {
    const r = await run(k, "[{ model: 'base', rouge1: 0.2, f1: 0.22 }, { model: 'fine-tuned', f1: 0.36 }]");
    const table = r.events.find((e) => e.type === 'result' && e.table);
    expect(table?.type === 'result' && table.table?.rows).toEqual([
      ['base', 0.2, 0.22],
      ['fine-tuned', null, 0.36],
    ]);
  });

  it('survives a 1 GB allocation: says memory ran out, restarts, the next cell works', async () => {
    const r = await run(k, 'const hog = []; for (let i = 0; i < 1e4; i++) hog.push(new Array(1e5).fill(i));');
    expect(r.status).toBe('died');
    expect(r.text).toMatch(/out of memory \(limit 256 MB\)/);
    const next = await run(k, '"alive"');
    expect(next.status).toBe('ok');
    expect(next.text).toMatch(/fresh kernel/);
  }, 60_000);

  it('truncates a 100 MB print with a clear marker, and the cell still ends', async () => {
    const r = await run(k, 'for (let i = 0; i < 100; i++) console.log("x".repeat(1_000_000)); "end"');
    expect(r.status).toBe('ok');
    const printed = r.events.filter((e) => e.type === 'stream').reduce((n, e) => n + (e as { text: string }).text.length, 0);
    expect(printed).toBeLessThanOrEqual(110_000);
    expect(r.text).toMatch(/Output truncated/);
    expect(r.events.some((e) => e.type === 'result' && e.text.includes('end'))).toBe(true);
  }, 30_000);

  it('process.exit() ends the kernel with a clear message; the next cell starts fresh', async () => {
    // The session forgets which cells its kernel ran on this (runner/sessions.ts), so the page offers to replay them.
    const exits: { code: number | null }[] = [];
    k.onExit((info) => exits.push(info));
    const r = await run(k, 'process.exit(3)');
    expect(r.status).toBe('died');
    expect(exits).toMatchObject([{ code: 3 }]);
    expect(r.text).toMatch(/process\.exit\(\)/);
    expect((await run(k, '2 + 2')).text).toContain('4');
  });

  it('reports an unhandled rejection without killing the kernel', async () => {
    const r = await run(k, 'Promise.reject(new Error("nobody caught me")); await new Promise((r) => setTimeout(r, 50)); "after"');
    expect(r.text).toContain('nobody caught me');
    expect((await run(k, '"still alive"')).status).toBe('ok');
  });

  it('never shows AWS credentials a cell prints', async () => {
    const r = await run(
      k,
      `console.log("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"); console.log({ secretAccessKey: "abc/DEF+ghi0123456789abcdefABCDEF012345", sessionToken: "${'IQoJb3JpZ2luX2VjE'.repeat(8)}" })`,
    );
    expect(r.text).not.toMatch(/AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI|IQoJb3JpZ2lu|abc\/DEF/);
    expect(r.text).toContain('[redacted]');
  });

  it('leaves ARNs, S3 URIs and digests readable', async () => {
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/naxt-summarizer-abcdef01';
    const digest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const r = await run(
      k,
      `console.log(${JSON.stringify(`${arn} s3://naxt-genai-123456789012-abcdef01/datasets/qa/test.jsonl ${digest}`)})`,
    );
    expect(r.text).toContain(arn);
    expect(r.text).toContain('s3://naxt-genai-123456789012-abcdef01/datasets/qa/test.jsonl');
    expect(r.text).toContain(digest);
  });

  it('another session’s kernel was never affected', async () => {
    expect((await run(other, 'survivor')).text).toContain('42');
  });
});

describe('cells as a notebook', () => {
  let k: Kernel;
  beforeAll(async () => (k = await Kernel.start({ env: {}, cwd: process.cwd(), globals: { workshop: { bucket: 'b-1' } } })));
  afterAll(async () => k.dispose());

  it('keeps declarations between cells and lets a re-run cell redeclare them', async () => {
    await run(k, 'const total: number = 40;\nfunction add(n: number) { return total + n }\nclass Box { v = 2 }');
    expect((await run(k, 'add(new Box().v)')).text).toContain('42');
    expect((await run(k, 'const total = 1; total')).status).toBe('ok');
  });

  it('imports installed SDK clients and node builtins', async () => {
    const r = await run(
      k,
      'import { STSClient } from "@aws-sdk/client-sts";\nimport * as path from "node:path";\n[typeof STSClient, path.basename("/a/b.txt")]',
    );
    expect(r.text).toContain("'function'");
    expect(r.text).toContain("'b.txt'");
  });

  it('points errors at the learner’s line and column', async () => {
    const r = await run(k, 'const a = 1;\n\nconst b: string = "x";\nnull!.boom();');
    const err = r.events.find((e) => e.type === 'error');
    expect(err).toMatchObject({ name: 'TypeError', line: 4 });
  });

  it('reports a syntax error with its position without running anything', async () => {
    const r = await run(k, 'const ran = true;\nconst = 5;');
    expect(r.events.find((e) => e.type === 'error')).toMatchObject({ name: 'SyntaxError', line: 2 });
    expect((await run(k, 'typeof ran')).text).toContain('undefined');
  });

  it('returns a last expression in parentheses, with or without a semicolon', async () => {
    expect((await run(k, 'const good = 1, bad = 2;\n({ good, bad });')).text).toContain('{ good: 1, bad: 2 }');
    expect((await run(k, '(1 + 2) * 3')).text).toContain('9');
  });

  it('renders arrays of objects as tables and exposes display()', async () => {
    const r = await run(
      k,
      'display.chart({ type: "bar", x: ["a"], series: [{ name: "s", values: [1] }] }); [{ model: "a", rouge: 0.4 }, { model: "b", rouge: 0.5 }]',
    );
    expect(r.events.find((e) => e.type === 'display')).toMatchObject({ mime: 'application/vnd.workshop.chart+json' });
    expect(r.events.find((e) => e.type === 'result')).toMatchObject({
      table: {
        columns: ['model', 'rouge'],
        rows: [
          ['a', 0.4],
          ['b', 0.5],
        ],
      },
    });
  });

  it('sees the session globals and restarts on demand, losing state', async () => {
    expect((await run(k, 'workshop.bucket')).text).toContain('b-1');
    await run(k, 'const lost = 1');
    await k.restart();
    expect((await run(k, 'typeof lost')).text).toContain('undefined');
    expect((await run(k, 'workshop.bucket')).text).toContain('b-1');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kernel } from '../../runner/kernel/kernel.ts';
import { scrubSecrets } from '../../runner/kernel/scrub.ts';
import type { CellEvent, CellStatus } from '../../runner/contracts.ts';

async function run(k: Kernel, code: string, timeLimitMs?: number): Promise<{ status: CellStatus; events: CellEvent[] }> {
  const events: CellEvent[] = [];
  const status = await k.execute(code, (e) => events.push(e), timeLimitMs ? { timeLimitMs } : undefined);
  return { status, events };
}

describe('one cell cannot hurt the runner (issue 13)', () => {
  let k: Kernel;
  const secret = 'abc_def-ghi_jkl-mno_pqr-stu_vwx-yz012345'; // base64url, as the sandbox's keys are
  beforeAll(async () => (k = await Kernel.start({ env: { AWS_SECRET_ACCESS_KEY: secret }, cwd: process.cwd(), outputCapBytes: 100_000 })));
  afterAll(async () => k.dispose());

  it('caps display() output like printed output, with a notice', async () => {
    const r = await run(k, 'for (let i = 0; i < 20; i++) display("text/html", "x".repeat(1_000_000)); "end"');
    const shown = r.events.filter((e) => e.type === 'display').length;
    expect(shown).toBe(0);
    expect(r.events.some((e) => e.type === 'notice' && /truncated/.test(e.text))).toBe(true);
    expect(r.status).toBe('ok');
  }, 30_000);

  it('never shows the secret key the kernel was given, nor credentials in a table', async () => {
    const r = await run(k, `console.log(process.env.AWS_SECRET_ACCESS_KEY); [{ user: "a", secretAccessKey: "short-one" }]`);
    const all = JSON.stringify(r.events);
    expect(all).not.toContain(secret);
    expect(all).not.toContain('short-one');
  });

  it('an unhandled rejection makes the cell end in error', async () => {
    const r = await run(k, 'Promise.reject(new Error("lost")); await new Promise((r) => setTimeout(r, 50)); 1');
    expect(r.status).toBe('error');
  });
});

describe('the scrubber', () => {
  it('runs in linear time on hostile input', () => {
    const t = performance.now();
    scrubSecrets(('a'.repeat(40) + '-').repeat(25_000));
    expect(performance.now() - t).toBeLessThan(1_000);
  });
  it('keeps long base64 that is not a credential', () => {
    const b64 = 'QUJD'.repeat(40);
    expect(scrubSecrets(b64)).toBe(b64);
  });
});

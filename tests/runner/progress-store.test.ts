import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgressStore } from '../../runner/progress/store.ts';

const tmp = () => mkdtemp(join(tmpdir(), 'naxt-progress-'));

describe('progress store', () => {
  it('keeps runs, checks, edits and answers across a new store (a runner restart)', async () => {
    const dir = await tmp();
    const a = new ProgressStore(dir);
    await a.saveCode('abcd1234', '00-setup', 'identity', 'const x = 1;');
    await a.recordRun('abcd1234', '00-setup', 'identity', 'const x = 2;', 'ok');
    await a.recordCheck('abcd1234', '00-setup', 'identity', { ok: true, message: 'fine' });
    await a.recordAnswer('abcd1234', '00-setup', 'why-tags', '1');
    const b = new ProgressStore(dir);
    const p = await b.get('abcd1234');
    expect(p.labs['00-setup'].cells.identity).toMatchObject({ code: 'const x = 2;', runs: 1, lastStatus: 'ok' });
    expect(p.labs['00-setup'].checks.identity.ok).toBe(true);
    expect(p.labs['00-setup'].answers?.['why-tags']).toBe('1');
  });

  it("keeps the learner's own code aside while the cell shows the solution, until it is restored", async () => {
    const dir = await tmp();
    const a = new ProgressStore(dir);
    await a.saveCode('abcd1234', '01-filter-deploy', 'pick', 'solution code', 'my own code');
    await a.saveCode('abcd1234', '01-filter-deploy', 'pick', 'solution code, edited');
    expect((await new ProgressStore(dir).get('abcd1234')).labs['01-filter-deploy'].cells.pick).toMatchObject({
      code: 'solution code, edited',
      mine: 'my own code',
    });
    await a.saveCode('abcd1234', '01-filter-deploy', 'pick', 'my own code', null);
    expect((await new ProgressStore(dir).get('abcd1234')).labs['01-filter-deploy'].cells.pick.mine).toBeUndefined();
  });

  it('does not lose updates made concurrently', async () => {
    const dir = await tmp();
    const store = new ProgressStore(dir);
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.recordRun('abcd1234', '00-setup', `c${i}`, `code ${i}`, 'ok')));
    const p = await new ProgressStore(dir).get('abcd1234');
    expect(Object.keys(p.labs['00-setup'].cells)).toHaveLength(30);
  });

  it('leaves a readable file when the process is killed mid-write', async () => {
    const dir = await tmp();
    // A child writes progress as fast as it can; we kill it at an arbitrary moment, several times.
    const script = `
      import { ProgressStore } from ${JSON.stringify(join(process.cwd(), 'runner/progress/store.ts'))};
      const s = new ProgressStore(${JSON.stringify(dir)});
      let i = 0;
      process.send?.('ready');
      for (;;) await s.saveCode('abcd1234', '00-setup', 'identity', 'x'.repeat(20000) + (i++));
    `;
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      await new Promise((r) => child.once('message', r));
      await new Promise((r) => setTimeout(r, 150 + round * 70));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const text = await readFile(join(dir, 'sessions', 'abcd1234', 'progress.json'), 'utf8');
      const parsed = JSON.parse(text);
      expect(parsed.labs['00-setup'].cells.identity.code.startsWith('xxxx')).toBe(true);
    }
    const leftovers = (await readdir(join(dir, 'sessions', 'abcd1234'))).filter((f) => f !== 'progress.json');
    // A killed write may leave a temporary file behind, but never in place of the real one.
    expect(leftovers.every((f) => f.endsWith('.tmp'))).toBe(true);
  }, 30_000);
});

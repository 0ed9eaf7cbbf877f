import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiClient, testRunner, textOf } from './harness.ts';

const lab = '00-setup';
const solution = (step: string) => readFile(join(process.cwd(), 'labs', lab, 'solutions', `${step}.ts`), 'utf8');
const starting = (step: string) => readFile(join(process.cwd(), 'labs', lab, 'cells', `${step}.ts`), 'utf8');

describe('walking skeleton: page → runner → kernel → sandbox → check → progress', () => {
  let h: Awaited<ReturnType<typeof testRunner>>;
  let api: ReturnType<typeof apiClient>;
  let sid: string;

  beforeAll(async () => {
    h = await testRunner();
    api = apiClient(h.runner);
    sid = (await api.json('GET', '/session')).sessionId;
  });
  afterAll(async () => h?.remove());

  it('serves the workshop with the labs and the sandbox target', async () => {
    const w = await api.json('GET', '/workshop');
    expect(w.target).toBe('sandbox');
    expect(w.labs[0].slug).toBe(lab);
    expect(w.labs[0].steps.length).toBeGreaterThanOrEqual(2);
  });

  it('fails every check of lab 00 before its step', async () => {
    for (const step of ['identity', 'bucket', 'datasets']) {
      const r = await api.check(sid, lab, step);
      expect(r.ok, `${step}: ${r.message}`).toBe(false);
      expect(r.message.length).toBeGreaterThan(5);
    }
  });

  it('the starting cell runs but does not pass its check (the learner has work to do)', async () => {
    const events = await api.run(sid, lab, 'identity', await starting('identity'));
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'ok' });
    expect((await api.check(sid, lab, 'identity')).ok).toBe(false);
  });

  it('runs the solutions through the SDK against the sandbox; every check passes after its step', async () => {
    for (const step of ['identity', 'bucket', 'datasets']) {
      const events = await api.run(sid, lab, step, await solution(step));
      expect(events.at(-1), textOf(events)).toMatchObject({ type: 'done', status: 'ok' });
      const r = await api.check(sid, lab, step);
      expect(r.ok, `${step}: ${r.message}`).toBe(true);
    }
  });

  it('keeps variables between cells of a session (one kernel per session)', async () => {
    const events = await api.run(sid, lab, 'identity', 'identity.Account');
    expect(textOf(events)).toContain('123456789012');
  });

  it('keeps the SDK’s Node version warning out of cell output', async () => {
    const events = await api.run(sid, lab, 'identity', await solution('identity'));
    expect(textOf(events)).not.toMatch(/NodeVersionSupportWarning/);
  });

  it('rejects malformed requests with a clear 400 and leaves progress intact', async () => {
    const before = await api.json('GET', `/sessions/${sid}/progress`);
    const bad = await api.call('PUT', `/sessions/${sid}/labs/${lab}/cells/identity`, { code: 42 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/code/);
    const wrongLab = await api.call('POST', `/sessions/${sid}/labs/99-nope/checks/identity`);
    expect(wrongLab.status).toBe(404);
    expect(await api.json('GET', `/sessions/${sid}/progress`)).toEqual(before);
  });

  it('keeps progress (runs, passed checks, edits) across a runner restart', async () => {
    await api.json('GET', `/sessions/${sid}/progress`);
    const edit = '// my own take\nconst mine = 1;';
    expect((await api.call('PUT', `/sessions/${sid}/labs/${lab}/cells/bucket`, { code: edit })).status).toBe(204);
    await h.stop();
    h = await testRunner([], h.dataDir);
    api = apiClient(h.runner);
    expect((await api.json('GET', '/session')).sessionId).toBe(sid);
    const p = await api.json('GET', `/sessions/${sid}/progress`);
    expect(p.labs[lab].cells.bucket.code).toBe(edit);
    expect(p.labs[lab].cells.identity.runs).toBeGreaterThanOrEqual(2);
    expect(p.labs[lab].checks.datasets.ok).toBe(true);
    // The sandbox account survived the restart too: the bucket check still passes.
    expect((await api.check(sid, lab, 'bucket')).ok).toBe(true);
  });
});

describe('secrets stay out of the data directory', () => {
  it('keeps the launch token and the sandbox keys out of every file the workshop writes there', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const h = await testRunner();
    try {
      const api = apiClient(h.runner);
      const sid = (await api.json('GET', '/session')).sessionId;
      await api.run(sid, lab, 'identity', await solution('identity'));
      await api.check(sid, lab, 'identity');
      await h.runner.sandbox?.flush();
      const keys = h.runner.target.kernelEnv();
      const files = (await readdir(h.dataDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
      expect(files.length).toBeGreaterThan(2);
      for (const f of files) {
        const text = await readFile(join(f.parentPath, f.name), 'utf8').catch(() => '');
        expect(text, f.name).not.toContain(h.runner.token);
        expect(text, f.name).not.toContain(keys.AWS_SECRET_ACCESS_KEY);
      }
    } finally {
      await h.remove();
    }
  });
});

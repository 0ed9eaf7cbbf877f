import { describe, expect, it } from 'vitest';
import { appendFile, mkdtemp } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '../../runner/resources/ledger.ts';

describe('the resource ledger on disk', () => {
  it('keeps every complete entry when the runner dies mid-append (a torn last line is skipped)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naxt-ledger-'));
    const ledger = new Ledger(dir);
    await ledger.append('abcd1234', { phase: 'intent', op: 'CreateEndpoint', name: 'naxt-a' });
    await ledger.append('abcd1234', {
      phase: 'created',
      op: 'CreateEndpoint',
      name: 'naxt-a',
      arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/naxt-a',
    });
    // What a kill during a write leaves: half a line.
    await appendFile(join(dir, 'sessions', 'abcd1234', 'ledger.jsonl'), '{"at":"2026-11-25T03:00:00Z","phase":"inte');
    const after = new Ledger(dir);
    expect((await after.read('abcd1234')).map((e) => e.phase)).toEqual(['intent', 'created']);
    expect((await after.created('abcd1234')).map((e) => e.name)).toEqual(['naxt-a']);
    // And it goes on: the next entry is readable too.
    await after.append('abcd1234', { phase: 'intent', op: 'CreateModel', name: 'naxt-b' });
    expect((await after.read('abcd1234')).map((e) => e.name)).toEqual(['naxt-a', 'naxt-a', 'naxt-b']);
  });

  it('survives a process killed while appending as fast as it can', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naxt-ledger-'));
    const script = `
      import { Ledger } from ${JSON.stringify(join(process.cwd(), 'runner/resources/ledger.ts'))};
      const l = new Ledger(${JSON.stringify(dir)});
      process.send?.('ready');
      for (let i = 0; ; i++) await l.append('abcd1234', { phase: 'intent', op: 'CreateModel', name: 'naxt-' + i });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await new Promise((r) => child.once('message', r));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const entries = await new Ledger(dir).read('abcd1234');
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.every((e, i) => e.name === `naxt-${i}`)).toBe(true);
  });
});

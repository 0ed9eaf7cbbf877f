import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { durationsFile, quotasFile, toneGuide } from '../../content/schema.ts';
import { typicalDurations, typicalMinutes } from '../../runner/resources/durations.ts';
import { quotaFor } from '../../runner/sandbox/quotas.ts';

const json = async (f: string): Promise<unknown> => JSON.parse(await readFile(join('content', f), 'utf8'));

describe('the content files code reads match their schemas (content/schema.ts)', () => {
  it('durations, quotas and the tone guide parse', async () => {
    expect(durationsFile.parse(await json('durations.json')).operations.length).toBeGreaterThan(0);
    expect(quotasFile.parse(await json('quotas.json')).endpoint['ml.g5.2xlarge']).toBeGreaterThanOrEqual(0);
    expect(toneGuide.parse(await json('knowledge-base/tone.json')).toxic.length).toBeGreaterThan(0);
  });

  it('a malformed file is refused by its reader, naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naxt-content-'));
    await writeFile(
      join(dir, 'durations.json'),
      JSON.stringify({ source: 'x', operations: [{ kind: 'endpoint', status: 'Creating', minutes: '6' }] }),
    );
    expect(() => typicalDurations(dir)).toThrow(/operations.*minutes|Expected number/s);
    await writeFile(join(dir, 'quotas.json'), JSON.stringify({ source: 'x', endpoint: { 'ml.g5.2xlarge': -1 } }));
    expect(() => quotaFor(dir, 'endpoint', 'ml.g5.2xlarge')).toThrow(/endpoint/);
  });

  it('a valid file is read as written, with the defaults the schema gives', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'naxt-content-'));
    await writeFile(
      join(dir, 'durations.json'),
      JSON.stringify({ source: 'x', operations: [{ kind: 'endpoint', status: 'Creating', minutes: 7 }] }),
    );
    expect(typicalMinutes('endpoint', 'Creating', dir)).toBe(7);
    await writeFile(join(dir, 'quotas.json'), JSON.stringify({ source: 'x', training: { 'ml.g5.2xlarge': 3 } }));
    expect(quotaFor(dir, 'training', 'ml.g5.2xlarge')).toBe(3);
    expect(quotaFor(dir, 'endpoint', 'ml.g5.2xlarge')).toBe(2); // no endpoint table: the sandbox's default
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readdir, readFile, rm, writeFile, appendFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxStore } from '../../runner/sandbox/store.ts';

const bucket = { name: 'b', createdAt: 0, region: 'us-east-1' };

describe("the sandbox store's log", () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a store dropped without closing (a killed runner) is rebuilt from state.json and the log', async () => {
    dir = await mkdtemp(join(tmpdir(), 'naxt-log-'));
    const a = new SandboxStore(dir, 1);
    a.putBucket(bucket);
    await a.putObject('b', 'k', Buffer.from('hello'));
    a.create('model', 'm', 'arn:m', { ModelName: 'm' }, []);
    a.addTags('arn:m', [{ Key: 'team', Value: 'naxt' }]);
    await a.commit();
    const b = new SandboxStore(dir, 1);
    expect((await b.getObject('b', 'k'))?.body.toString()).toBe('hello');
    expect(b.get('model', 'm')?.data.ModelName).toBe('m');
    expect(b.tagsOf('arn:m')).toEqual({ team: 'naxt' });
  });

  it('keeps every record before a torn last one, and cuts the torn bytes off so later records stay readable', async () => {
    dir = await mkdtemp(join(tmpdir(), 'naxt-log-'));
    const a = new SandboxStore(dir, 1);
    a.putBucket(bucket);
    await a.putObject('b', 'one', Buffer.from('1'));
    await a.commit();
    const log = join(dir, 'sandbox', 'state.log');
    const good = (await stat(log)).size;
    await appendFile(log, '{"seq":99,"ops":[[["objects","b","torn"],{"si');
    const b = new SandboxStore(dir, 1);
    expect(Object.keys(b.objects('b'))).toEqual(['one']);
    expect((await stat(log)).size).toBe(good);
    await b.putObject('b', 'two', Buffer.from('2'));
    await b.commit();
    expect(Object.keys(new SandboxStore(dir, 1).objects('b')).sort()).toEqual(['one', 'two']);
  });

  it('a crash between writing a snapshot and emptying the log does not replay what the snapshot already has', async () => {
    dir = await mkdtemp(join(tmpdir(), 'naxt-log-'));
    const a = new SandboxStore(dir, 1);
    a.putBucket(bucket);
    await a.putObject('b', 'k', Buffer.from('old'));
    await a.commit();
    const log = join(dir, 'sandbox', 'state.log');
    const before = await readFile(log);
    await a.deleteObject('b', 'k');
    await a.flush();
    // As if the runner died right after state.json was renamed into place: the old records are still there.
    await writeFile(log, before);
    expect(new SandboxStore(dir, 1).objects('b')).toEqual({});
  });

  it('stores keys named like prototype properties as any other key, through a restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'naxt-log-'));
    const a = new SandboxStore(dir, 1);
    a.putBucket(bucket);
    await a.putObject('b', '__proto__', Buffer.from('p'));
    await a.commit();
    expect(a.object('b', 'constructor')).toBeUndefined();
    const b = new SandboxStore(dir, 1);
    expect((await b.getObject('b', '__proto__'))?.body.toString()).toBe('p');
    expect(Object.keys(b.objects('b'))).toEqual(['__proto__']);
    expect(await b.getObject('b', 'constructor')).toBeUndefined();
    // The bucket's map came back from the log prototype-free, as it was live.
    expect(b.objects('b').constructor).toBeUndefined();
  });

  it('an overwritten body stays on disk until the new metadata is committed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'naxt-log-'));
    const a = new SandboxStore(dir, 1);
    a.putBucket(bucket);
    await a.putObject('b', 'k', Buffer.from('first'));
    await a.commit();
    await a.putObject('b', 'k', Buffer.from('second, longer'));
    // Not committed yet: a crash now (a copy of the data directory as it is) restarts with the first version, whole.
    const copy = `${dir}-crashed`;
    await cp(dir, copy, { recursive: true });
    const crashed = new SandboxStore(copy, 1);
    const got = await crashed.getObject('b', 'k');
    await rm(copy, { recursive: true, force: true });
    expect(got?.body.toString()).toBe('first');
    expect(got?.meta.size).toBe(5);
    await a.commit();
    expect((await new SandboxStore(dir, 1).getObject('b', 'k'))?.body.toString()).toBe('second, longer');
  });

  it('removes at start-up the bodies that no committed record names (a write the crash cut off)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'naxt-log-'));
    const a = new SandboxStore(dir, 1);
    a.putBucket(bucket);
    await a.putObject('b', 'kept', Buffer.from('1'));
    await a.commit();
    await a.putObject('b', 'cut-off', Buffer.from('2'));
    await writeFile(join(dir, 'sandbox', 'objects', 'x.123.abcd.tmp'), 'half');
    expect((await readdir(join(dir, 'sandbox', 'objects'))).length).toBe(3);
    const b = new SandboxStore(dir, 1);
    expect((await readdir(join(dir, 'sandbox', 'objects'))).length).toBe(1);
    expect((await b.getObject('b', 'kept'))?.body.toString()).toBe('1');
  });
  it('refuses a state.json of another version, saying which and what to do, and reads its own after a restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'naxt-log-'));
    const a = new SandboxStore(dir, 1);
    a.putBucket(bucket);
    await a.close(); // folds the log into state.json
    const file = join(dir, 'sandbox', 'state.json');
    expect(JSON.parse(await readFile(file, 'utf8')).version).toBe(1);
    const own = new SandboxStore(dir, 1);
    expect(own.bucket('b')?.name).toBe('b');
    await own.close();
    await writeFile(file, JSON.stringify({ version: 2, resources: {}, tags: {}, buckets: { b: bucket }, objects: {}, counters: {} }));
    expect(() => new SandboxStore(dir, 1)).toThrow(/state\.json has version 2; this runner reads version 1\. .*--data-dir/);
    await writeFile(file, JSON.stringify({ resources: {}, buckets: {} }));
    expect(() => new SandboxStore(dir, 1)).toThrow(/has no version; this runner reads version 1/);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import {
  closeSync,
  existsSync,
  fdatasync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-file.ts';

/** A scheduled change of a resource: at `at`, its status becomes `status` and `patch` is merged into its fields. */
export interface Transition {
  at: number;
  status: string;
  patch?: Record<string, unknown>;
}

export interface ResourceRecord {
  kind: string;
  name: string;
  arn: string;
  createdAt: number;
  /** The fields Describe answers, as stored JSON. */
  data: Record<string, unknown>;
  /** Status changes, in time order; the ones in the past are applied on read. */
  timeline: Transition[];
  applied: number;
  /** When a deletion completes: the record disappears from then on. */
  goneAt?: number;
}

export interface BucketRecord {
  name: string;
  createdAt: number;
  region: string;
  tags?: { Key: string; Value: string }[];
}

export interface ObjectRecord {
  size: number;
  etag: string;
  lastModified: number;
  contentType?: string;
  metadata?: Record<string, string>;
  tags?: { Key: string; Value: string }[];
  /** The body's file in objects/: a new one per write, so a crash mid-overwrite leaves the old body with the old metadata. */
  file?: string;
}

/** A multipart upload in progress: its parts are on disk, so an acknowledged UploadPart survives a crash. */
export interface UploadRecord {
  bucket: string;
  key: string;
  contentType?: string;
  initiated: number;
  parts: Record<string, PartRecord>;
}

export interface PartRecord {
  size: number;
  /** Hex MD5 of the part: its ETag without the quotes. */
  md5: string;
  file: string;
}

interface Persisted {
  version: 1;
  resources: Record<string, Record<string, ResourceRecord>>;
  tags: Record<string, Record<string, string>>;
  buckets: Record<string, BucketRecord>;
  objects: Record<string, Record<string, ObjectRecord>>;
  counters: Record<string, number>;
  /** State of the small services (IAM roles…), by name. */
  extra?: Record<string, unknown>;
  /** Multipart uploads initiated and neither completed nor aborted, by upload id. */
  uploads?: Record<string, UploadRecord>;
  /** The last log record this snapshot includes: replay skips it and those before it. */
  walSeq?: number;
}

/** What a caller changed in place: a resource it holds, a bucket, or one object's metadata. */
export type Changed = ResourceRecord | { bucket: string; key?: string };

/** One entry of the state, by its path from the root (`['objects', bucket, key]`). */
type Path = string[];
/** A log record: the new value of each entry a batch of changes touched, or `[path]` when the entry is gone. */
interface LogRecord {
  seq: number;
  ops: ([Path] | [Path, unknown])[];
}

/**
 * A map keyed by names a request chooses (resource names, ARNs, S3 keys, tag keys): without a prototype, so
 * `constructor` or `toString` name nothing until they are stored and `__proto__` is stored like any other key.
 */
export function dict<T>(from?: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}

const empty = (): Persisted => ({
  version: 1,
  resources: dict(),
  tags: dict(),
  buckets: dict(),
  objects: dict(),
  counters: dict(),
  extra: dict(),
});

/** The saved state with every map prototype-free again (JSON.parse builds ordinary objects). */
function revive(saved: Persisted): Persisted {
  const nested = <T>(m: Record<string, Record<string, T>> | undefined) =>
    dict(Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, dict(v)])));
  return {
    ...saved,
    resources: nested(saved.resources),
    tags: nested(saved.tags),
    buckets: dict(saved.buckets),
    objects: nested(saved.objects),
    counters: dict(saved.counters),
    extra: dict(saved.extra),
  };
}

const LOG = 'state.log';
const SNAPSHOT = 'state.json';
/** The log is folded into state.json once it outgrows this and the last snapshot (so compaction stays linear). */
const COMPACT_AT = 4 * 1024 * 1024;

// Own properties only, on the way in and out: a name such as `__proto__` or `constructor` (an S3 key can be
// anything) is an entry like any other, never the prototype's.
function entry(root: Record<string, unknown>, path: Path): unknown {
  let v: unknown = root;
  for (const k of path) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function apply(root: Record<string, unknown>, [path, ...value]: [Path] | [Path, unknown]): void {
  let parent = root;
  for (const k of path.slice(0, -1)) {
    if (!Object.hasOwn(parent, k)) {
      if (value.length === 0) return;
      Object.defineProperty(parent, k, { value: dict(), writable: true, enumerable: true, configurable: true });
    }
    parent = parent[k] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value.length === 0) return void delete parent[last];
  // A whole bucket's objects or a resource's tags is a map keyed by names a request chose: prototype-free, as live.
  const map = path.length === 2 && (path[0] === 'objects' || path[0] === 'tags') && value[0] !== null && typeof value[0] === 'object';
  Object.defineProperty(parent, last, {
    value: map ? dict(value[0] as Record<string, unknown>) : value[0],
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** The layout of state.json (and of the log records beside it) that this runner writes and reads. */
const STATE_VERSION = 1;

/**
 * A state.json of another layout is refused, never read as this one: its maps could mean something else, and a
 * resource misread is a resource cleanup misses. There is one layout so far, so nothing to migrate from.
 */
function checkVersion(file: string, saved: { version?: unknown }): Persisted {
  if (saved?.version === STATE_VERSION) return saved as Persisted;
  const found = saved?.version === undefined ? 'no version' : `version ${JSON.stringify(saved.version)}`;
  throw new Error(
    `The sandbox account's state in ${file} has ${found}; this runner reads version ${STATE_VERSION}. ` +
      `Run the workshop that wrote it, or start with another --data-dir (or move ${dirname(file)} aside) for an empty sandbox account.`,
  );
}

/**
 * Reads state.json and replays the log records it does not include yet. A record torn by a crash mid-write
 * (the last line, unterminated or unparsable) is cut off: every record before it is kept.
 */
function load(dir: string): { state: Persisted; seq: number; logBytes: number; snapshotBytes: number } {
  const file = join(dir, SNAPSHOT);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const state = text ? revive(checkVersion(file, JSON.parse(text) as { version?: unknown })) : empty();
  let seq = state.walSeq ?? 0;
  const log = join(dir, LOG);
  if (!existsSync(log)) return { state, seq, logBytes: 0, snapshotBytes: text?.length ?? 0 };
  const bytes = readFileSync(log);
  let good = 0;
  while (good < bytes.length) {
    const end = bytes.indexOf(0x0a, good);
    if (end < 0) break;
    let record: LogRecord;
    try {
      record = JSON.parse(bytes.subarray(good, end).toString('utf8')) as LogRecord;
    } catch {
      break;
    }
    if (record.seq > (state.walSeq ?? 0)) {
      for (const op of record.ops) apply(state as unknown as Record<string, unknown>, op);
      seq = record.seq;
    }
    good = end + 1;
  }
  if (good < bytes.length) {
    console.warn(
      `[sandbox] ${LOG} ended with a torn record (${bytes.length - good} bytes, a crash mid-write): kept the ${seq - (state.walSeq ?? 0)} records before it.`,
    );
    truncateSync(log, good);
  }
  return { state, seq, logBytes: good, snapshotBytes: text?.length ?? 0 };
}

/**
 * The sandbox account's state: resources with their timelines, tags, buckets and object metadata in
 * `<dataDir>/sandbox/state.json`, object bodies beside it. Status is derived from stored timestamps, so a runner
 * restarted mid-creation finishes the creation on time.
 *
 * AWS never forgets a resource it has acknowledged, so neither does the sandbox: every change is appended to
 * `state.log` (the new value of each entry it touched) before the response that acknowledges it is sent
 * (`commit`, awaited by the sandbox's middleware), and the log is folded into state.json when it grows. A runner
 * killed at any moment restarts with every acknowledged write.
 */
export class SandboxStore {
  private state: Persisted;
  private timer: NodeJS.Timeout | undefined;
  private isClosed = false;
  readonly dir: string;
  private readonly objectsDir: string;
  /** Entries changed since the last commit, by their JSON path; `everything` when a caller did not say what. */
  private touched = new Map<string, Path>();
  private everything = false;
  private seq: number;
  private logBytes: number;
  private snapshotBytes: number;
  private log: number | undefined;
  private syncing: Promise<void> | undefined;
  /** Appended to the log since the last fdatasync began. */
  private unsynced = false;
  /** Bodies no committed record names any more: removed once the change that dropped them is on disk. */
  private garbage: string[] = [];

  constructor(
    dataDir: string,
    readonly timeScale: number,
  ) {
    this.dir = join(dataDir, 'sandbox');
    this.objectsDir = join(this.dir, 'objects');
    const loaded = load(this.dir);
    this.state = loaded.state;
    this.seq = loaded.seq;
    this.logBytes = loaded.logBytes;
    this.snapshotBytes = loaded.snapshotBytes;
    this.sweep();
  }

  /**
   * Removes the bodies no record names: written by a request the runner died before committing (so never
   * acknowledged), or half-written temporary files. Runs before the first request, so no write is in flight.
   */
  private sweep(): void {
    if (!existsSync(this.objectsDir)) return;
    const named = new Set<string>();
    for (const [bucket, objs] of Object.entries(this.state.objects)) {
      for (const [key, rec] of Object.entries(objs)) named.add(rec.file ?? createHash('sha256').update(`${bucket}\0${key}`).digest('hex'));
    }
    for (const u of Object.values(this.state.uploads ?? {})) for (const p of Object.values(u.parts)) named.add(p.file);
    for (const f of readdirSync(this.objectsDir)) if (!named.has(f)) rmSync(join(this.objectsDir, f), { force: true });
  }

  now(): number {
    return Date.now();
  }

  /** A real-world duration (ms) in sandbox time. */
  scaled(realMs: number): number {
    return realMs / this.timeScale;
  }

  nextId(counter: string): number {
    this.state.counters[counter] = (this.state.counters[counter] ?? 0) + 1;
    this.touch(['counters', counter]);
    return this.state.counters[counter];
  }

  /**
   * Says that something the caller holds was changed in place. Changes made while a request is served are
   * committed before its response; background work (a pipeline run, a job) is committed within 50 ms.
   */
  changed(what?: Changed): void {
    if (what === undefined) {
      this.everything = true;
      this.schedule();
    } else if ('bucket' in what) {
      this.touch(what.key === undefined ? ['buckets', what.bucket] : ['objects', what.bucket, what.key]);
    } else {
      this.touch(['resources', what.kind, what.name]);
    }
  }

  private touch(path: Path): void {
    if (this.isClosed) return;
    this.touched.set(JSON.stringify(path), path);
    this.schedule();
  }

  private schedule(): void {
    if (this.isClosed || this.timer) return;
    // A bounded delay, never restarted: steady traffic cannot postpone a write for ever.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.commit().catch((error: unknown) => console.error('[sandbox] could not save the sandbox state:', error));
    }, 50);
  }

  /** True once the runner that owned this store has stopped: background work must end, not write. */
  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * Writes every change made so far to the log (or a new snapshot) before it resolves: a response sent after it
   * survives a killed runner. The append is synchronous, so changes made after it go to the next record; the
   * resolve waits for the data to reach the disk (one fdatasync for all the appends made meanwhile).
   */
  commit(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    if (this.everything) this.snapshot();
    else if (this.touched.size > 0) {
      const ops = [...this.touched.values()].map((path): [Path] | [Path, unknown] => {
        const value = entry(this.state as unknown as Record<string, unknown>, path);
        return value === undefined ? [path] : [path, value];
      });
      this.touched.clear();
      this.seq += 1;
      const line = Buffer.from(`${JSON.stringify({ seq: this.seq, ops } satisfies LogRecord)}\n`);
      mkdirSync(this.dir, { recursive: true });
      this.log ??= openSync(join(this.dir, LOG), 'a', 0o600);
      for (let at = 0; at < line.byteLength;) at += writeSync(this.log, line, at);
      this.unsynced = true;
      this.logBytes += line.byteLength;
      if (this.logBytes > Math.max(COMPACT_AT, this.snapshotBytes)) this.snapshot();
    }
    const garbage = this.garbage.splice(0);
    const synced = this.sync();
    if (garbage.length === 0) return synced;
    return synced.then(async () => {
      await Promise.all(garbage.map((f) => rm(f, { force: true })));
    });
  }

  /**
   * One fdatasync at a time, for appends not yet on disk; appends made while one runs are covered by the next.
   * A request that appended nothing still waits for a sync in flight: it may carry a change the request read.
   */
  private sync(): Promise<void> {
    if (this.syncing) return this.syncing;
    if (this.log === undefined || !this.unsynced) return Promise.resolve();
    const fd = this.log;
    const run = (): Promise<void> => {
      this.unsynced = false;
      return new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve()))).then(() =>
        this.unsynced ? run() : undefined,
      );
    };
    const current = run().finally(() => {
      if (this.syncing === current) this.syncing = undefined;
    });
    this.syncing = current;
    return current;
  }

  /** Folds everything into state.json (fsync'd, renamed into place), then empties the log. */
  private snapshot(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.touched.clear();
    this.everything = false;
    this.state.walSeq = this.seq;
    const text = JSON.stringify(this.state);
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, SNAPSHOT);
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    // The rename reaches the disk before the log is emptied, or a power cut could leave the old snapshot and no log.
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
    this.snapshotBytes = text.length;
    // A crash before this truncation is harmless: replay skips the records up to walSeq.
    if (this.log !== undefined) ftruncateSync(this.log, 0);
    else if (existsSync(join(this.dir, LOG))) truncateSync(join(this.dir, LOG), 0);
    this.logBytes = 0;
    this.unsynced = false;
  }

  /**
   * The last write: what a stopped runner leaves on disk for the next one. Work still running in this process
   * (a pipeline executor) can no longer persist, so it cannot overwrite the next runner's state.
   */
  async close(): Promise<void> {
    await this.flush();
    this.isClosed = true;
    if (this.log !== undefined) closeSync(this.log);
    this.log = undefined;
  }

  /** Writes the whole state to state.json now. */
  async flush(): Promise<void> {
    if (this.isClosed) return;
    await this.syncing;
    this.snapshot();
    await Promise.all(this.garbage.splice(0).map((f) => rm(f, { force: true })));
  }

  extra(key: string): unknown {
    return this.state.extra?.[key];
  }

  setExtra(key: string, value: unknown): void {
    (this.state.extra ??= dict())[key] = value;
    this.touch(['extra', key]);
  }

  // ---- resources ----

  private materialize(r: ResourceRecord): ResourceRecord | undefined {
    const now = this.now();
    if (r.goneAt !== undefined && r.goneAt <= now) {
      delete this.state.resources[r.kind]?.[r.name];
      delete this.state.tags[r.arn];
      this.touch(['resources', r.kind, r.name]);
      this.touch(['tags', r.arn]);
      return undefined;
    }
    while (r.applied < r.timeline.length && r.timeline[r.applied].at <= now) {
      const t = r.timeline[r.applied];
      Object.assign(r.data, t.patch ?? {}, { __status: t.status, __modifiedAt: t.at });
      r.applied += 1;
      this.touch(['resources', r.kind, r.name]);
    }
    return r;
  }

  status(r: ResourceRecord): string {
    return String(r.data.__status ?? '');
  }

  modifiedAt(r: ResourceRecord): number {
    return Number(r.data.__modifiedAt ?? r.createdAt);
  }

  get(kind: string, name: string): ResourceRecord | undefined {
    const r = this.state.resources[kind]?.[name];
    return r ? this.materialize(r) : undefined;
  }

  list(kind: string): ResourceRecord[] {
    return Object.values(this.state.resources[kind] ?? dict())
      .map((r) => this.materialize(r))
      .filter((r): r is ResourceRecord => r !== undefined);
  }

  create(kind: string, name: string, arn: string, data: Record<string, unknown>, timeline: Transition[]): ResourceRecord {
    const now = this.now();
    const r: ResourceRecord = { kind, name, arn, createdAt: now, data: { ...data }, timeline, applied: 0 };
    (this.state.resources[kind] ??= dict())[name] = r;
    this.touch(['resources', kind, name]);
    return this.materialize(r)!;
  }

  /** Replaces what has not happened yet with a new future (an update, a stop, a deletion). */
  reschedule(r: ResourceRecord, timeline: Transition[]): void {
    r.timeline = [...r.timeline.slice(0, r.applied), ...timeline];
    this.changed(r);
    this.materialize(r);
  }

  remove(r: ResourceRecord, afterMs = 0): void {
    r.goneAt = this.now() + afterMs;
    this.changed(r);
    this.materialize(r);
  }

  // ---- tags (by ARN, any kind) ----

  tagsOf(arn: string): Record<string, string> {
    return this.state.tags[arn] ?? dict();
  }

  addTags(arn: string, tags: { Key?: string; Value?: string }[] = []): void {
    const t = (this.state.tags[arn] ??= dict());
    for (const { Key, Value } of tags) if (Key) t[Key] = Value ?? '';
    this.touch(['tags', arn]);
  }

  deleteTags(arn: string, keys: string[]): void {
    const t = this.state.tags[arn];
    if (t) for (const k of keys) delete t[k];
    this.touch(['tags', arn]);
  }

  // ---- S3 ----

  buckets(): BucketRecord[] {
    return Object.values(this.state.buckets);
  }

  bucket(name: string): BucketRecord | undefined {
    return this.state.buckets[name];
  }

  putBucket(b: BucketRecord): void {
    this.state.buckets[b.name] = b;
    this.touch(['buckets', b.name]);
    if (!this.state.objects[b.name]) {
      this.state.objects[b.name] = dict();
      this.touch(['objects', b.name]);
    }
  }

  deleteBucket(name: string): void {
    delete this.state.buckets[name];
    delete this.state.objects[name];
    this.touch(['buckets', name]);
    this.touch(['objects', name]);
  }

  objects(bucket: string): Record<string, ObjectRecord> {
    return this.state.objects[bucket] ?? dict();
  }

  /** One object's metadata: an own entry of its bucket, whatever its key (`constructor`, `__proto__`…). */
  object(bucket: string, key: string): ObjectRecord | undefined {
    const objs = this.state.objects[bucket];
    return objs && Object.hasOwn(objs, key) ? objs[key] : undefined;
  }

  private bodyPath(bucket: string, key: string, rec?: ObjectRecord): string {
    return join(this.objectsDir, rec?.file ?? createHash('sha256').update(`${bucket}\0${key}`).digest('hex'));
  }

  async putObject(
    bucket: string,
    key: string,
    body: Uint8Array,
    meta: Omit<ObjectRecord, 'size' | 'etag' | 'lastModified'> = {},
  ): Promise<ObjectRecord> {
    if (this.isClosed) throw new Error('The sandbox has stopped.');
    await mkdir(this.objectsDir, { recursive: true });
    // On disk (fsync'd) before the metadata that names it is committed, and so before the write is acknowledged.
    const file = `${createHash('sha256').update(`${bucket}\0${key}`).digest('hex')}.${randomBytes(6).toString('hex')}`;
    await writeFileAtomic(join(this.objectsDir, file), body, 0o644, true);
    const rec: ObjectRecord = {
      ...meta,
      size: body.byteLength,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: this.now(),
      file,
    };
    const previous = this.object(bucket, key);
    if (previous) this.garbage.push(this.bodyPath(bucket, key, previous));
    Object.defineProperty((this.state.objects[bucket] ??= dict()), key, {
      value: rec,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    this.touch(['objects', bucket, key]);
    return rec;
  }

  createUpload(id: string, rec: Omit<UploadRecord, 'parts' | 'initiated'>): void {
    (this.state.uploads ??= dict())[id] = { ...rec, initiated: this.now(), parts: dict() };
    this.touch(['uploads', id]);
  }

  upload(id: string): UploadRecord | undefined {
    const all = this.state.uploads;
    return all && Object.hasOwn(all, id) ? all[id] : undefined;
  }

  /** Stores a part on disk (fsync'd) before it is acknowledged; a part uploaded again replaces the old one. */
  async putPart(id: string, n: number, body: Uint8Array): Promise<PartRecord> {
    if (this.isClosed) throw new Error('The sandbox has stopped.');
    await mkdir(this.objectsDir, { recursive: true });
    const file = `upload-${createHash('sha256').update(id).digest('hex').slice(0, 32)}-${n}.${randomBytes(6).toString('hex')}`;
    await writeFileAtomic(join(this.objectsDir, file), body, 0o644, true);
    const u = this.upload(id);
    if (!u) {
      await rm(join(this.objectsDir, file), { force: true });
      throw new Error(`No upload ${id}.`);
    }
    const previous = u.parts[String(n)];
    if (previous) this.garbage.push(join(this.objectsDir, previous.file));
    const part: PartRecord = { size: body.byteLength, md5: createHash('md5').update(body).digest('hex'), file };
    u.parts[String(n)] = part;
    this.touch(['uploads', id, 'parts', String(n)]);
    return part;
  }

  partBody(part: PartRecord): Promise<Buffer> {
    return readFile(join(this.objectsDir, part.file));
  }

  /** Ends an upload (completed or aborted): its parts' files go once that is on disk. */
  deleteUpload(id: string): void {
    const u = this.upload(id);
    if (!u) return;
    for (const p of Object.values(u.parts)) this.garbage.push(join(this.objectsDir, p.file));
    delete this.state.uploads![id];
    this.touch(['uploads', id]);
  }

  async getObject(bucket: string, key: string): Promise<{ meta: ObjectRecord; body: Buffer } | undefined> {
    const meta = this.object(bucket, key);
    if (!meta) return undefined;
    return { meta, body: await readFile(this.bodyPath(bucket, key, meta)) };
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const previous = this.object(bucket, key);
    if (!previous) return;
    delete this.state.objects[bucket][key];
    this.touch(['objects', bucket, key]);
    this.garbage.push(this.bodyPath(bucket, key, previous));
  }
}

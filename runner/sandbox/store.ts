import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
}

/**
 * A map keyed by names a request chooses (resource names, ARNs, S3 keys, tag keys): without a prototype, so
 * `constructor` or `toString` name nothing until they are stored and `__proto__` is stored like any other key.
 */
export function dict<T>(from?: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}

const empty = (): Persisted => ({ version: 1, resources: dict(), tags: dict(), buckets: dict(), objects: dict(), counters: dict(), extra: dict() });

/** The saved state with every map prototype-free again (JSON.parse builds ordinary objects). */
function revive(saved: Persisted): Persisted {
  const nested = <T>(m: Record<string, Record<string, T>> | undefined) => dict(Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, dict(v)])));
  return { ...saved, resources: nested(saved.resources), tags: nested(saved.tags), buckets: dict(saved.buckets), objects: nested(saved.objects), counters: dict(saved.counters), extra: dict(saved.extra) };
}

/**
 * The sandbox account's state: resources with their timelines, tags, buckets and object metadata in
 * `<dataDir>/sandbox/state.json` (written atomically, debounced), object bodies beside it. Status is derived from
 * stored timestamps, so a runner restarted mid-creation finishes the creation on time.
 */
export class SandboxStore {
  private state: Persisted;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private isClosed = false;
  readonly dir: string;
  private readonly objectsDir: string;

  constructor(dataDir: string, readonly timeScale: number) {
    this.dir = join(dataDir, 'sandbox');
    this.objectsDir = join(this.dir, 'objects');
    const file = join(this.dir, 'state.json');
    this.state = existsSync(file) ? revive(JSON.parse(readFileSync(file, 'utf8')) as Persisted) : empty();
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
    this.changed();
    return this.state.counters[counter];
  }

  changed(): void {
    if (this.isClosed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), 50);
  }

  /** True once the runner that owned this store has stopped: background work must end, not write. */
  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * The last write: what a stopped runner leaves on disk for the next one. Work still running in this process
   * (a pipeline executor) can no longer persist, so it cannot overwrite the next runner's state.
   */
  async close(): Promise<void> {
    await this.flush();
    this.isClosed = true;
  }

  async flush(): Promise<void> {
    if (this.isClosed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const snapshot = JSON.stringify(this.state);
    this.saving = this.saving.then(() => writeFileAtomic(join(this.dir, 'state.json'), snapshot));
    await this.saving;
  }

  extra(key: string): unknown {
    return this.state.extra?.[key];
  }

  setExtra(key: string, value: unknown): void {
    (this.state.extra ??= dict())[key] = value;
    this.changed();
  }

  // ---- resources ----

  private materialize(r: ResourceRecord): ResourceRecord | undefined {
    const now = this.now();
    if (r.goneAt !== undefined && r.goneAt <= now) {
      delete this.state.resources[r.kind]?.[r.name];
      delete this.state.tags[r.arn];
      this.changed();
      return undefined;
    }
    while (r.applied < r.timeline.length && r.timeline[r.applied].at <= now) {
      const t = r.timeline[r.applied];
      Object.assign(r.data, t.patch ?? {}, { __status: t.status, __modifiedAt: t.at });
      r.applied += 1;
      this.changed();
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
    this.changed();
    return this.materialize(r)!;
  }

  /** Replaces what has not happened yet with a new future (an update, a stop, a deletion). */
  reschedule(r: ResourceRecord, timeline: Transition[]): void {
    r.timeline = [...r.timeline.slice(0, r.applied), ...timeline];
    this.changed();
    this.materialize(r);
  }

  remove(r: ResourceRecord, afterMs = 0): void {
    r.goneAt = this.now() + afterMs;
    this.changed();
    this.materialize(r);
  }

  // ---- tags (by ARN, any kind) ----

  tagsOf(arn: string): Record<string, string> {
    return this.state.tags[arn] ?? dict();
  }

  addTags(arn: string, tags: { Key?: string; Value?: string }[] = []): void {
    const t = (this.state.tags[arn] ??= dict());
    for (const { Key, Value } of tags) if (Key) t[Key] = Value ?? '';
    this.changed();
  }

  deleteTags(arn: string, keys: string[]): void {
    const t = this.state.tags[arn];
    if (t) for (const k of keys) delete t[k];
    this.changed();
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
    this.state.objects[b.name] ??= dict();
    this.changed();
  }

  deleteBucket(name: string): void {
    delete this.state.buckets[name];
    delete this.state.objects[name];
    this.changed();
  }

  objects(bucket: string): Record<string, ObjectRecord> {
    return this.state.objects[bucket] ?? dict();
  }

  private bodyPath(bucket: string, key: string): string {
    return join(this.objectsDir, createHash('sha256').update(`${bucket}\0${key}`).digest('hex'));
  }

  async putObject(bucket: string, key: string, body: Uint8Array, meta: Omit<ObjectRecord, 'size' | 'etag' | 'lastModified'> = {}): Promise<ObjectRecord> {
    if (this.isClosed) throw new Error('The sandbox has stopped.');
    await mkdir(this.objectsDir, { recursive: true });
    await writeFileAtomic(this.bodyPath(bucket, key), body, 0o644);
    const rec: ObjectRecord = { ...meta, size: body.byteLength, etag: `"${createHash('md5').update(body).digest('hex')}"`, lastModified: this.now() };
    (this.state.objects[bucket] ??= dict())[key] = rec;
    this.changed();
    return rec;
  }

  async getObject(bucket: string, key: string): Promise<{ meta: ObjectRecord; body: Buffer } | undefined> {
    const meta = this.state.objects[bucket]?.[key];
    if (!meta) return undefined;
    return { meta, body: await readFile(this.bodyPath(bucket, key)) };
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    if (!this.state.objects[bucket]?.[key]) return;
    delete this.state.objects[bucket][key];
    this.changed();
    await rm(this.bodyPath(bucket, key), { force: true });
  }
}

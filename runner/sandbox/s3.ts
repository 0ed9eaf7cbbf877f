import { Hono, type Context } from 'hono';
import { createHash, randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import type * as s3 from '@aws-sdk/client-s3';
import type { SandboxContext, SandboxEnv } from './context.ts';
import { decodeAwsChunked } from './context.ts';
import { AwsError } from './errors.ts';
import { escapeXml } from './xml.ts';
import type { ObjectRecord, PartRecord } from './store.ts';
import type { XmlInput } from './typed.ts';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const iso = (ms: number) => new Date(ms).toISOString();
// Tag values and keys stay strings: "01" is not the number 1.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ['Tag', 'Object', 'Part'].includes(name) });
/**
 * A request body read as its operation's input, in the SDK's shape named by the body's root element (PutObjectTagging's
 * `<Tagging>`, DeleteObjects' `<Delete>`, CompleteMultipartUpload's `<CompleteMultipartUpload>`). The parser answers
 * `any`: the shape is what the request should hold, so every member is read as possibly absent, and scalars as text.
 */
const xmlBody = <T>(body: Uint8Array): T => parser.parse(Buffer.from(body).toString('utf8'));
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest();
/** S3's CRC32 checksum header value: the big-endian CRC32, base64. */
const crc32Of = (b: Uint8Array) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(b));
  return out.toString('base64');
};

/**
 * Flexible checksums: SDKs send a CRC32 with uploads (boto3 and SDK v3 do by default). A wrong one is refused
 * with BadDigest; the answer echoes it, as S3 does.
 */
function checksumHeaders(c: Context<SandboxEnv>, body: Uint8Array): Record<string, string> {
  const sent = c.req.header('x-amz-checksum-crc32');
  const asked = sent !== undefined || (c.req.header('x-amz-sdk-checksum-algorithm') ?? '').toUpperCase() === 'CRC32';
  if (!asked) return {};
  const ours = crc32Of(body);
  if (sent !== undefined && sent !== ours)
    throw new AwsError('BadDigest', 'The CRC32 you specified did not match the calculated checksum.');
  return { 'x-amz-checksum-crc32': ours, 'x-amz-checksum-type': 'FULL_OBJECT' };
}

/** `encoding-type=url`: S3 URL-encodes keys and prefixes in the listing (boto3 asks for it and decodes them). */
const listEncoder = (q: URLSearchParams) =>
  q.get('encoding-type') === 'url' ? (s: string) => encodeURIComponent(s).replace(/%2F/g, '/') : escapeXml;

const xml = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID(), ...headers },
  });

export function s3Error(e: AwsError, method: string): Response {
  const status = e.status;
  if (method === 'HEAD') return new Response(null, { status, headers: { 'x-amz-request-id': randomUUID() } });
  const extra = Object.entries(e.extra)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
  return xml(
    `<Error><Code>${e.code}</Code><Message>${escapeXml(e.message)}</Message>${extra}<RequestId>${randomUUID()}</RequestId></Error>`,
    status,
  );
}

const noSuchBucket = (b: string) => new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: b });
/** An object key from the request path, percent-decoded once; an escape that does not decode is S3's InvalidURI (400, "Couldn't parse the specified URI.", Amazon S3 API reference, Error responses). */
function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}
const noSuchKey = (k: string) => new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: k });
const BUCKET_NAME = /^(?!xn--)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const tagSetXml = (tags: { Key: string; Value: string }[] = []) =>
  `<Tagging xmlns="${NS}"><TagSet>${tags.map((t) => `<Tag><Key>${escapeXml(t.Key)}</Key><Value>${escapeXml(t.Value)}</Value></Tag>`).join('')}</TagSet></Tagging>`;

function parseTags(body: Uint8Array): { Key: string; Value: string }[] {
  const doc = xmlBody<{ Tagging?: { TagSet?: { Tag?: XmlInput<s3.Tag>[] } } }>(body);
  const tags = (doc.Tagging?.TagSet?.Tag ?? []).map((t) => ({ Key: String(t.Key), Value: String(t.Value ?? '') }));
  if (tags.length > 50) throw new AwsError('InvalidTag', 'Object tags cannot be greater than 50');
  return tags;
}

/** A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range, clamped to the object as S3 does; other forms are ignored (whole object). */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    return n === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size - 1 : Math.min(size - 1, Number(m[2])) };
}

/** The payload as the client meant it: streaming uploads arrive aws-chunked. */
function payload(c: Context<SandboxEnv>): Uint8Array {
  const body = c.get('body');
  const sha = c.req.header('x-amz-content-sha256') ?? '';
  return sha.startsWith('STREAMING-') || (c.req.header('content-encoding') ?? '').includes('aws-chunked') ? decodeAwsChunked(body) : body;
}

/** S3 (REST/XML, path style): buckets, objects, listing, tagging, batch delete, multipart uploads. */
export function s3Service(ctx: SandboxContext): Hono<SandboxEnv> {
  const { store } = ctx;
  const app = new Hono<SandboxEnv>({ strict: false });

  const bucketOr404 = (name: string) => {
    const b = store.bucket(name);
    if (!b) throw noSuchBucket(name);
    return b;
  };

  // ListBuckets
  app.get('/', () => {
    const buckets = store.buckets().sort((a, b) => a.name.localeCompare(b.name));
    return xml(
      `<ListAllMyBucketsResult xmlns="${NS}"><Owner><ID>${ctx.accountId}</ID><DisplayName>naxt-workshop-learner</DisplayName></Owner><Buckets>` +
        buckets
          .map(
            (b) =>
              `<Bucket><Name>${b.name}</Name><CreationDate>${iso(b.createdAt)}</CreationDate><BucketRegion>${b.region}</BucketRegion></Bucket>`,
          )
          .join('') +
        `</Buckets></ListAllMyBucketsResult>`,
    );
  });

  const bucketRoute = async (c: Context<SandboxEnv>) => {
    const name = c.req.param('bucket')!;
    const q = new URL(c.req.url).searchParams;
    const method = c.req.method;
    if (method === 'PUT' && q.has('tagging')) {
      bucketOr404(name).tags = parseTags(payload(c));
      store.changed({ bucket: name });
      return new Response(null, { status: 204 });
    }
    if (method === 'PUT') {
      if (!BUCKET_NAME.test(name)) throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
      const body = Buffer.from(payload(c)).toString('utf8');
      const constraint = /<LocationConstraint>([^<]+)<\/LocationConstraint>/.exec(body)?.[1];
      const existing = store.bucket(name);
      // For legacy compatibility, North Virginia answers 200 OK to re-creating a bucket you own; other regions refuse.
      if (existing && existing.region === 'us-east-1' && !constraint)
        return new Response(null, { status: 200, headers: { location: `/${name}` } });
      if (existing)
        throw new AwsError(
          'BucketAlreadyOwnedByYou',
          'Your previous request to create the named bucket succeeded and you already own it.',
          409,
          { BucketName: name },
        );
      store.putBucket({ name, createdAt: store.now(), region: constraint ?? 'us-east-1' });
      return new Response(null, { status: 200, headers: { location: `/${name}` } });
    }
    if (method === 'HEAD') {
      const b = bucketOr404(name);
      return new Response(null, { status: 200, headers: { 'x-amz-bucket-region': b.region } });
    }
    if (method === 'DELETE' && q.has('tagging')) {
      delete bucketOr404(name).tags;
      store.changed({ bucket: name });
      return new Response(null, { status: 204 });
    }
    if (method === 'DELETE') {
      bucketOr404(name);
      if (Object.keys(store.objects(name)).length > 0)
        throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: name });
      store.deleteBucket(name);
      return new Response(null, { status: 204 });
    }
    if (method === 'GET' && q.has('tagging')) {
      const b = bucketOr404(name);
      if (!b.tags?.length) throw new AwsError('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: name });
      return xml(tagSetXml(b.tags));
    }
    if (method === 'GET' && q.has('location')) {
      const b = bucketOr404(name);
      return xml(`<LocationConstraint xmlns="${NS}">${b.region === 'us-east-1' ? '' : b.region}</LocationConstraint>`);
    }
    if (method === 'GET' && q.has('versions')) {
      bucketOr404(name);
      const objs = Object.entries(store.objects(name)).sort(([a], [b]) => (a < b ? -1 : 1));
      return xml(
        `<ListVersionsResult xmlns="${NS}"><Name>${name}</Name><IsTruncated>false</IsTruncated>` +
          objs
            .map(
              ([k, o]) =>
                `<Version><Key>${escapeXml(k)}</Key><VersionId>null</VersionId><IsLatest>true</IsLatest><LastModified>${iso(o.lastModified)}</LastModified><ETag>${escapeXml(o.etag)}</ETag><Size>${o.size}</Size></Version>`,
            )
            .join('') +
          `</ListVersionsResult>`,
      );
    }
    if (method === 'GET') return listObjects(name, q);
    if (method === 'POST' && q.has('delete')) {
      bucketOr404(name);
      const doc = xmlBody<{ Delete?: { Object?: XmlInput<s3.ObjectIdentifier>[]; Quiet?: string } }>(payload(c));
      const keys = (doc.Delete?.Object ?? []).map((o) => String(o.Key));
      if (keys.length > 1000)
        throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
      for (const k of keys) await store.deleteObject(name, k);
      const quiet = String(doc.Delete?.Quiet) === 'true';
      return xml(
        `<DeleteResult xmlns="${NS}">${quiet ? '' : keys.map((k) => `<Deleted><Key>${escapeXml(k)}</Key></Deleted>`).join('')}</DeleteResult>`,
      );
    }
    throw new AwsError(
      'NotImplemented',
      `The sandbox does not implement ${method} on a bucket with ${[...q.keys()].join(',') || 'no'} parameters.`,
      501,
    );
  };

  function listObjects(name: string, q: URLSearchParams): Response {
    bucketOr404(name);
    const v2 = q.get('list-type') === '2';
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const maxKeys = Math.min(1000, Math.max(0, Number(q.get('max-keys') ?? 1000)));
    const token = q.get('continuation-token');
    const after = token ? Buffer.from(token, 'base64url').toString('utf8') : v2 ? (q.get('start-after') ?? '') : (q.get('marker') ?? '');
    if (token && !after)
      throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, { ArgumentName: 'continuation-token' });
    const keys = Object.keys(store.objects(name))
      .filter((k) => k.startsWith(prefix) && k > after)
      .sort();
    const contents: [string, ObjectRecord][] = [];
    const prefixes = new Set<string>();
    let truncated = false;
    let last = '';
    for (const k of keys) {
      const rest = k.slice(prefix.length);
      const cut = delimiter ? rest.indexOf(delimiter) : -1;
      const common = cut >= 0 ? prefix + rest.slice(0, cut + delimiter.length) : undefined;
      // Keys rolled up into a common prefix already listed (or handed out on an earlier page) count once.
      if (common && (prefixes.has(common) || after.startsWith(common))) continue;
      if (contents.length + prefixes.size >= maxKeys) {
        truncated = true;
        break;
      }
      if (common) {
        prefixes.add(common);
        last = common;
        continue;
      }
      contents.push([k, store.objects(name)[k]]);
      last = k;
    }
    const enc = listEncoder(q);
    // Every object's CRC32 can be computed on demand (GetObject answers it), so listings name the algorithm.
    const items = contents
      .map(
        ([k, o]) =>
          `<Contents><Key>${enc(k)}</Key><LastModified>${iso(o.lastModified)}</LastModified><ETag>${escapeXml(o.etag)}</ETag><ChecksumAlgorithm>CRC32</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
      )
      .join('');
    const common = [...prefixes].map((p) => `<CommonPrefixes><Prefix>${enc(p)}</Prefix></CommonPrefixes>`).join('');
    const paging = v2
      ? `<KeyCount>${contents.length + prefixes.size}</KeyCount>${token ? `<ContinuationToken>${token}</ContinuationToken>` : ''}${truncated ? `<NextContinuationToken>${Buffer.from(last).toString('base64url')}</NextContinuationToken>` : ''}`
      : `<Marker>${enc(after)}</Marker>${truncated ? `<NextMarker>${enc(last)}</NextMarker>` : ''}`;
    const encodingType = q.get('encoding-type') === 'url' ? '<EncodingType>url</EncodingType>' : '';
    return xml(
      `<ListBucketResult xmlns="${NS}"><Name>${name}</Name><Prefix>${enc(prefix)}</Prefix>${delimiter ? `<Delimiter>${enc(delimiter)}</Delimiter>` : ''}<MaxKeys>${maxKeys}</MaxKeys>${encodingType}<IsTruncated>${truncated}</IsTruncated>${paging}${items}${common}</ListBucketResult>`,
    );
  }

  const objectRoute = async (c: Context<SandboxEnv>) => {
    const bucket = c.req.param('bucket')!;
    const path = new URL(c.req.url).pathname;
    const marker = `/${bucket}/`;
    const key = decodeKey(path.slice(path.indexOf(marker) + marker.length));
    const q = new URL(c.req.url).searchParams;
    const method = c.req.method;
    bucketOr404(bucket);
    const meta = store.object(bucket, key);
    if (method === 'PUT' && q.has('tagging')) {
      if (!meta) throw noSuchKey(key);
      meta.tags = parseTags(payload(c));
      store.changed({ bucket, key });
      return new Response(null, { status: 200 });
    }
    if (method === 'PUT' && q.has('uploadId')) {
      const id = q.get('uploadId')!;
      if (!store.upload(id)) throw new AwsError('NoSuchUpload', 'The specified upload does not exist.', 404);
      const part = payload(c);
      const sums = checksumHeaders(c, part);
      const stored = await store.putPart(id, Number(q.get('partNumber')), part);
      return new Response(null, { status: 200, headers: { etag: `"${stored.md5}"`, ...sums } });
    }
    if (method === 'PUT') {
      const metadata: Record<string, string> = {};
      c.req.raw.headers.forEach((v, k) => {
        if (k.startsWith('x-amz-meta-')) metadata[k.slice(11)] = v;
      });
      const tagging = c.req.header('x-amz-tagging');
      const tags = tagging ? [...new URLSearchParams(tagging)].map(([Key, Value]) => ({ Key, Value })) : undefined;
      const body = payload(c);
      const sums = checksumHeaders(c, body);
      const rec = await store.putObject(bucket, key, body, {
        contentType: c.req.header('content-type'),
        metadata,
        ...(tags ? { tags } : {}),
      });
      return new Response(null, { status: 200, headers: { etag: rec.etag, ...sums } });
    }
    if (method === 'GET' && q.has('tagging')) {
      if (!meta) throw noSuchKey(key);
      return xml(tagSetXml(meta.tags));
    }
    if (method === 'GET' || method === 'HEAD') {
      const got = await store.getObject(bucket, key);
      if (!got) throw noSuchKey(key);
      const headers: Record<string, string> = {
        'content-type': got.meta.contentType ?? 'binary/octet-stream',
        'content-length': String(got.meta.size),
        etag: got.meta.etag,
        'last-modified': new Date(got.meta.lastModified).toUTCString(),
        'accept-ranges': 'bytes',
      };
      for (const [k, v] of Object.entries(got.meta.metadata ?? {})) headers[`x-amz-meta-${k}`] = v;
      // Ranged GETs: parallel downloaders (boto3's download_file, `aws s3 cp`) fetch big objects in parts.
      const range = byteRange(c.req.header('range'), got.meta.size);
      if (range === 'unsatisfiable')
        throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
          RangeRequested: c.req.header('range') ?? '',
          ActualObjectSize: String(got.meta.size),
        });
      if (range) {
        headers['content-range'] = `bytes ${range.start}-${range.end}/${got.meta.size}`;
        headers['content-length'] = String(range.end - range.start + 1);
        return new Response(method === 'HEAD' ? null : new Uint8Array(got.body.subarray(range.start, range.end + 1)), {
          status: 206,
          headers,
        });
      }
      // Asked for (x-amz-checksum-mode), the whole object's checksum comes back and the SDK verifies the body with it.
      if ((c.req.header('x-amz-checksum-mode') ?? '').toUpperCase() === 'ENABLED')
        Object.assign(headers, { 'x-amz-checksum-crc32': crc32Of(got.body), 'x-amz-checksum-type': 'FULL_OBJECT' });
      return new Response(method === 'HEAD' ? null : new Uint8Array(got.body), { status: 200, headers });
    }
    if (method === 'DELETE' && q.has('tagging')) {
      if (!meta) throw noSuchKey(key);
      delete meta.tags;
      store.changed({ bucket, key });
      return new Response(null, { status: 204 });
    }
    if (method === 'DELETE' && q.has('uploadId')) {
      store.deleteUpload(q.get('uploadId')!);
      return new Response(null, { status: 204 });
    }
    if (method === 'DELETE') {
      await store.deleteObject(bucket, key);
      return new Response(null, { status: 204 });
    }
    if (method === 'POST' && q.has('uploads')) {
      const id = randomUUID().replace(/-/g, '');
      store.createUpload(id, { bucket, key, contentType: c.req.header('content-type') });
      return xml(
        `<InitiateMultipartUploadResult xmlns="${NS}"><Bucket>${bucket}</Bucket><Key>${escapeXml(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      );
    }
    if (method === 'POST' && q.has('uploadId')) {
      const u = store.upload(q.get('uploadId')!);
      if (!u) throw new AwsError('NoSuchUpload', 'The specified upload does not exist.', 404);
      // The parts named in the request, in order, each with the ETag its upload answered; all but the last >= 5 MiB.
      const doc = xmlBody<{ CompleteMultipartUpload?: { Part?: XmlInput<s3.CompletedPart>[] } }>(payload(c));
      const listed = (doc.CompleteMultipartUpload?.Part ?? []).map((p) => ({ n: Number(p.PartNumber), etag: String(p.ETag) }));
      if (listed.length === 0)
        throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
      const chosen: PartRecord[] = [];
      listed.forEach(({ n, etag }, i) => {
        const part = Object.hasOwn(u.parts, String(n)) ? u.parts[String(n)] : undefined;
        if (!part || etag.replace(/"/g, '') !== part.md5)
          throw new AwsError(
            'InvalidPart',
            "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
            400,
            { UploadId: q.get('uploadId')!, PartNumber: String(n) },
          );
        if (i > 0 && n <= listed[i - 1].n)
          throw new AwsError(
            'InvalidPartOrder',
            'The list of parts was not in ascending order. Parts must be ordered by part number.',
            400,
          );
        if (i < listed.length - 1 && part.size < 5 * 1024 * 1024)
          throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400, {
            PartNumber: String(n),
          });
        chosen.push(part);
      });
      const parts = await Promise.all(chosen.map((p) => store.partBody(p)));
      const rec = await store.putObject(bucket, key, Buffer.concat(parts), { contentType: u.contentType });
      // A multipart object's ETag is the MD5 of its parts' MD5s and the part count, as S3 computes it.
      rec.etag = `"${md5(Buffer.concat(chosen.map((p) => Buffer.from(p.md5, 'hex')))).toString('hex')}-${parts.length}"`;
      store.changed({ bucket, key });
      store.deleteUpload(q.get('uploadId')!);
      return xml(
        `<CompleteMultipartUploadResult xmlns="${NS}"><Bucket>${bucket}</Bucket><Key>${escapeXml(key)}</Key><ETag>${escapeXml(rec.etag)}</ETag></CompleteMultipartUploadResult>`,
      );
    }
    throw new AwsError(
      'NotImplemented',
      `The sandbox does not implement ${method} on an object with ${[...q.keys()].join(',') || 'no'} parameters.`,
      501,
    );
  };

  app.all('/:bucket', bucketRoute);
  app.all('/:bucket/', bucketRoute);
  app.all('/:bucket/*', objectRoute);
  return app;
}

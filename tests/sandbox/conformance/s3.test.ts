import { describe, expect, it } from 'vitest';
import {
  BucketAlreadyOwnedByYou,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectTaggingCommand,
  DeleteObjectsCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  NoSuchKey,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createHash } from 'node:crypto';
import { ACCOUNT, conformance, failure } from './fixture.ts';

const t = conformance();
const B = 'naxt-s3-conformance';

describe('S3 and STS', () => {
  it('STS GetCallerIdentity names the sandbox account', async () => {
    const id = await t.clients.sts.send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe(ACCOUNT);
    expect(id.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/naxt-workshop-learner/learner`);
  });

  it('buckets: create, head, re-creating an owned bucket (200 in us-east-1, BucketAlreadyOwnedByYou elsewhere), bad names are refused, tagging round-trips', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: B }));
    expect((await t.s3.send(new HeadBucketCommand({ Bucket: B }))).$metadata.httpStatusCode).toBe(200);
    // S3's legacy rule: North Virginia answers 200 OK to re-creating a bucket you own; other regions refuse.
    expect((await t.s3.send(new CreateBucketCommand({ Bucket: B }))).$metadata.httpStatusCode).toBe(200);
    const elsewhere = `${B}-eu`;
    await t.s3.send(new CreateBucketCommand({ Bucket: elsewhere, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    expect(
      await failure(
        t.s3.send(new CreateBucketCommand({ Bucket: elsewhere, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
      ),
    ).toBeInstanceOf(BucketAlreadyOwnedByYou);
    await t.s3.send(new DeleteBucketCommand({ Bucket: elsewhere }));
    expect((await failure(t.s3.send(new CreateBucketCommand({ Bucket: 'Bad_Bucket' })))).name).toBe('InvalidBucketName');
    expect((await failure(t.s3.send(new HeadBucketCommand({ Bucket: 'naxt-no-such-bucket' })))).name).toBe('NotFound');
    expect((await failure(t.s3.send(new GetBucketTaggingCommand({ Bucket: B })))).name).toBe('NoSuchTagSet');
    await t.s3.send(new PutBucketTaggingCommand({ Bucket: B, Tagging: { TagSet: [{ Key: 'workshop', Value: 'naxt-genai' }] } }));
    expect((await t.s3.send(new GetBucketTaggingCommand({ Bucket: B }))).TagSet).toEqual([{ Key: 'workshop', Value: 'naxt-genai' }]);
  });

  it('objects: put with metadata and tags, get, NoSuchKey; object tagging put/get/delete keeps the object', async () => {
    await t.s3.send(
      new PutObjectCommand({
        Bucket: B,
        Key: 'docs/a.json',
        Body: '{"a":1}',
        ContentType: 'application/json',
        Metadata: { lab: '01' },
        Tagging: 'workshop=naxt-genai&kind=doc',
      }),
    );
    const got = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'docs/a.json' }));
    expect([await got.Body!.transformToString(), got.ContentType, got.Metadata?.lab, got.ETag]).toEqual([
      '{"a":1}',
      'application/json',
      '01',
      `"${createHash('md5').update('{"a":1}').digest('hex')}"`,
    ]);
    expect((await t.s3.send(new GetObjectTaggingCommand({ Bucket: B, Key: 'docs/a.json' }))).TagSet).toEqual([
      { Key: 'workshop', Value: 'naxt-genai' },
      { Key: 'kind', Value: 'doc' },
    ]);
    await t.s3.send(new PutObjectTaggingCommand({ Bucket: B, Key: 'docs/a.json', Tagging: { TagSet: [{ Key: 'stage', Value: 'raw' }] } }));
    expect((await t.s3.send(new GetObjectTaggingCommand({ Bucket: B, Key: 'docs/a.json' }))).TagSet).toEqual([
      { Key: 'stage', Value: 'raw' },
    ]);
    await t.s3.send(new DeleteObjectTaggingCommand({ Bucket: B, Key: 'docs/a.json' }));
    expect((await t.s3.send(new GetObjectTaggingCommand({ Bucket: B, Key: 'docs/a.json' }))).TagSet).toEqual([]);
    expect(await (await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'docs/a.json' }))).Body!.transformToString()).toBe('{"a":1}');
    expect(await failure(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'docs/missing.json' })))).toBeInstanceOf(NoSuchKey);
  });

  it('ListObjectsV2 pages with MaxKeys 2, with and without a delimiter, each key or prefix exactly once; a forged token is refused', async () => {
    const keys = ['logs/1.txt', 'logs/2.txt', 'logs/3.txt', 'data/x/1.jsonl', 'data/x/2.jsonl', 'data/y/1.jsonl', 'data/z.jsonl'];
    for (const k of keys) await t.s3.send(new PutObjectCommand({ Bucket: B, Key: k, Body: k }));
    const flat: string[] = [];
    let pages = 0;
    for await (const p of paginateListObjectsV2({ client: t.s3, pageSize: 2 }, { Bucket: B, Prefix: 'data/' })) {
      pages += 1;
      flat.push(...(p.Contents ?? []).map((o) => o.Key!));
    }
    expect(flat).toEqual(['data/x/1.jsonl', 'data/x/2.jsonl', 'data/y/1.jsonl', 'data/z.jsonl']);
    expect(pages).toBe(2);
    const rolled: string[] = [];
    for await (const p of paginateListObjectsV2({ client: t.s3, pageSize: 2 }, { Bucket: B, Prefix: 'data/', Delimiter: '/' })) {
      rolled.push(...(p.CommonPrefixes ?? []).map((c) => c.Prefix!), ...(p.Contents ?? []).map((o) => o.Key!));
    }
    expect(rolled.sort()).toEqual(['data/x/', 'data/y/', 'data/z.jsonl']);
    const forged = await failure(
      t.s3.send(new (await import('@aws-sdk/client-s3')).ListObjectsV2Command({ Bucket: B, ContinuationToken: '' + '%%%' })),
    );
    expect(forged.name).toBe('InvalidArgument');
  });

  it('DeleteObjects removes a batch; a non-empty bucket cannot be deleted, an empty one can', async () => {
    expect((await failure(t.s3.send(new DeleteBucketCommand({ Bucket: B })))).name).toBe('BucketNotEmpty');
    const all: string[] = [];
    for await (const p of paginateListObjectsV2({ client: t.s3 }, { Bucket: B })) all.push(...(p.Contents ?? []).map((o) => o.Key!));
    expect(all).toHaveLength(8);
    const out = await t.s3.send(new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: all.map((Key) => ({ Key })) } }));
    expect(out.Deleted?.map((d) => d.Key).sort()).toEqual([...all].sort());
    await t.s3.send(new DeleteBucketCommand({ Bucket: B }));
    expect((await failure(t.s3.send(new HeadBucketCommand({ Bucket: B })))).name).toBe('NotFound');
  });

  it('multipart upload: parts join in order, the ETag is the MD5 of part MD5s with the part count, a wrong part ETag is InvalidPart', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: `${B}-mp` }));
    const part1 = Buffer.alloc(5 * 1024 * 1024, 'a');
    const part2 = Buffer.from('tail');
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: `${B}-mp`, Key: 'big.bin' }));
    const e1 = (await t.s3.send(new UploadPartCommand({ Bucket: `${B}-mp`, Key: 'big.bin', UploadId, PartNumber: 1, Body: part1 }))).ETag!;
    const e2 = (await t.s3.send(new UploadPartCommand({ Bucket: `${B}-mp`, Key: 'big.bin', UploadId, PartNumber: 2, Body: part2 }))).ETag!;
    const wrong = await failure(
      t.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: `${B}-mp`,
          Key: 'big.bin',
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: e1 },
              { PartNumber: 2, ETag: '"0000"' },
            ],
          },
        }),
      ),
    );
    expect(wrong.name).toBe('InvalidPart');
    const done = await t.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: `${B}-mp`,
        Key: 'big.bin',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: e1 },
            { PartNumber: 2, ETag: e2 },
          ],
        },
      }),
    );
    const md5 = (b: Buffer) => createHash('md5').update(b).digest();
    expect(done.ETag).toBe(
      `"${createHash('md5')
        .update(Buffer.concat([md5(part1), md5(part2)]))
        .digest('hex')}-2"`,
    );
    const body = Buffer.from(
      await (await t.s3.send(new GetObjectCommand({ Bucket: `${B}-mp`, Key: 'big.bin' }))).Body!.transformToByteArray(),
    );
    expect(body.length).toBe(part1.length + part2.length);
    expect(body.subarray(-4).toString()).toBe('tail');
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, appendFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { CreateModelCommand, DeleteModelCommand, ListModelsCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { S3Client } from '@aws-sdk/client-s3';
import { childRunner, type ChildRunner } from './child.ts';
import { ROLE } from './deploy.ts';

const BUCKET = 'naxt-genai-crash';
/** Kills of the runner under traffic: 3 in the suite, more by hand (`NAXT_CRASH_ROUNDS=30`). */
const ROUNDS = Number(process.env.NAXT_CRASH_ROUNDS ?? 3);

async function allKeys(s3: S3Client): Promise<Set<string>> {
  const keys = new Set<string>();
  let token: string | undefined;
  do {
    // A lost bucket loses every key in it.
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token })).catch((e: Error) => {
      if (e.name === 'NoSuchBucket') return { Contents: [], NextContinuationToken: undefined };
      throw e;
    });
    for (const o of page.Contents ?? []) keys.add(o.Key!);
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

async function allModels(sm: SageMakerClient): Promise<Set<string>> {
  const names = new Set<string>();
  let token: string | undefined;
  do {
    const page = await sm.send(new ListModelsCommand({ NextToken: token, MaxResults: 100 }));
    for (const m of page.Models ?? []) names.add(m.ModelName!);
    token = page.NextToken;
  } while (token);
  return names;
}

/** Writers that keep going until the runner dies; each remembers only what the sandbox acknowledged. */
function writers(r: ChildRunner, round: number, acked: { keys: string[]; models: string[]; deleted: string[]; uncertain: string[] }) {
  let n = 0;
  const s3Writer = async () => {
    for (;;) {
      const key = `r${round}/obj-${n++}`;
      try {
        await r.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `body of ${key}` }));
      } catch {
        return;
      }
      acked.keys.push(key);
    }
  };
  const modelWriter = async () => {
    for (;;) {
      const name = `crash-r${round}-m${n++}`;
      try {
        await r.sagemaker.send(
          new CreateModelCommand({
            ModelName: name,
            ExecutionRoleArn: ROLE,
            PrimaryContainer: { Image: 'tgi', Environment: { HF_MODEL_ID: 'huggingface-llm-gemma-2b-instruct' } },
          }),
        );
      } catch {
        return;
      }
      acked.models.push(name);
    }
  };
  // Cleanup under the same traffic: a deletion the sandbox acknowledged must not be undone by the crash.
  const deleter = async () => {
    for (;;) {
      const name = acked.models.find((m) => !acked.uncertain.includes(m) && m.startsWith(`crash-r${round}-`));
      if (!name) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (r.process.exitCode !== null || r.process.signalCode !== null) return;
        continue;
      }
      // Sent but never answered, a deletion may or may not have happened: that model is neither kept nor lost.
      acked.uncertain.push(name);
      try {
        await r.sagemaker.send(new DeleteModelCommand({ ModelName: name }));
      } catch {
        return;
      }
      acked.deleted.push(name);
    }
  };
  return Promise.all([s3Writer(), s3Writer(), modelWriter(), modelWriter(), deleter()]);
}

describe('a runner killed mid-traffic (kill -9)', () => {
  let dir = '';
  const started: ChildRunner[] = [];
  afterAll(async () => {
    for (const r of started) if (r.process.exitCode === null && r.process.signalCode === null) await r.kill();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps an overwritten object whole: the body it reads back is the one its ETag names', async () => {
    const d = await mkdtemp(join(tmpdir(), 'naxt-crash-'));
    try {
      let r = await childRunner(d);
      started.push(r);
      await r.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      let n = 0;
      const overwrite = (async () => {
        for (;;) {
          const body = `version ${n++} `.repeat(1 + (n % 50));
          try {
            await r.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'same', Body: body }));
          } catch {
            return;
          }
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await r.kill('SIGKILL');
      await overwrite;
      r = await childRunner(d);
      started.push(r);
      // The SDK checks the body against the length and checksum the sandbox answers with.
      const got = await r.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'same', ChecksumMode: 'ENABLED' }));
      const text = await got.Body!.transformToString();
      expect(text).toMatch(/^(version \d+ )+$/);
      expect(got.ContentLength).toBe(Buffer.byteLength(text));
      await r.kill('SIGTERM');
    } finally {
      await rm(d, { recursive: true, force: true });
    }
  }, 60_000);

  it(
    'loses no object and no model that the sandbox acknowledged',
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'naxt-crash-'));
      const acked = { keys: [] as string[], models: [] as string[], deleted: [] as string[], uncertain: [] as string[] };
      let r = await childRunner(dir);
      started.push(r);
      await r.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      for (let round = 0; round < ROUNDS; round++) {
        const traffic = writers(r, round, acked);
        // Steady traffic for a while, then the kill lands mid-stream.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await r.kill('SIGKILL');
        await traffic;
        r = await childRunner(dir);
        started.push(r);
      }
      const keys = await allKeys(r.s3);
      const models = await allModels(r.sagemaker);
      const lostKeys = acked.keys.filter((k) => !keys.has(k));
      const lostModels = acked.models.filter((m) => !acked.uncertain.includes(m) && !models.has(m));
      const undeleted = acked.deleted.filter((m) => models.has(m));
      expect(acked.keys.length).toBeGreaterThan(50);
      expect(acked.models.length).toBeGreaterThan(50);
      expect(acked.deleted.length).toBeGreaterThan(10);
      console.log(
        `acknowledged ${acked.keys.length} objects and ${acked.models.length} models over ${ROUNDS} kills; lost ${lostKeys.length} and ${lostModels.length}; ${acked.deleted.length} deletions, ${undeleted.length} undone`,
      );
      expect({ lostKeys: lostKeys.length, lostModels: lostModels.length, undeleted: undeleted.length }).toEqual({
        lostKeys: 0,
        lostModels: 0,
        undeleted: 0,
      });
      // The bodies too: every acknowledged object reads back as written.
      for (const key of acked.keys.slice(-20))
        expect(await (await r.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString()).toBe(
          `body of ${key}`,
        );
      await r.kill('SIGTERM');
    },
    120_000 + ROUNDS * 5_000,
  );

  it('finishes a multipart upload whose parts were acknowledged before the kill', async () => {
    const d = await mkdtemp(join(tmpdir(), 'naxt-crash-'));
    try {
      let r = await childRunner(d);
      started.push(r);
      await r.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      const { UploadId } = await r.s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'big' }));
      const first = Buffer.alloc(5 * 1024 * 1024, 0x61);
      const second = Buffer.from('and the end');
      const p1 = await r.s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'big', UploadId, PartNumber: 1, Body: first }));
      const p2 = await r.s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'big', UploadId, PartNumber: 2, Body: second }));
      await r.kill('SIGKILL');
      r = await childRunner(d);
      started.push(r);
      await r.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: 'big',
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: p1.ETag },
              { PartNumber: 2, ETag: p2.ETag },
            ],
          },
        }),
      );
      const got = Buffer.from(await (await r.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big' }))).Body!.transformToByteArray());
      expect(got.equals(Buffer.concat([first, second]))).toBe(true);
      await r.kill('SIGTERM');
    } finally {
      await rm(d, { recursive: true, force: true });
    }
  }, 60_000);

  it('starts after a crash tore the last log record, with every record before it', async () => {
    // The previous test left a data directory with a log; a crash mid-append leaves half a record at its end.
    const log = join(dir, 'sandbox', 'state.log');
    let r = await childRunner(dir);
    started.push(r);
    await r.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'before-the-tear', Body: 'kept' }));
    await r.kill('SIGKILL');
    expect(await readFile(log, 'utf8')).toContain('before-the-tear');
    await appendFile(log, '{"seq":999999,"ops":[[["objects","naxt-genai-crash","torn"],{"size":4,"et');
    r = await childRunner(dir);
    started.push(r);
    const keys = await allKeys(r.s3);
    expect(keys.has('before-the-tear')).toBe(true);
    expect(keys.has('torn')).toBe(false);
    // And it keeps writing after the cut: the next record is readable on the next start.
    await r.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'after-the-tear', Body: 'kept too' }));
    await r.kill('SIGKILL');
    r = await childRunner(dir);
    started.push(r);
    const again = await allKeys(r.s3);
    expect(again.has('before-the-tear') && again.has('after-the-tear')).toBe(true);
    await r.kill('SIGTERM');
  }, 60_000);
});

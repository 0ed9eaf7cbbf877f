import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@smithy/core/checksum';
import { childRunner, type ChildRunner } from './child.ts';
import { BODY_LIMITS } from '../../runner/sandbox/body.ts';
import type { SessionRef } from '../../runner/api/contract.ts';

const MB = 1024 * 1024;
const BUCKET = 'naxt-genai-limits';

/**
 * Streams `total` bytes to the runner (chunked unless a Content-Length is given), as fast as it takes them, and
 * stops as soon as an answer comes back: what a client sees when its upload is refused midway.
 */
function upload(url: string, headers: Record<string, string>, total: number): Promise<{ status: number; body: string; sentMb: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, { method: 'PUT', headers }, (res) => {
      answered = true;
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, sentMb: Math.round(sent / MB) });
        req.destroy();
      });
    });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(MB, 0x61);
    const pump = () => {
      while (!answered && sent < total) {
        const part = chunk.subarray(0, Math.min(chunk.byteLength, total - sent));
        sent += part.byteLength;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('request bodies over the limits', () => {
  let dir = '';
  let r: ChildRunner;
  let signer: SignatureV4;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'naxt-limits-'));
    r = await childRunner(dir);
    await r.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    signer = new SignatureV4({
      credentials: await r.s3.config.credentials(),
      region: 'us-east-1',
      service: 's3',
      sha256: Sha256,
      uriEscapePath: false,
    });
    // Warm up: the runner's first requests load code; only what a big body adds is measured.
    for (let i = 0; i < 5; i++) await r.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `warm-${i}`, Body: Buffer.alloc(MB) }));
    for (let i = 0; i < 5; i++) await fetch(`${r.baseUrl}/api/session`, { headers: { authorization: `Bearer ${r.token}` } });
  }, 60_000);
  afterAll(async () => {
    if (r) await r.kill('SIGTERM');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const signedHeaders = async (path: string, extra: Record<string, string> = {}) => {
    const url = new URL(`${r.baseUrl}${path}`);
    const signed = await signer.sign(
      new HttpRequest({
        method: 'PUT',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...extra },
      }),
    );
    return signed.headers as Record<string, string>;
  };

  it('refuses an unsigned 256 MB upload to /sandbox before reading it: the runner does not grow', async () => {
    const before = r.rssMb();
    const res = await upload(`${r.baseUrl}/sandbox/s3/${BUCKET}/unsigned`, { 'content-type': 'application/octet-stream' }, 256 * MB);
    const grew = r.rssMb() - before;
    console.log(`unsigned 256 MB to /sandbox: ${res.sentMb} MB sent before the answer, RSS ${before.toFixed(0)} → +${grew.toFixed(1)} MB`);
    expect(res.status).toBe(403);
    expect(res.body).toContain('<Code>AccessDenied</Code>');
    expect(grew).toBeLessThan(20);
    // The JSON services too, and a signature made with other keys is no better than none.
    const json = await upload(
      `${r.baseUrl}/sandbox/sagemaker/`,
      { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SageMaker.ListModels' },
      256 * MB,
    );
    expect(json.status).toBe(403);
    expect(json.body).toContain('MissingAuthenticationTokenException');
    const forged = await upload(
      `${r.baseUrl}/sandbox/sagemaker/`,
      {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
        authorization: `AWS4-HMAC-SHA256 Credential=AKIAOTHERKEY/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      },
      256 * MB,
    );
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('UnrecognizedClientException');
    expect(json.sentMb + forged.sentMb).toBeLessThan(100);
    expect(r.rssMb() - before).toBeLessThan(20);
  }, 60_000);

  it("answers S3's EntityTooLarge to a signed PutObject over the sandbox's 64 MiB, from its Content-Length", async () => {
    const before = r.rssMb();
    const headers = await signedHeaders(`/sandbox/s3/${BUCKET}/too-big`, { 'content-length': String(300 * MB) });
    const res = await upload(`${r.baseUrl}/sandbox/s3/${BUCKET}/too-big`, headers, 300 * MB);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>EntityTooLarge</Code>');
    expect(res.body).toContain('Your proposed upload exceeds the maximum allowed size');
    expect(res.body).toContain(`<MaxSizeAllowed>${BODY_LIMITS.s3}</MaxSizeAllowed>`);
    console.log(`signed 300 MB PutObject: ${res.sentMb} MB sent before the answer, RSS +${(r.rssMb() - before).toFixed(1)} MB`);
    expect(r.rssMb() - before).toBeLessThan(20);
  }, 60_000);

  it('refuses a 100 MB JSON body to /api from its Content-Length, and a 256 MB chunked one while it streams in', async () => {
    const auth = { authorization: `Bearer ${r.token}`, origin: r.baseUrl, 'content-type': 'application/json' };
    // A real session's cell, so a body that got through would be parsed and stored.
    const { sessionId } = (await (await fetch(`${r.baseUrl}/api/session`, { headers: auth })).json()) as SessionRef;
    const url = `${r.baseUrl}/api/sessions/${sessionId}/labs/00-setup/cells/identity`;
    const normal = await fetch(url, { method: 'PUT', headers: auth, body: JSON.stringify({ code: 'console.log(1)' }) });
    expect(normal.status).toBeLessThan(300);
    const before = r.rssMb();
    const declared = await upload(url, { ...auth, 'content-length': String(100 * MB) }, 100 * MB);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ error: { code: 'PayloadTooLarge' } });
    const chunked = await upload(url, { ...auth, 'transfer-encoding': 'chunked' }, 256 * MB);
    expect(chunked.status).toBe(413);
    expect(chunked.sentMb).toBeLessThan(200);
    console.log(
      `/api: 100 MB declared → ${declared.sentMb} MB sent; 256 MB chunked → ${chunked.sentMb} MB sent; RSS +${(r.rssMb() - before).toFixed(1)} MB`,
    );
    expect(r.rssMb() - before).toBeLessThan(20);
  }, 60_000);

  it('still stores a normal object, and a signed body that does not match its declared hash is refused', async () => {
    const body = Buffer.alloc(2 * MB, 0x62);
    await r.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'normal', Body: body }));
    const got = await r.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'normal' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    const headers = await signedHeaders(`/sandbox/s3/${BUCKET}/forged`, {
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'content-length': '5',
    });
    const res = await upload(`${r.baseUrl}/sandbox/s3/${BUCKET}/forged`, headers, 5);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
  }, 60_000);

  it("answers 413 to an InvokeEndpoint body over AWS's 6 MB", async () => {
    const runtime = new SageMakerRuntimeClient({
      region: 'us-east-1',
      credentials: await r.s3.config.credentials(),
      endpoint: `${r.baseUrl}/sandbox/runtime`,
      maxAttempts: 1,
    });
    const call = runtime.send(
      new InvokeEndpointCommand({
        EndpointName: 'any',
        ContentType: 'application/json',
        Body: Buffer.alloc(BODY_LIMITS.runtime + 1, 0x20),
      }),
    );
    await expect(call).rejects.toMatchObject({
      $metadata: { httpStatusCode: 413 },
      message: `HTTP content length exceeded ${BODY_LIMITS.runtime} bytes.`,
    });
    // At the limit, the request goes through to the endpoint lookup.
    await expect(
      runtime.send(
        new InvokeEndpointCommand({ EndpointName: 'any', ContentType: 'application/json', Body: Buffer.alloc(BODY_LIMITS.runtime, 0x20) }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  }, 60_000);

  // Last: it is the one that legitimately holds a limit's worth of body, which the measures above would count.
  it('stops a signed chunked upload with no length at the limit: it never holds more than the limit', async () => {
    const before = r.rssMb();
    const headers = await signedHeaders(`/sandbox/s3/${BUCKET}/streamed`, { 'transfer-encoding': 'chunked' });
    const res = await upload(`${r.baseUrl}/sandbox/s3/${BUCKET}/streamed`, headers, 256 * MB);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>EntityTooLarge</Code>');
    expect(res.sentMb).toBeLessThan(200);
    console.log(`signed chunked 256 MB PutObject: ${res.sentMb} MB sent before the answer, RSS +${(r.rssMb() - before).toFixed(1)} MB`);
    expect(r.rssMb() - before).toBeLessThan(BODY_LIMITS.s3 / MB + 20);
    await expect(r.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed' }))).rejects.toThrow(/does not exist/);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile as execFileCb, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import {
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
  ModelError,
  ModelStreamError,
  ValidationError,
  type ResponseStream,
} from '@aws-sdk/client-sagemaker-runtime';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { testRunner } from '../integration/harness.ts';
import { deployEndpoint } from './deploy.ts';

const execFile = promisify(execFileCb);
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3']).status === 0;
const ENDPOINT = 'naxt-stream';
const BUCKET = 'naxt-genai-stream-capture';
const QUESTION = 'How do I order a new laptop?';

/** Every part of a streamed response, as the SDK hands them to a learner's `for await`. */
async function parts(body: AsyncIterable<ResponseStream> | undefined): Promise<string[]> {
  const out: string[] = [];
  for await (const ev of body ?? []) if (ev.PayloadPart?.Bytes) out.push(Buffer.from(ev.PayloadPart.Bytes).toString('utf8'));
  return out;
}

/** The JSON objects of server-sent `data:` lines (TGI's streaming format). */
const sseData = (text: string) =>
  [...text.matchAll(/^data:(.*)$/gm)]
    .map((m) => m[1].trim())
    .filter((d) => d !== '[DONE]')
    .map((d) => JSON.parse(d) as Record<string, unknown>);

describe('InvokeEndpointWithResponseStream on the sandbox', () => {
  let h: Awaited<ReturnType<typeof testRunner>>;
  let c: ReturnType<typeof h.runner.target.clients>;
  beforeAll(async () => {
    h = await testRunner();
    c = h.runner.target.clients();
    await c.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await deployEndpoint(c.sagemaker, ENDPOINT, 'huggingface-llm-mistral-7b-instruct-v3', {
      EnableCapture: true,
      InitialSamplingPercentage: 100,
      DestinationS3Uri: `s3://${BUCKET}/capture`,
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
      CaptureContentTypeHeader: { JsonContentTypes: ['application/json'] },
    });
  });
  afterAll(async () => h?.remove());

  const invoke = async (body: unknown) => {
    const r = await c.runtime.send(
      new InvokeEndpointCommand({ EndpointName: ENDPOINT, ContentType: 'application/json', Body: JSON.stringify(body) }),
    );
    return JSON.parse(Buffer.from(r.Body!).toString('utf8')) as unknown;
  };
  const stream = (body: unknown, extra: Partial<ConstructorParameters<typeof InvokeEndpointWithResponseStreamCommand>[0]> = {}) =>
    c.runtime.send(
      new InvokeEndpointWithResponseStreamCommand({
        EndpointName: ENDPOINT,
        ContentType: 'application/json',
        Body: JSON.stringify(body),
        ...extra,
      }),
    );

  it('streams TGI token events whose texts spell the non-streaming answer', async () => {
    const request = { inputs: QUESTION, parameters: { max_new_tokens: 64 } };
    const [{ generated_text: expected }] = (await invoke(request)) as { generated_text: string }[];
    expect(expected.split(/\s+/).length).toBeGreaterThan(3);

    const res = await stream({ ...request, stream: true }, { CustomAttributes: 'trace=42' });
    expect(res.ContentType).toBe('text/event-stream');
    expect(res.InvokedProductionVariant).toBe('AllTraffic');
    expect(res.CustomAttributes).toBe('trace=42');
    const got = await parts(res.Body);
    expect(got.length).toBeGreaterThan(3);
    const events = sseData(got.join(''));
    expect(events.length).toBe(got.length);
    const tokens = events.map((e) => (e.token as { text: string }).text);
    expect(tokens.join('')).toBe(expected);
    expect(events.slice(0, -1).every((e) => e.generated_text === null)).toBe(true);
    expect(events.at(-1)!.generated_text).toBe(expected);
  });

  it('streams Messages API chunks that end with [DONE]', async () => {
    const request = { messages: [{ role: 'user', content: QUESTION }], max_tokens: 64 };
    const answer = (await invoke(request)) as { choices: { message: { content: string } }[] };
    const got = await parts((await stream({ ...request, stream: true })).Body);
    expect(got.at(-1)!.trim()).toBe('data:[DONE]');
    const chunks = sseData(got.join('')) as { object: string; choices: { delta: { content: string }; finish_reason: string | null }[] }[];
    expect(chunks.every((x) => x.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.map((x) => x.choices[0].delta.content).join('')).toBe(answer.choices[0].message.content);
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe('stop');
  });

  it('sends the whole answer when the request does not ask for tokens', async () => {
    const request = { inputs: QUESTION };
    const plain = await invoke(request);
    const res = await stream(request);
    expect(res.ContentType).toBe('application/json');
    expect(JSON.parse((await parts(res.Body)).join(''))).toEqual(plain);
  });

  it('answers a missing endpoint with ValidationError and a broken request with ModelError, before any stream', async () => {
    const missing = await c.runtime
      .send(
        new InvokeEndpointWithResponseStreamCommand({
          EndpointName: 'naxt-nowhere',
          ContentType: 'application/json',
          Body: '{"inputs":"hi"}',
        }),
      )
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as Error).message).toMatch(/naxt-nowhere/);
    const broken = await stream({ inputs: '', stream: true }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(ModelError);
    expect((broken as ModelError).OriginalStatusCode).toBe(422);
    expect((broken as ModelError).message).toMatch(/^Received client error \(422\) from primary with message/);
    const wrongVariant = await stream({ inputs: QUESTION }, { TargetVariant: 'Canary' }).catch((e: unknown) => e);
    expect(wrongVariant).toBeInstanceOf(ValidationError);
  });

  it('reports a broken stream as ModelStreamError from the Body iterator, after the first parts', async () => {
    h.runner.sandbox!.setFaults({
      once: [
        { op: 'InvokeEndpointWithResponseStream.Stream', error: 'ModelStreamError', message: 'The model server closed the connection.' },
      ],
    });
    const res = await stream({ inputs: QUESTION, stream: true });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const ev of res.Body!) if (ev.PayloadPart?.Bytes) seen.push(Buffer.from(ev.PayloadPart.Bytes).toString('utf8'));
    })().catch((e: unknown) => e);
    h.runner.sandbox!.setFaults({});
    expect(error).toBeInstanceOf(ModelStreamError);
    expect((error as ModelStreamError).ErrorCode).toBe('StreamBroken');
    expect(seen.length).toBe(1);
  });

  it('captures a streamed invocation in the data capture JSONL layout', async () => {
    const request = { inputs: 'How do I book office space for a client meeting?', stream: true };
    const streamed = (await parts((await stream(request)).Body)).join('');
    let records: {
      captureData: {
        endpointInput: { data: string; encoding: string; observedContentType: string };
        endpointOutput: { data: string; encoding: string; observedContentType: string };
      };
    }[] = [];
    for (let i = 0; i < 50 && !records.some((r) => r.captureData.endpointInput.data.includes('office space')); i++) {
      await new Promise((r) => setTimeout(r, 20));
      const list = await c.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `capture/${ENDPOINT}/AllTraffic/` }));
      records = [];
      for (const o of list.Contents ?? []) {
        expect(o.Key).toMatch(new RegExp(`^capture/${ENDPOINT}/AllTraffic/\\d{4}/\\d{2}/\\d{2}/\\d{2}/.+\\.jsonl$`));
        const text = await (await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: o.Key! }))).Body!.transformToString();
        records.push(
          ...text
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as (typeof records)[number]),
        );
      }
    }
    const mine = records.find((r) => r.captureData.endpointInput.data.includes('office space'));
    expect(mine).toBeDefined();
    expect(JSON.parse(mine!.captureData.endpointInput.data)).toEqual(request);
    expect(mine!.captureData.endpointInput.encoding).toBe('JSON');
    // text/event-stream is not a configured JSON type: SageMaker records it base64-encoded.
    expect(mine!.captureData.endpointOutput.observedContentType).toBe('text/event-stream');
    expect(mine!.captureData.endpointOutput.encoding).toBe('BASE64');
    expect(Buffer.from(mine!.captureData.endpointOutput.data, 'base64').toString('utf8')).toBe(streamed);
  });

  it.skipIf(!hasBoto3)('boto3 reads the same stream with invoke_endpoint_with_response_stream', async () => {
    const { stdout } = await execFile(process.execPath, [join(process.cwd(), 'bin/workshop.js'), 'env', '--data-dir', h.dataDir], {
      encoding: 'utf8',
    });
    const env = Object.fromEntries([...stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]));
    const script = `
import boto3, json
rt = boto3.client('sagemaker-runtime')
r = rt.invoke_endpoint_with_response_stream(EndpointName='${ENDPOINT}', ContentType='application/json', Body=json.dumps({'inputs': '${QUESTION}', 'stream': True}))
parts = [e['PayloadPart']['Bytes'].decode() for e in r['Body'] if 'PayloadPart' in e]
print(json.dumps({'parts': len(parts), 'text': ''.join(parts), 'type': r['ContentType']}))
`;
    const out = JSON.parse((await execFile('python3', ['-c', script], { env: { ...process.env, ...env }, encoding: 'utf8' })).stdout) as {
      parts: number;
      text: string;
      type: string;
    };
    const [{ generated_text: expected }] = (await invoke({ inputs: QUESTION })) as { generated_text: string }[];
    expect(out.type).toBe('text/event-stream');
    expect(out.parts).toBeGreaterThan(3);
    expect(
      sseData(out.text)
        .map((e) => (e.token as { text: string }).text)
        .join(''),
    ).toBe(expected);
  });
});

import { mulberry32 } from '../../runner/sandbox/random.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@smithy/core/checksum';
import { createSandbox, type Sandbox } from '../../runner/sandbox/index.ts';
import { newSandboxKeys } from '../../runner/target.ts';

/**
 * Thousands of requests from a fixed seed, valid ones mixed with the malformed ones a learner's code (or a broken
 * tool) can send: every answer is a 2xx or an AWS-shaped 4xx error, never a 5xx, and a malformed request never
 * succeeds.
 */

const REGION = 'us-east-1';
const HOST = '127.0.0.1:4321';
const ROLE = 'arn:aws:iam::123456789012:role/naxt-fuzz';
const ENDPOINT = 'naxt-fuzz';

/** A seeded generator (the sandbox's mulberry32), so a failure replays with the same requests. */
function prng(seed: number) {
  const next = mulberry32(seed);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

type Protocol = 'json' | 'rest-json' | 'query' | 's3';
interface Spec {
  service: string;
  signingName: string;
  protocol: Protocol;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
interface Case extends Spec {
  label: string;
  /** A mutation that makes the request malformed: it must be refused. */
  mustFail: boolean;
  /** The error code AWS answers this malformation with. */
  code?: RegExp;
  /** Changes the request after it is signed (auth header mutations). */
  afterSign?: (h: Record<string, string>) => void;
}

const PROTO_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
  'prototype',
];
const BAD_ESCAPES = ['%', '%E0%A4%A', '%zz', '%C0%AF', '%ED%A0%80', 'a%2', '%%41', '%FF%FE'];

const json = (service: string, prefix: string, op: string, input: unknown, signingName = service): Spec => ({
  service,
  signingName,
  protocol: 'json',
  method: 'POST',
  path: `/${service}/`,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${prefix}.${op}` },
  body: JSON.stringify(input),
});
const query = (service: string, form: Record<string, string>): Spec => ({
  service,
  signingName: service,
  protocol: 'query',
  method: 'POST',
  path: `/${service}/`,
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: new URLSearchParams(form).toString(),
});
const invoke = (name: string, body: string): Spec => ({
  service: 'runtime',
  signingName: 'sagemaker',
  protocol: 'rest-json',
  method: 'POST',
  path: `/runtime/endpoints/${name}/invocations`,
  headers: { 'content-type': 'application/json' },
  body,
});
const s3 = (method: string, path: string, body = ''): Spec => ({
  service: 's3',
  signingName: 's3',
  protocol: 's3',
  method,
  path: `/s3${path}`,
  headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  body,
});

/** Requests a learner's code sends every day. */
function validSpecs(r: ReturnType<typeof prng>): Spec[] {
  const name = r.pick([ENDPOINT, 'naxt-missing', ...PROTO_NAMES.filter((n) => /^[a-zA-Z]/.test(n))]);
  return [
    json('sagemaker', 'SageMaker', 'ListModels', { MaxResults: 1 + r.int(50) }),
    json('sagemaker', 'SageMaker', 'DescribeEndpoint', { EndpointName: name }),
    json('sagemaker', 'SageMaker', 'DescribeModel', { ModelName: name }),
    json('sagemaker', 'SageMaker', 'ListEndpoints', { NameContains: name }),
    json('sagemaker', 'SageMaker', 'ListTags', { ResourceArn: `arn:aws:sagemaker:${REGION}:123456789012:endpoint/${name}` }),
    json('sagemaker', 'SageMaker', 'CreateModel', {
      ModelName: `naxt-fuzz-${r.int(1e6)}`,
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: 'img', Environment: { HF_MODEL_ID: 'huggingface-llm-gemma-2b-instruct' } },
    }),
    json('logs', 'Logs_20140328', 'DescribeLogStreams', { logGroupName: '/aws/sagemaker/TrainingJobs' }),
    json('logs', 'Logs_20140328', 'FilterLogEvents', { logGroupName: r.pick(['/aws/sagemaker/ProcessingJobs', '/aws/nothing']) }),
    json('servicequotas', 'ServiceQuotasV20190624', 'ListServiceQuotas', { ServiceCode: 'sagemaker', MaxResults: 5 }),
    json('servicequotas', 'ServiceQuotasV20190624', 'GetServiceQuota', { ServiceCode: 'sagemaker', QuotaCode: 'L-00000000' }),
    json('cognito-idp', 'AWSCognitoIdentityProviderService', 'ListUserPools', { MaxResults: 1 + r.int(60) }),
    json('cognito-idp', 'AWSCognitoIdentityProviderService', 'DescribeUserPool', { UserPoolId: r.pick([name, `${REGION}_${name}`]) }),
    json('cognito-idp', 'AWSCognitoIdentityProviderService', 'CreateGroup', { UserPoolId: `${REGION}_${name}`, GroupName: name }),
    invoke(name, JSON.stringify({ inputs: 'How do I order a laptop?' })),
    query('sts', { Action: 'GetCallerIdentity', Version: '2011-06-15' }),
    query('iam', { Action: 'GetRole', RoleName: name, Version: '2010-05-08' }),
    s3('GET', '/'),
    s3('GET', '/naxt-fuzz-bucket'),
    s3('PUT', `/naxt-fuzz-bucket/${r.pick(['data.txt', ...PROTO_NAMES])}`, 'hello'),
    s3('GET', `/naxt-fuzz-bucket/${r.pick(['data.txt', ...PROTO_NAMES])}`),
  ];
}

const isJsonService = (s: Spec) => s.protocol === 'json';
const setBody = (s: Spec, body: string): Spec => ({ ...s, body });

/** One request: valid, or valid and then broken in one of the ways the issue lists. */
function nextCase(r: ReturnType<typeof prng>): Case {
  const base = r.pick(validSpecs(r));
  const kind = r.int(12);
  const jsonBase = isJsonService(base) ? base : r.pick(validSpecs(r).filter(isJsonService));
  const target = (s: Spec, op: string) => ({
    ...s,
    headers: { ...s.headers, 'x-amz-target': `${s.headers['x-amz-target'].split('.')[0]}.${op}` },
  });
  switch (kind) {
    case 0:
    case 1:
      return { ...base, label: 'valid', mustFail: false };
    case 2: {
      const cut = 1 + r.int(Math.max(1, jsonBase.body.length - 1));
      return {
        ...setBody(jsonBase, jsonBase.body.slice(0, cut)),
        label: `truncated JSON (${cut})`,
        mustFail: true,
        code: /^SerializationException$/,
      };
    }
    case 3: {
      const body = r.pick([
        'null',
        '[]',
        '[{}]',
        '42',
        '-1.5e3',
        '"text"',
        'true',
        'false',
        '{"a":1}{"b":2}',
        '\u0000',
        '{"MaxResults":',
        'nul',
        '\ufeff{',
      ]);
      return { ...setBody(jsonBase, body), label: `body ${JSON.stringify(body)}`, mustFail: true, code: /^SerializationException$/ };
    }
    case 4: {
      const op = r.pick([...PROTO_NAMES, '', 'Unknown', 'listModels', `${r.pick(PROTO_NAMES)}.${r.pick(PROTO_NAMES)}`]);
      return { ...target(jsonBase, op), label: `operation ${JSON.stringify(op)}`, mustFail: true, code: /^UnknownOperationException$/ };
    }
    case 5: {
      const t = r.pick([
        '',
        'SageMaker',
        'SageMaker.',
        '.ListModels',
        'Nope.ListModels',
        'x'.repeat(20_000),
        'SageMaker.ListModels.Extra',
        'SageMaker.\u00e9',
      ]);
      return {
        ...jsonBase,
        headers: { ...jsonBase.headers, 'x-amz-target': t },
        label: `target ${JSON.stringify(t.slice(0, 40))}`,
        mustFail: true,
        code: /^UnknownOperationException$/,
      };
    }
    case 6: {
      const bad = r.pick(BAD_ESCAPES);
      if (r.next() < 0.5)
        return {
          ...invoke(`${r.pick(['', 'naxt'])}${bad}`, '{"inputs":"hi"}'),
          label: `endpoint name ${bad}`,
          mustFail: true,
          code: /^ValidationError$/,
        };
      // S3 keys are free-form (a bad escape is InvalidURI); the other services see it in a path they do not route.
      if (r.next() < 0.5)
        return {
          ...s3(r.pick(['GET', 'PUT', 'DELETE', 'HEAD']), `/naxt-fuzz-bucket/k${bad}`),
          label: `s3 key ${bad}`,
          mustFail: true,
          code: /^(InvalidURI|BadRequest)$/,
        };
      return { ...jsonBase, path: `${jsonBase.path}${bad}`, label: `path ${bad}`, mustFail: false };
    }
    case 7: {
      const signed = r.pick([
        '',
        ';;;',
        ';',
        'host;;x-amz-date',
        '__proto__',
        'constructor;host',
        'host;__proto__;x-amz-date',
        'HOST;X-AMZ-DATE',
        'x'.repeat(5000),
      ]);
      return {
        ...base,
        label: `SignedHeaders=${signed.slice(0, 20)}`,
        mustFail: true,
        code: /^(IncompleteSignature(Exception)?|InvalidSignatureException|SignatureDoesNotMatch|AuthorizationHeaderMalformed|UnrecognizedClientException|InvalidClientTokenId|InvalidAccessKeyId|AccessDenied|MissingAuthenticationToken(Exception)?|BadRequest|Forbidden)$/,
        afterSign: (h) => {
          h.authorization = h.authorization.replace(/SignedHeaders=[^,]*/, `SignedHeaders=${signed}`);
        },
      };
    }
    case 8: {
      const auth = r.pick([
        'AWS4-HMAC-SHA256',
        'AWS4-HMAC-SHA256 ',
        'Bearer x',
        'AWS4-HMAC-SHA256 Credential=',
        'AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=00',
        'AWS4-HMAC-SHA256 Credential=//////, SignedHeaders=;, Signature=',
        'AWS4-HMAC-SHA256 Credential=%zz/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=' + '0'.repeat(64),
        `AWS4-HMAC-SHA256 ${'Credential=x,'.repeat(2000)}`,
        'AWS4-HMAC-SHA256 Credential=\u00ff/\u00fe, SignedHeaders=host, Signature=zz',
      ]);
      return {
        ...base,
        label: `authorization ${JSON.stringify(auth.slice(0, 30))}`,
        mustFail: true,
        code: /^(IncompleteSignature(Exception)?|InvalidSignatureException|SignatureDoesNotMatch|AuthorizationHeaderMalformed|UnrecognizedClientException|InvalidClientTokenId|InvalidAccessKeyId|AccessDenied|MissingAuthenticationToken(Exception)?|BadRequest|Forbidden)$/,
        afterSign: (h) => {
          h.authorization = auth;
        },
      };
    }
    case 9: {
      const date = r.pick([
        '',
        '20261302T999999Z',
        'yesterday',
        '19700101T000000Z',
        '99991231T235959Z',
        '2026-12-02T10:00:00Z',
        '0'.repeat(300),
      ]);
      return {
        ...base,
        label: `x-amz-date ${date.slice(0, 20)}`,
        mustFail: true,
        code: /^(IncompleteSignature(Exception)?|InvalidSignatureException|SignatureDoesNotMatch|AuthorizationHeaderMalformed|RequestTimeTooSkewed|AccessDenied|Forbidden|BadRequest)$/,
        afterSign: (h) => {
          h['x-amz-date'] = date;
        },
      };
    }
    case 10: {
      // Odd headers the request signs: huge, repeated, non-ASCII (latin1), hop-by-hop names.
      const extra = r.pick<Record<string, string>>([
        { 'x-amz-meta-big': 'v'.repeat(30_000) },
        { 'x-naxt-odd': '\u00ff\u00fe\u00e9' },
        { 'content-type': r.pick(['', 'text/plain', 'application/x-amz-json-1.0', 'application/json; charset=\u00e9']) },
        { 'x-amzn-sagemaker-target-variant': r.pick(PROTO_NAMES) },
        { 'x-amzn-sagemaker-custom-attributes': 'a'.repeat(2000) },
      ]);
      return { ...base, headers: { ...base.headers, ...extra }, label: `header ${Object.keys(extra)[0]}`, mustFail: false };
    }
    default: {
      // Valid JSON whose members have the wrong types or prototype names.
      const input = r.pick([
        '{"ModelName":{"__proto__":{"x":1}}}',
        '{"EndpointName":["a"]}',
        '{"EndpointName":7}',
        '{"MaxResults":"ten"}',
        '{"MaxResults":{}}',
        '{"NameContains":{"toString":1}}',
        '{"Tags":"x"}',
        '{"Tags":[null]}',
        '{"NextToken":42}',
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"logGroupName":["/aws/sagemaker/TrainingJobs"]}',
        '{"ServiceCode":"sagemaker","MaxResults":-1}',
        '{"ServiceCode":"sagemaker","NextToken":{"a":1}}',
        '{"logGroupName":"/aws/sagemaker/TrainingJobs","limit":"x","nextToken":[]}',
        '{"ServiceCode":"__proto__","QuotaCode":"constructor"}',
        '{"logGroupName":"constructor"}',
        '{"logGroupName":"__proto__"}',
      ]);
      return { ...setBody(jsonBase, input), label: `members ${input.slice(0, 60)}`, mustFail: false };
    }
  }
}

const mounted = new WeakMap<Sandbox, Hono>();
const outer = (sandbox: Sandbox) => {
  let app = mounted.get(sandbox);
  if (!app) {
    app = new Hono({ strict: false });
    app.route('/sandbox', sandbox.app);
    mounted.set(sandbox, app);
  }
  return app;
};

async function send(sandbox: Sandbox, keys: { accessKeyId: string; secretAccessKey: string }, c: Case): Promise<Response> {
  const signer = new SignatureV4({
    credentials: keys,
    region: REGION,
    service: c.signingName,
    sha256: Sha256,
    uriEscapePath: c.protocol !== 's3',
  });
  const [hostname, port] = HOST.split(':');
  const req = new HttpRequest({
    method: c.method,
    protocol: 'http:',
    hostname,
    port: Number(port),
    path: `/sandbox${c.path}`,
    headers: { host: HOST, ...c.headers },
    body: c.method === 'GET' || c.method === 'HEAD' ? undefined : c.body,
  });
  const signed = await signer.sign(req);
  const headers = { ...signed.headers };
  c.afterSign?.(headers);
  // In process, as the runner mounts the sandbox (`/sandbox/<service>`), with the raw (still escaped) path.
  const url = `http://${HOST}/sandbox${c.path}`;
  return outer(sandbox).fetch(
    new Request(url, { method: c.method, headers, body: c.method === 'GET' || c.method === 'HEAD' ? undefined : c.body }),
  );
}

/** What an AWS SDK can read as an error: a JSON `__type`/x-amzn-errortype, or an XML `<Error><Code>`. */
function errorCode(protocol: Protocol, res: Response, text: string): string | undefined {
  if (protocol === 'json' || protocol === 'rest-json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
    const type = res.headers.get('x-amzn-errortype') ?? (body as { __type?: unknown }).__type;
    return typeof type === 'string' ? type.split(':')[0].split('#').at(-1) : undefined;
  }
  if (res.headers.get('content-type')?.includes('xml') !== true && text) return undefined;
  // A HEAD answer has no body: S3's SDK names the error from the status alone.
  if (!text) return res.status === 404 ? 'NotFound' : res.status === 400 ? 'BadRequest' : res.status === 403 ? 'Forbidden' : undefined;
  return /<Error>(?:<Type>\w+<\/Type>)?<Code>([A-Za-z.]+)<\/Code>/.exec(text)?.[1];
}

describe('the sandbox answers malformed requests as AWS does, never with a 5xx', () => {
  let sandbox: Sandbox;
  let dataDir: string;
  const keys = newSandboxKeys();
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'naxt-fuzz-'));
    sandbox = await createSandbox({
      dataDir,
      timeScale: 1e7,
      accountId: '123456789012',
      region: REGION,
      credentials: keys,
      contentDir: join(import.meta.dirname, '../../content'),
    });
    const setup: Spec[] = [
      json('sagemaker', 'SageMaker', 'CreateModel', {
        ModelName: ENDPOINT,
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: 'img', Environment: { HF_MODEL_ID: 'huggingface-llm-gemma-2b-instruct' } },
      }),
      json('sagemaker', 'SageMaker', 'CreateEndpointConfig', {
        EndpointConfigName: ENDPOINT,
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: ENDPOINT, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
      }),
      json('sagemaker', 'SageMaker', 'CreateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: ENDPOINT }),
      s3('PUT', '/naxt-fuzz-bucket'),
    ];
    for (const s of setup) {
      const res = await send(sandbox, keys, { ...s, label: 'setup', mustFail: false });
      expect(res.status, `${s.path} ${await res.text()}`).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => {
    await sandbox?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('3,000 requests from seed 13: zero 5xx, every refusal AWS-shaped, no malformed request succeeds', async () => {
    const r = prng(13);
    const problems: string[] = [];
    let refused = 0;
    const errs: string[] = [];
    const quiet = console.error;
    console.error = (...a: unknown[]) => {
      errs.push(a.map((x) => (x instanceof Error ? `${x.name}: ${x.message} @ ${x.stack?.split('\n')[1]}` : String(x))).join(' '));
    };
    try {
      for (let i = 0; i < 3000; i++) {
        const c = nextCase(r);
        const res = await send(sandbox, keys, c);
        const text = c.method === 'HEAD' ? '' : await res.text();
        const where = `#${i} ${c.service} ${c.label}: ${res.status} ${text.slice(0, 160)}`;
        if (res.status >= 500) problems.push(where);
        else if (res.status >= 300) {
          refused += 1;
          const code = errorCode(c.protocol, res, text);
          if (!code) problems.push(`not AWS-shaped: ${where}`);
          else if (c.code && !c.code.test(code)) problems.push(`${code}, not ${c.code.source}: ${where}`);
        } else if (c.mustFail) problems.push(`accepted: ${where}`);
      }
    } finally {
      console.error = quiet;
    }
    // The sandbox logs each internal error: the distinct ones say where to look.
    expect(problems.slice(0, 40), `${problems.length} problems; internal errors:\n${[...new Set(errs)].slice(0, 20).join('\n')}`).toEqual(
      [],
    );
    expect(refused).toBeGreaterThan(1000);
    // Nothing the requests named leaked into the objects every lookup goes through.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);

  it('objects named __proto__ and constructor are stored, listed and found again after a restart', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const put = await send(sandbox, keys, { ...s3('PUT', `/naxt-fuzz-bucket/${key}`, `body of ${key}`), label: 'put', mustFail: false });
      expect(put.status).toBe(200);
    }
    await sandbox.close();
    sandbox = await createSandbox({
      dataDir,
      timeScale: 1e7,
      accountId: '123456789012',
      region: REGION,
      credentials: keys,
      contentDir: join(import.meta.dirname, '../../content'),
    });
    for (const key of ['__proto__', 'constructor']) {
      const got = await send(sandbox, keys, { ...s3('GET', `/naxt-fuzz-bucket/${key}`), label: 'get', mustFail: false });
      expect([got.status, await got.text()]).toEqual([200, `body of ${key}`]);
    }
    const list = await (await send(sandbox, keys, { ...s3('GET', '/naxt-fuzz-bucket'), label: 'list', mustFail: false })).text();
    expect(list).toContain('<Key>__proto__</Key>');
    expect(list).toContain('<Key>constructor</Key>');
  });
});

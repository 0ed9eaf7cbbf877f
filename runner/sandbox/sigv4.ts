import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
// Node's native SHA-256 (the SDK's own hasher class): the pure-JS one was the largest cost of a sandbox call.
import { Sha256 } from '@smithy/core/checksum';
import { AwsError } from './errors.ts';

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * How each protocol family names the same authentication failures: Coral JSON services (SageMaker, its runtime,
 * Service Quotas) answer `…Exception` names (aws/aws-sdk-js#168: InvalidSignatureException with "Consult the
 * service documentation for details."), query services (STS, IAM) the bare names, S3 its own.
 */
export type AuthDialect = 'json' | 'query' | 's3';
const CODES: Record<AuthDialect, Record<'missing' | 'incomplete' | 'unknownKey' | 'mismatch', [string, string]>> = {
  json: {
    missing: ['MissingAuthenticationTokenException', 'Missing Authentication Token'],
    incomplete: ['IncompleteSignatureException', "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters."],
    unknownKey: ['UnrecognizedClientException', 'The security token included in the request is invalid.'],
    mismatch: [
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ],
  },
  query: {
    missing: ['MissingAuthenticationToken', 'Request is missing Authentication Token'],
    incomplete: ['IncompleteSignature', "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters."],
    unknownKey: ['InvalidClientTokenId', 'The security token included in the request is invalid.'],
    mismatch: [
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ],
  },
  s3: {
    // An anonymous request to a private bucket is simply denied.
    missing: ['AccessDenied', 'Access Denied'],
    incomplete: ['AuthorizationHeaderMalformed', 'The authorization header is malformed.'],
    unknownKey: ['InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'],
    mismatch: [
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    ],
  },
};
const refuse = (dialect: AuthDialect, kind: keyof (typeof CODES)['json'], message?: string) => {
  const [code, text] = CODES[dialect][kind];
  return new AwsError(code, message ?? text, 403);
};

/** The protocol family of a request: its signing scope's service, or else the sandbox path it came in on. */
function dialectOf(req: Request, auth: string | null): AuthDialect {
  const service = auth ? /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(auth)?.[1] : undefined;
  const name = service ?? /\/(s3|sts|iam)(\/|$)/.exec(new URL(req.url).pathname)?.[1];
  return name === 's3' ? 's3' : name === 'sts' || name === 'iam' ? 'query' : 'json';
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60_000;
/** An HTTP field name (RFC 9110 §5.1: a token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

interface Authorization {
  region: string;
  service: string;
  signedHeaders: string;
  signature: string;
  when: number;
  dialect: AuthDialect;
}

/**
 * What can be checked of a request's authentication before its body is read: an Authorization header of the
 * launch's access key, dated within 15 minutes. A request failing it is refused without reading its body.
 */
export function checkAuthorization(req: Request, keys: Keys, opts: { dialect?: AuthDialect } = {}): Authorization {
  const auth = req.headers.get('authorization');
  const dialect = opts.dialect ?? dialectOf(req, auth);
  const presigned = new URL(req.url).searchParams.get('X-Amz-Signature');
  if (!auth && !presigned) throw refuse(dialect, 'missing');
  if (!auth) throw new AwsError('AccessDenied', 'Presigned requests are not supported by the workshop sandbox', 403);
  const m = AUTH.exec(auth);
  if (!m) throw refuse(dialect, 'incomplete');
  const [, accessKeyId, , region, service, signedHeaders, signature] = m;
  if (accessKeyId !== keys.accessKeyId) throw refuse(dialect, 'unknownKey');
  const amzDate = req.headers.get('x-amz-date') ?? '';
  const when = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!Number.isFinite(when))
    throw refuse(dialect, 'incomplete', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (Math.abs(Date.now() - when) > MAX_SKEW_MS) {
    const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
    const text = `Signature expired: ${amzDate} is now earlier than ${stamp(Date.now() - MAX_SKEW_MS)} (${stamp(Date.now())} - 15 min.)`;
    throw dialect === 's3'
      ? new AwsError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403)
      : refuse(dialect, 'mismatch', text);
  }
  return { region, service, signedHeaders, signature, when, dialect };
}

/**
 * True when the signature can be checked without the body: the request declares its payload's hash in the signed
 * x-amz-content-sha256 header (S3 always does), so the body is read only once the signature holds.
 */
export const signsDeclaredPayload = (req: Request): boolean => req.headers.has('x-amz-content-sha256');

/**
 * Verifies a request's SigV4 signature by signing the same canonical request again with the launch's keys.
 * `body` is the raw payload (used only when the request did not send x-amz-content-sha256).
 */
export async function verifySigV4(
  req: Request,
  body: Uint8Array | undefined,
  keys: Keys,
  opts: { uriEscapePath: boolean; dialect?: AuthDialect },
): Promise<void> {
  const { region, service, signedHeaders, signature, when, dialect } = checkAuthorization(req, keys, opts);
  if (body === undefined && !signsDeclaredPayload(req))
    throw new Error('verifySigV4 needs the body of a request that does not declare its payload hash');

  // SignedHeaders is the semicolon-separated list of the signed headers' lowercase names (SigV4 reference, "Create a
  // canonical request"), and host must be one of them; an empty or impossible name (an HTTP header name is an RFC 9110
  // token) is a malformed header, never a lookup. The codes are the dialect's; AWS's wording of both is unverified.
  const names = signedHeaders.split(';');
  if (names.some((h) => !HEADER_NAME.test(h)))
    throw refuse(
      dialect,
      'incomplete',
      `'${signedHeaders.slice(0, 200)}' is not a valid SignedHeaders list: header names separated by ';'.`,
    );
  if (!names.some((h) => h.toLowerCase() === 'host'))
    throw refuse(dialect, 'mismatch', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  const url = new URL(req.url);
  // Own properties only: a signed header named `__proto__` or `constructor` is a header like any other.
  const headers: Record<string, string> = Object.fromEntries(names.map((h) => [h, req.headers.get(h) ?? '']));
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const request = new HttpRequest({
    method: req.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers,
    body: headers['x-amz-content-sha256'] ? undefined : body,
  });
  const signer = new SignatureV4({
    credentials: keys,
    region,
    service,
    sha256: Sha256,
    uriEscapePath: opts.uriEscapePath,
    applyChecksum: false,
  });
  const signed = await signer.sign(request, {
    signingDate: new Date(when),
    signingRegion: region,
    signingService: service,
    unsignableHeaders: new Set(),
    signableHeaders: new Set(Object.keys(headers)),
  });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? signed.headers.Authorization))?.[1];
  if (expected !== signature) throw refuse(dialect, 'mismatch');
}

import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
// Node's native SHA-256 (the SDK's own hasher class): the pure-JS one was the largest cost of a sandbox call.
import { Sha256 } from '@smithy/core/checksum';
import { AwsError } from './errors.ts';

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60_000;

/**
 * Verifies a request's SigV4 signature by signing the same canonical request again with the launch's keys.
 * `body` is the raw payload (used only when the request did not send x-amz-content-sha256).
 */
export async function verifySigV4(req: Request, body: Uint8Array, keys: Keys, opts: { uriEscapePath: boolean }): Promise<void> {
  const auth = req.headers.get('authorization');
  const presigned = new URL(req.url).searchParams.get('X-Amz-Signature');
  if (!auth && !presigned) throw new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  if (!auth) throw new AwsError('AccessDenied', 'Presigned requests are not supported by the workshop sandbox', 403);
  const m = AUTH.exec(auth);
  if (!m) throw new AwsError('IncompleteSignature', 'Authorization header is not a valid AWS Signature Version 4 header', 403);
  const [, accessKeyId, , region, service, signedHeaders, signature] = m;
  if (accessKeyId !== keys.accessKeyId) {
    throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
  }
  const amzDate = req.headers.get('x-amz-date') ?? '';
  const when = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!Number.isFinite(when)) throw new AwsError('IncompleteSignature', 'X-Amz-Date is missing or malformed', 403);
  if (Math.abs(Date.now() - when) > MAX_SKEW_MS) throw new AwsError('SignatureDoesNotMatch', 'Signature expired: the request time is too far from the server time', 403);

  const url = new URL(req.url);
  const headers: Record<string, string> = {};
  for (const h of signedHeaders.split(';')) headers[h] = req.headers.get(h) ?? '';
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
  const signer = new SignatureV4({ credentials: keys, region, service, sha256: Sha256, uriEscapePath: opts.uriEscapePath, applyChecksum: false });
  const signed = await signer.sign(request, { signingDate: new Date(when), signingRegion: region, signingService: service, unsignableHeaders: new Set(), signableHeaders: new Set(Object.keys(headers)) });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? signed.headers.Authorization))?.[1];
  if (expected !== signature) {
    throw new AwsError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.', 403);
  }
}

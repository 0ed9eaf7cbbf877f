import { createHash } from 'node:crypto';
import { AwsError } from './errors.ts';

/**
 * The largest request body each sandbox service reads. Bodies are held in memory, so the sandbox refuses bigger
 * ones while they stream in (or at once, from Content-Length), never after buffering them.
 */
export const BODY_LIMITS = {
  /**
   * S3 accepts up to 5 GB in one PUT (https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html);
   * the sandbox, which keeps a body in memory while it stores it, takes 64 MiB. Larger objects go up in parts
   * (multipart upload, as boto3's upload_file and `aws s3 cp` do above 8 MB), each part within the same limit.
   */
  s3: 64 * 1024 * 1024,
  /** InvokeEndpoint's Body is at most 6291456 bytes (botocore sagemaker-runtime service-2.json, shape BodyBlob). */
  runtime: 6_291_456,
  /** The JSON and query APIs (SageMaker, STS, IAM, Service Quotas, Logs): no documented request size; unverified, kept generous. */
  api: 16 * 1024 * 1024,
} as const;

/**
 * The error each protocol answers for a body over the limit. S3's is EntityTooLarge, 400, with the proposed and
 * allowed sizes (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). InvokeEndpoint answers 413
 * "HTTP content length exceeded N bytes." (aws/sagemaker-python-sdk#171); the other services' answer is unverified,
 * so they say the same.
 */
export function tooLarge(s3: boolean, max: number, proposed?: number): AwsError {
  if (s3) {
    return new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
      ...(proposed === undefined ? {} : { ProposedSize: String(proposed) }),
      MaxSizeAllowed: String(max),
    });
  }
  return new AwsError('RequestEntityTooLarge', `HTTP content length exceeded ${max} bytes.`, 413);
}

/**
 * Reads a request's body, refusing it as soon as it is known to be over `max`: from its Content-Length before any
 * byte is read, or while it streams in (chunked uploads declare no length). Never holds more than `max` bytes.
 */
export async function readBody(req: Request, max: number, refuse: (proposed?: number) => AwsError): Promise<Uint8Array> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > max) throw refuse(Number(declared));
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw refuse();
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0] : new Uint8Array(Buffer.concat(chunks, size));
}

/**
 * S3 checks a signed x-amz-content-sha256 against the body it received: XAmzContentSHA256Mismatch, 400
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). Streaming and unsigned payloads carry no hash.
 */
export function checkDeclaredHash(req: Request, body: Uint8Array): void {
  const declared = req.headers.get('x-amz-content-sha256') ?? '';
  if (!/^[0-9a-f]{64}$/.test(declared)) return;
  const computed = createHash('sha256').update(body).digest('hex');
  if (computed !== declared) {
    throw new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
      ClientComputedContentSHA256: declared,
      S3ComputedContentSHA256: computed,
    });
  }
}

/**
 * Removes AWS credentials from text bound for the page: access key ids, secret access keys, session tokens, and
 * the secrets the runner knows it handed to the kernel (the sandbox's own secret key) whatever their shape. ARNs,
 * S3 URIs, digests and other long base64 (an encoded image, a model artifact's checksum) stay readable.
 *
 * Every pattern here runs in linear time: one scan for runs of the base64 alphabet, classified in a callback,
 * and fixed-width or anchored patterns otherwise (no nested lookaheads over unbounded text). Callers bound the
 * input (the kernel's output cap) before scrubbing; `MAX_SCRUB_CHARS` is the last guard.
 */

/** Text longer than this is cut before scrubbing: nothing the page shows is longer (the output cap is 1 MB). */
export const MAX_SCRUB_CHARS = 2_000_000;

// Access key ids: the four-letter prefixes IAM documents for its unique ids, then 16 upper-case letters and
// digits (IAM User Guide, "Understanding unique ID prefixes").
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AROA|AIDA|AGPA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA)[A-Z0-9]{16}\b/g;
// Runs of the base64 alphabet of 20 characters or more (shorter runs cannot be a credential): linear, each
// character is looked at a bounded number of times.
const RUN = /[A-Za-z0-9/+]{20,}={0,2}/g;
// A secret access key is 40 characters of base64 (IAM's CreateAccessKey: "SecretAccessKey" of 40 characters).
const isSecretKeyShape = (s: string) => s.length === 40 && /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) && !/^[0-9a-f]+$/i.test(s);
// Session tokens from STS are long base64 blobs that start with a small protobuf-like header naming their
// origin: "IQoJb3JpZ2luX2Vj…" ("\x21\n\torigin_ec…"), "FwoGZXIvYXdz…" ("\x17\n\x06er/aws"), "AQoDYXdz…" ("\x01\n\x03aws").
const SESSION_TOKEN_HEAD = /^(?:IQoJb3JpZ2lu|AgoJb3JpZ2lu|IQoDYXdz|FwoGZXIvYXdz|AQoDYXdz|AQoEXAMPLE)/;
// A value next to its name: `secretAccessKey: "…"`, `AWS_SESSION_TOKEN=…`. Anchored on the name: linear.
const LABELLED =
  /((?:aws_?)?(?:secret_?access_?key|session_?token|secretAccessKey|sessionToken)["']?[ \t]{0,8}[:=][ \t]{0,8}["']?)([^\s"',}]{1,4096})/gi;

const REDACTED = '[redacted]';
/** A field or column whose name says it holds a credential: its value is hidden whatever it looks like. */
export const SECRET_NAME = /^(?:aws_?)?(?:secret_?access_?key|session_?token|secretAccessKey|sessionToken)$/i;

export function scrubSecrets(input: string, known: readonly string[] = []): string {
  let text = input.length > MAX_SCRUB_CHARS ? input.slice(0, MAX_SCRUB_CHARS) : input;
  for (const secret of known) if (secret.length >= 16 && text.includes(secret)) text = text.split(secret).join(REDACTED);
  return text
    .replace(LABELLED, `$1${REDACTED}`)
    .replace(ACCESS_KEY_ID, REDACTED)
    .replace(RUN, (m) => {
      let end = m.length;
      while (end > 0 && m.charCodeAt(end - 1) === 61 /* = */) end -= 1;
      if (end === 40) return isSecretKeyShape(m.slice(0, 40)) ? REDACTED : m;
      return end >= 100 && SESSION_TOKEN_HEAD.test(m) ? REDACTED : m;
    });
}

/** Scrubs every string of a JSON-like value (tables, display data), leaving its shape. */
export function scrubValue(value: unknown, known: readonly string[] = []): unknown {
  if (typeof value === 'string') return scrubSecrets(value, known);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, known));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' && SECRET_NAME.test(k) ? REDACTED : scrubValue(v, known);
    return out;
  }
  return value;
}

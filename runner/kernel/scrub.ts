/**
 * Removes anything shaped like an AWS credential from text bound for the page: access key ids, secret access
 * keys and session tokens. ARNs, S3 URIs and hex digests stay readable.
 */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/g;
// 40 characters of base64 alphabet with at least one '/' or '+' or mixed case and digits — the shape of a secret key.
const SECRET_KEY = /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=]))(?=[^\s]*[A-Z])(?=[^\s]*[a-z])(?=[^\s]*[0-9])[A-Za-z0-9/+]{40}/g;
// Session tokens are long base64 blobs (hundreds of characters).
const SESSION_TOKEN = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{100,}={0,2}(?![A-Za-z0-9/+=])/g;
const LABELLED = /((?:aws_?)?(?:secret_?access_?key|session_?token|secretAccessKey|sessionToken)["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi;

export function scrubSecrets(text: string): string {
  return text
    .replace(LABELLED, '$1[redacted]')
    .replace(ACCESS_KEY_ID, '[redacted]')
    .replace(SESSION_TOKEN, (m) => (/^[0-9a-f]+$/i.test(m) ? m : '[redacted]'))
    .replace(SECRET_KEY, (m) => (/^[0-9a-f]+$/i.test(m) ? m : '[redacted]'));
}

/** `s3://bucket/prefix…` → its bucket and key (the key may be empty); undefined for anything else. */
export function s3Location(uri: string | undefined): { bucket: string; key: string } | undefined {
  const m = uri ? /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri) : null;
  return m ? { bucket: m[1], key: m[2] } : undefined;
}

/** A key under an S3 prefix, whether or not the prefix ends with a slash (or is empty). */
export function keyUnder(prefix: string, name: string): string {
  return `${prefix ? `${prefix.replace(/\/$/, '')}/` : ''}${name}`;
}

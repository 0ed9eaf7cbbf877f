/** AWS answers that a later attempt can outlive: throttling, a resource mid-transition, a transient 5xx. */
const RETRYABLE = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ResourceInUse',
  'SlowDown',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalServerError',
  'InternalError',
]);

export function isTransient(e: unknown): boolean {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (RETRYABLE.has(err.name ?? '')) return true;
  if ((err.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return err.name === 'ValidationException' && /in-progress|Updating|Creating|Stopping|in use|cannot be deleted/i.test(err.message ?? '');
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Retries transient failures with exponential backoff and jitter; `onRetry` reports each retry. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  opts: { attempts?: number; baseMs?: number; onRetry?: (attempt: number, error: unknown) => void } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 8;
  const base = opts.baseMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isTransient(e) || attempt >= attempts) throw e;
      opts.onRetry?.(attempt, e);
      await sleep(Math.min(base * 2 ** (attempt - 1), 30_000) * (0.5 + Math.random() / 2));
    }
  }
}

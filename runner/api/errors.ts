import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export class ApiError extends Error {
  constructor(readonly status: ContentfulStatusCode, readonly code: string, message: string) {
    super(message);
  }
}

/** Every error answer is JSON with a code and a message, never a stack trace. */
export function errorResponse(c: Context, error: unknown) {
  if (error instanceof ApiError) return c.json({ error: { code: error.code, message: error.message } }, error.status);
  console.error('[runner] unexpected error:', error);
  return c.json({ error: { code: 'InternalError', message: 'The runner hit an unexpected error; see its console for details.' } }, 500);
}

/** Parses a JSON body against a schema at the edge: a malformed request is a 400 that names the field. */
export async function parseBody<T extends z.ZodTypeAny>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError(400, 'MalformedJson', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(400, 'ValidationError', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

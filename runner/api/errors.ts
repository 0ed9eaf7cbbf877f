import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import type { ApiErrorBody, ApiErrorDetail } from './contract.ts';

/** An answer the API gives on purpose: its status and `{ error: { code, message } }` (README "Runner API"). */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** More for the page than the code and message (ConfirmBilling: the account and what the cell would start). */
    readonly extra: Omit<ApiErrorDetail, 'code' | 'message'> = {},
  ) {
    super(status, { message });
  }

  get body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }

  /** What Hono sends when no error handler took the error first. */
  override getResponse(): Response {
    return Response.json(this.body, { status: this.status });
  }
}

/** Every error answer is JSON with a code and a message, never a stack trace. */
export function errorResponse(c: Context, error: unknown) {
  if (error instanceof ApiError) return c.json(error.body, error.status);
  // Hono's own (a piece of Hono refusing a request): its answer, as Hono would send it without this handler.
  if (error instanceof HTTPException) return error.getResponse();
  console.error('[runner] unexpected error:', error);
  return c.json(
    {
      error: { code: 'InternalError', message: 'The runner hit an unexpected error; see its console for details.' },
    } satisfies ApiErrorBody,
    500,
  );
}

/** A failed check of a request's body, query or path: a 400 that names the field. */
export function invalid(issues: z.ZodIssue[], what: string): ApiError {
  const issue = issues[0];
  return new ApiError(400, 'ValidationError', `${issue.path.join('.') || what}: ${issue.message}`);
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Checks a JSON body against its schema before the handler runs (`c.req.valid('json')` is then typed): a body that
 * is not JSON is a 400 MalformedJson, one that does not fit the schema a 400 ValidationError naming the field.
 */
export function jsonBody<T extends z.ZodTypeAny>(schema: T) {
  const validate = zValidator('json', schema, (result) => {
    if (!result.success) throw invalid(result.error.issues, 'body');
  });
  const guarded: typeof validate = async (c, next) => {
    // Hono's validator reads a body only when it is declared JSON; without that it would check `{}` instead.
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0].trim();
    if (!JSON_MEDIA_TYPE.test(mediaType))
      throw new ApiError(400, 'MalformedJson', 'The request body must be JSON, sent with Content-Type: application/json.');
    let reached = false;
    try {
      return await validate(c, async () => {
        reached = true;
        await next();
      });
    } catch (error) {
      // The validator's own error for a body that does not parse, said the API's way; the handler's errors pass on.
      if (!reached && error instanceof HTTPException && !(error instanceof ApiError))
        throw new ApiError(400, 'MalformedJson', 'The request body is not valid JSON.');
      throw error;
    }
  };
  return guarded;
}

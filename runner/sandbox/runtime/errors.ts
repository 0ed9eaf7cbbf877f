import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import { AwsError } from '../errors.ts';

/**
 * SageMaker's ModelError (HTTP 424): the container answered 4xx/5xx. The message quotes the container's status
 * and body as SageMaker words it, and the restJson body carries the members the SDK exposes on the error.
 */
export class ModelError extends AwsError {
  constructor(
    readonly originalStatusCode: number,
    readonly originalMessage: string,
    readonly logStreamArn: string,
    message: string,
  ) {
    super('ModelError', message, 424);
  }
}

/** The error a container's 4xx/5xx answer becomes, for an endpoint's `primary` container. */
export function modelError(ctx: SandboxContext, endpointName: string, status: number, containerBody: string): ModelError {
  const group = `/aws/sagemaker/Endpoints/${endpointName}`;
  const kind = status >= 500 ? 'server' : 'client';
  const message = `Received ${kind} error (${status}) from primary with message "${containerBody}". See https://${ctx.region}.console.aws.amazon.com/cloudwatch/home?region=${ctx.region}#logEventViewer:group=${group} in account ${ctx.accountId} for more information.`;
  return new ModelError(status, containerBody, `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${group}`, message);
}

/** restJson1 error response of SageMaker Runtime. */
export function runtimeError(e: AwsError): Response {
  const body: Record<string, unknown> = { message: e.message, ...e.extra };
  if (e instanceof ModelError) {
    Object.assign(body, {
      ErrorCode: e.originalStatusCode >= 500 ? 'SERVER_ERROR_FROM_MODEL' : 'CLIENT_ERROR_FROM_MODEL',
      OriginalStatusCode: e.originalStatusCode,
      OriginalMessage: e.originalMessage,
      LogStreamArn: e.logStreamArn,
    });
  }
  return new Response(JSON.stringify(body), {
    status: e.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': e.code, 'x-amzn-requestid': randomUUID() },
  });
}

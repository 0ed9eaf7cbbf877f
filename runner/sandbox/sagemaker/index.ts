import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { AwsError } from '../errors.ts';
import type { Operations } from './util.ts';
import { endpointOps } from './endpoints.ts';
import { hubOps } from './hub.ts';
import { tagOps } from './tags.ts';
import { jobOps } from './jobs.ts';
import { monitoringOps } from './monitoring.ts';
import { pipelineExecutionOps } from './pipeline-executor.ts';
import { searchOps } from './search.ts';
import { workforceOps } from './workforce.ts';
import { validateAtEdge } from './edge.ts';
import { requireNameOrArn } from './util.ts';
import { jsonInput, operationOf } from '../json-protocol.ts';

/** Every SageMaker operation of the sandbox; more modules register theirs through `extraOps`. */
export function sagemakerOperations(ctx: SandboxContext, extra: ((ctx: SandboxContext) => Operations)[] = []): Operations {
  const ops: Operations = Object.assign({}, endpointOps(ctx), hubOps(ctx), tagOps(ctx), jobOps(ctx), monitoringOps(ctx), workforceOps(ctx), ...extra.map((f) => f(ctx)));
  Object.assign(ops, pipelineExecutionOps(ctx, () => ops), searchOps(ctx, () => ops));
  // StartPipelineExecution and ListPipelineExecutions take a pipeline name or ARN (`PipelineNameOrArn`).
  for (const op of ['StartPipelineExecution', 'ListPipelineExecutions']) {
    const inner = ops[op];
    ops[op] = (input) => inner({ ...input, PipelineName: requireNameOrArn(ctx, input, 'PipelineName', 'pipeline', 'pipeline') });
  }
  // Internal names (prefixed __) are building blocks, never answered on the wire.
  for (const k of Object.keys(ops)) if (k.startsWith('__')) delete ops[k];
  return ops;
}

export function jsonError(e: AwsError): Response {
  return new Response(JSON.stringify({ __type: e.code, message: e.message, Message: e.message }), {
    status: e.status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID(), 'x-amzn-errortype': e.code },
  });
}

/** SageMaker control plane (awsJson1_1): `POST /` with `X-Amz-Target: SageMaker.<Operation>`. */
export function sagemakerService(ctx: SandboxContext, ops: Operations): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post('*', async (c) => {
    const { name: op, handler } = operationOf(c.req.header('x-amz-target'), 'SageMaker', ops, 'SageMaker');
    const input = jsonInput(c.get('body'));
    ctx.faults.beforeCall(op);
    validateAtEdge(op, input);
    const output = await handler(input);
    return new Response(JSON.stringify(output ?? {}), { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() } });
  });
  return app;
}

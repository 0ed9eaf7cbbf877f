import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { AwsError } from '../errors.ts';
import type { Operations } from './util.ts';
import { endpointOps } from './endpoints.ts';
import { hubOps } from './hub.ts';
import { tagOps } from './tags.ts';
import { trainingJobOps } from './training-jobs.ts';
import { processingJobOps } from './processing-jobs.ts';
import { registryOps } from './registry.ts';
import { monitoringScheduleOps } from './monitoring-schedules.ts';
import { labelingJobOps } from './labeling-jobs.ts';
import { pipelineOps } from './pipelines.ts';
import { monitoringOps } from './monitoring.ts';
import { pipelineExecutionOps } from './pipeline-executor.ts';
import { searchOps } from './search.ts';
import { workforceOps } from './workforce.ts';
import { validateAtEdge } from './edge.ts';
import { register } from './util.ts';
import { jsonInput, operationOf } from '../json-protocol.ts';

/**
 * Every SageMaker operation of the sandbox, each registered by one module (an operation two modules register fails
 * here, at start); more modules register theirs through `extra`. Pipeline executions and Search call other
 * operations of the table (a step creates a training job, a search describes what it finds), once it is built.
 */
export function sagemakerOperations(ctx: SandboxContext, extra: ((ctx: SandboxContext) => Operations)[] = []): Operations {
  const ops: Operations = register(
    endpointOps(ctx),
    hubOps(ctx),
    tagOps(ctx),
    trainingJobOps(ctx),
    processingJobOps(ctx),
    registryOps(ctx),
    monitoringScheduleOps(ctx),
    labelingJobOps(ctx),
    pipelineOps(ctx),
    monitoringOps(ctx),
    workforceOps(ctx),
    ...extra.map((f) => f(ctx)),
    pipelineExecutionOps(ctx, () => ops),
    searchOps(ctx, () => ops),
  );
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
    return new Response(JSON.stringify(output ?? {}), {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() },
    });
  });
  return app;
}

import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { invocations, speedUp } from './invocation.ts';
import { writeCapture } from './capture.ts';
import { streamResponse } from './stream.ts';

export { runtimeError } from './errors.ts';
export { modelIdOf } from './invocation.ts';

/**
 * SageMaker Runtime (restJson1): InvokeEndpoint and InvokeEndpointWithResponseStream. Only InService endpoints
 * answer, as on AWS; a request the model refuses is a ModelError (424).
 */
export function runtimeService(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const inv = invocations(ctx);

  app.post('/endpoints/:name/invocations', async (c) => {
    const call = await inv.prepare(c, 'InvokeEndpoint');
    const started = performance.now();
    const out = await inv.run(call);
    const wait = out.latencyMs / speedUp(ctx) - (performance.now() - started);
    if (wait > 1) await new Promise((r) => setTimeout(r, Math.min(wait, 2000)));
    await writeCapture(ctx, call.serving, {
      input: call.raw,
      inputType: call.contentType,
      output: out.text,
      outputType: 'application/json',
      customAttributes: call.customAttributes,
    });
    return new Response(out.text, {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...inv.headers(call) },
    });
  });

  app.post('/endpoints/:name/invocations-response-stream', async (c) => {
    const call = await inv.prepare(c, 'InvokeEndpointWithResponseStream');
    // The container validates the request before it streams: a refusal is an ordinary ModelError response.
    const out = await inv.run(call);
    return streamResponse(ctx, call, out, inv.headers(call));
  });
  return app;
}

import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import { AwsError } from '../errors.ts';
import { servingModel } from '../sagemaker/endpoints.ts';
import { statusOf } from '../sagemaker/util.ts';
import type { Engine } from './engine.ts';
import { catalog } from '../sagemaker/hub.ts';
import { writeCapture } from './capture.ts';
import { s3Location } from '../s3-uri.ts';

export function runtimeError(e: AwsError): Response {
  return new Response(JSON.stringify({ message: e.message }), {
    status: e.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': e.code, 'x-amzn-requestid': randomUUID() },
  });
}

/** The catalog model a SageMaker Model serves: by environment, else by its artifact or image. */
export function modelIdOf(ctx: SandboxContext, container: Record<string, unknown> | undefined): string {
  const env = (container?.Environment ?? {}) as Record<string, string>;
  if (env.JUMPSTART_MODEL_ID) return env.JUMPSTART_MODEL_ID;
  if (env.HF_MODEL_ID) return env.HF_MODEL_ID;
  const { models } = catalog(ctx.contentDir);
  const byArtifact = models.find((m) => m.hostingArtifactUri && m.hostingArtifactUri === container?.ModelDataUrl);
  return byArtifact?.modelId ?? models.find((m) => m.hostingEcrUri === container?.Image)?.modelId ?? 'unknown-model';
}

/** SageMaker Runtime (restJson1): InvokeEndpoint. Only InService endpoints answer, as on AWS. */
export function runtimeService(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const engines = new Map<string, Promise<Engine>>();

  app.post('/endpoints/:name/invocations', async (c) => {
    const name = decodeURIComponent(c.req.param('name'));
    ctx.faults.beforeCall('InvokeEndpoint');
    const serving = servingModel(ctx, name, c.req.header('x-amzn-sagemaker-target-variant'));
    if (!serving) throw new AwsError('ValidationError', `Endpoint ${name} of account ${ctx.accountId} not found.`);
    if (statusOf(serving.endpoint) !== 'InService') {
      throw new AwsError('ValidationError', `Endpoint ${name} of account ${ctx.accountId} is not in service (${statusOf(serving.endpoint)}).`);
    }
    const container = serving.model.data.PrimaryContainer as Record<string, unknown> | undefined;
    const key = `${serving.model.name}@${serving.model.createdAt}`;
    if (!engines.has(key)) {
      const readObject = async (uri: string) => {
        const m = s3Location(uri);
        return m?.key ? (await ctx.store.getObject(m.bucket, m.key))?.body : undefined;
      };
      const created = ctx.engines.create(
        { modelId: modelIdOf(ctx, container), artifactUri: container?.ModelDataUrl as string | undefined, environment: container?.Environment as Record<string, string> | undefined },
        { contentDir: ctx.contentDir, readObject },
      );
      created.catch(() => engines.delete(key));
      engines.set(key, created);
    }
    const engine = await engines.get(key)!;
    const contentType = c.req.header('content-type') ?? 'application/json';
    const raw = Buffer.from(c.get('body')).toString('utf8');
    let body: unknown;
    try {
      body = contentType.includes('json') ? JSON.parse(raw) : raw;
    } catch {
      throw new AwsError('ModelError', 'Received client error (400) from primary with message "the request body is not valid JSON"', 424, {});
    }
    const started = performance.now();
    const out = await engine.invoke(body, contentType);
    const text = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
    const wait = out.latencyMs / Math.max(1, ctx.store.timeScale / 60) - (performance.now() - started);
    if (wait > 1) await new Promise((r) => setTimeout(r, Math.min(wait, 2000)));
    await writeCapture(ctx, serving, { input: raw, inputType: contentType, output: text, outputType: 'application/json' });
    return new Response(text, {
      status: 200,
      headers: {
        'content-type': 'application/json',
        'x-amzn-invoked-production-variant': serving.variant,
        'x-amzn-requestid': randomUUID(),
        'x-naxt-stand-in': ctx.engines.label(engine),
        ...(c.req.header('x-amzn-sagemaker-custom-attributes') ? { 'x-amzn-sagemaker-custom-attributes': c.req.header('x-amzn-sagemaker-custom-attributes')! } : {}),
      },
    });
  });
  return app;
}

import { TUNED_WEIGHTS_FILE } from '../sagemaker/training.ts';
import type { Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.ts';
import type * as runtime from '@aws-sdk/client-sagemaker-runtime';
import { AwsError, constraintMessage } from '../errors.ts';
import { servingModel } from '../sagemaker/endpoints.ts';
import { statusOf } from '../sagemaker/util.ts';
import type { ContainerDefinition, CreateModelInput } from '@aws-sdk/client-sagemaker';
import { servedModel } from '../sagemaker/model-data.ts';
import { s3Location } from '../s3-uri.ts';
import type { Engine } from './engine.ts';
import { modelError } from './errors.ts';
import type { ExceptionName, JsonWire } from '../typed.ts';

/** An error by the name the SDK gives the exception: on restJson1 that name is the error code (`x-amzn-errortype`). */
const runtimeError = (name: ExceptionName<typeof runtime>, message: string) => new AwsError(name, message);

export type Serving = NonNullable<ReturnType<typeof servingModel>>;

/** One invocation, checked and parsed, ready for its engine. */
export interface Invocation {
  name: string;
  serving: Serving;
  engine: Engine;
  raw: string;
  contentType: string;
  body: unknown;
  customAttributes?: string;
}

/** The catalog model a SageMaker Model serves: decided by its artifacts (model-data.ts), never by an env var. */
export function modelIdOf(ctx: SandboxContext, container: ContainerDefinition | undefined): string {
  return servedModel(ctx, container).modelId;
}

/** EndpointName of the runtime's model (botocore data/sagemaker-runtime/2017-05-13/service-2.json, shape EndpointName). */
const ENDPOINT_NAME = '^[a-zA-Z0-9](-*[a-zA-Z0-9])*';

/**
 * The `{EndpointName}` label of `/endpoints/{EndpointName}/invocations`, percent-decoded once. A label that does not
 * decode (`%zz`, a broken UTF-8 sequence) or does not fit the model's pattern is a ValidationError (400) in the
 * service's validation wording, never a lookup; which of the two AWS answers a bad escape with is unverified.
 */
function endpointNameOf(url: string): string {
  const raw = /\/endpoints\/([^/]*)\//.exec(new URL(url).pathname)?.[1] ?? '';
  let name: string | undefined;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = undefined;
  }
  if (name === undefined || name.length > 63 || !new RegExp(`${ENDPOINT_NAME}$`).test(name)) {
    const shown = (name ?? raw).slice(0, 100);
    throw runtimeError(
      'ValidationError',
      constraintMessage('endpointName', `Member must satisfy regular expression pattern: ${ENDPOINT_NAME}`, { value: shown }),
    );
  }
  return name;
}

/** A container's error answer, as the engine reports it (an input validation error, a bad body). */
const containerStatus = (e: unknown): number | undefined => {
  const s = typeof e === 'object' && e !== null && 'status' in e ? e.status : undefined;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : undefined;
};

/** What a thrown value says (an Error's message). */
const messageOf = (e: unknown): unknown => (typeof e === 'object' && e !== null && 'message' in e ? e.message : undefined);

/**
 * What both InvokeEndpoint routes share: the endpoint must exist and be InService (ValidationError otherwise, as on
 * AWS), the model's engine is loaded once per model version, and the body is parsed as its content type says.
 */
export function invocations(ctx: SandboxContext) {
  const engines = new Map<string, Promise<Engine>>();

  const engineFor = (serving: Serving): Promise<Engine> => {
    const key = `${serving.model.name}@${serving.model.createdAt}`;
    let engine = engines.get(key);
    if (!engine) {
      // What CreateModel stored: members of its request.
      const model: Partial<JsonWire<CreateModelInput>> = serving.model.data;
      const container = model.PrimaryContainer;
      const readObject = async (uri: string) => {
        const m = s3Location(uri);
        // A prefix (uncompressed training output) holds the weights file beside the rest.
        const key = m?.key.endsWith('/') ? `${m.key}${TUNED_WEIGHTS_FILE}` : m?.key;
        return m && key ? (await ctx.store.getObject(m.bucket, key))?.body : undefined;
      };
      engine = ctx.engines.create(
        { ...servedModel(ctx, container), environment: container?.Environment },
        { contentDir: ctx.contentDir, readObject },
      );
      engine.catch(() => engines.delete(key));
      engines.set(key, engine);
    }
    return engine;
  };

  return {
    async prepare(c: Context<SandboxEnv>, op: string): Promise<Invocation> {
      const name = endpointNameOf(c.req.url);
      ctx.faults.beforeCall(op);
      if (c.req.header('x-amzn-sagemaker-inference-component')) {
        throw runtimeError(
          'ValidationError',
          'Inference Component Name header is not allowed for endpoints to which you dont have any inference components deployed.',
        );
      }
      const variant = c.req.header('x-amzn-sagemaker-target-variant');
      const serving = servingModel(ctx, name, variant);
      if (!serving) {
        if (variant && ctx.store.get('endpoint', name))
          throw runtimeError('ValidationError', `The variant ${variant} is not a production variant of endpoint ${name}.`);
        throw runtimeError('ValidationError', `Endpoint ${name} of account ${ctx.accountId} not found.`);
      }
      if (statusOf(serving.endpoint) !== 'InService') {
        throw runtimeError(
          'ValidationError',
          `Endpoint ${name} of account ${ctx.accountId} is not in service (${statusOf(serving.endpoint)}).`,
        );
      }
      const engine = await engineFor(serving);
      const contentType = c.req.header('content-type') ?? 'application/json';
      const raw = Buffer.from(c.get('body')).toString('utf8');
      let body: unknown = raw;
      if (contentType.includes('json')) {
        try {
          body = JSON.parse(raw);
        } catch (e) {
          // What the TGI container answers a body that is not JSON.
          throw modelError(
            ctx,
            name,
            400,
            JSON.stringify({ error: `Failed to parse the request body as JSON: ${String(messageOf(e))}`, error_type: 'validation' }),
          );
        }
      }
      return { name, serving, engine, raw, contentType, body, customAttributes: c.req.header('x-amzn-sagemaker-custom-attributes') };
    },

    /** Runs the engine; a request the container refuses becomes SageMaker's ModelError. */
    async run(inv: Invocation): Promise<{ body: unknown; text: string; latencyMs: number }> {
      try {
        const out = await inv.engine.invoke(inv.body, inv.contentType);
        return { ...out, text: typeof out.body === 'string' ? out.body : JSON.stringify(out.body) };
      } catch (e) {
        const status = containerStatus(e);
        if (status === undefined) throw e;
        throw modelError(ctx, inv.name, status, JSON.stringify({ error: messageOf(e), error_type: 'validation' }));
      }
    },

    /** Response headers both routes carry. */
    headers(inv: Invocation): Record<string, string> {
      return {
        'x-amzn-invoked-production-variant': inv.serving.variant,
        'x-naxt-stand-in': ctx.engines.label(inv.engine),
        ...(inv.customAttributes ? { 'x-amzn-sagemaker-custom-attributes': inv.customAttributes } : {}),
      };
    },
  };
}

/** The stand-in's latency in sandbox time: InvokeEndpoint and the stream share this scale (capped at 2 s). */
export const speedUp = (ctx: SandboxContext) => Math.max(1, ctx.store.timeScale / 60);

import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from './context.ts';
import { AwsError } from './errors.ts';
import { Faults, parseFaults, type FaultSpec } from './faults.ts';
import { checkAuthorization, signsDeclaredPayload, verifySigV4, type Keys } from './sigv4.ts';
import { BODY_LIMITS, checkDeclaredHash, readBody, tooLarge } from './body.ts';
import { SandboxStore } from './store.ts';
import { stsError, stsService } from './sts.ts';
import { s3Error, s3Service } from './s3.ts';
import { jsonError, sagemakerOperations, sagemakerService } from './sagemaker/index.ts';
import { runtimeError, runtimeService } from './runtime/service.ts';
import type { EngineFactory } from './runtime/engine.ts';
import { standInEngines } from './models/index.ts';
import type { Operations } from './sagemaker/util.ts';
import { workerApi } from './sagemaker/labeling.ts';
import { iamError, iamService } from './iam.ts';
import { serviceQuotasService } from './service-quotas.ts';
import { logsService } from './logs.ts';
import { cognitoService } from './cognito.ts';

export { parseFaults, type FaultSpec };

export interface SandboxOptions {
  dataDir: string;
  timeScale: number;
  accountId: string;
  region: string;
  credentials: Keys;
  faults?: FaultSpec;
  contentDir: string;
  engineFactory?: EngineFactory;
  /** The runner's address, for the code that processing jobs run (it calls the sandbox's services over HTTP). */
  baseUrl?: () => string;
  /** More SageMaker operations, registered beside the sandbox's own: one that is already registered fails at start. */
  extraOperations?: ((ctx: SandboxContext) => Operations)[];
}

export interface Sandbox {
  app: Hono;
  store: SandboxStore;
  context: SandboxContext;
  setFaults(f: FaultSpec): void;
  /** The private workforce's side of labeling jobs: the worker page lists and answers tasks through it. */
  worker: ReturnType<typeof workerApi>;
  /** Requests served since start (every service): the benchmark counts API calls with it. */
  requestCount(): number;
  /** Calls `listener` with every signed request and the answer it got; returns the unsubscribe function. */
  observe(listener: (x: Exchange) => void): () => void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

type Render = (e: AwsError, c: Context<SandboxEnv>) => Response;

/** One request as the sandbox received it and the answer it sent (event streams carry no body here). */
export interface Exchange {
  /** The mount the request came in on: `sagemaker`, `runtime`, `s3`, `sts`, `iam`, `servicequotas`, `logs`, `cognito-idp`… */
  service: string;
  method: string;
  /** The path below the service's mount, still percent-encoded, and the query string without `?`. */
  path: string;
  query: string;
  headers: Record<string, string>;
  body: Uint8Array;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody?: string;
}

/**
 * The emulated AWS account: STS, S3, SageMaker and SageMaker Runtime on their real wire protocols, every
 * request SigV4-verified against the launch's keys. Mounted by the runner under `/sandbox`.
 */
export async function createSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const store = new SandboxStore(opts.dataDir, opts.timeScale);
  const faults = new Faults(opts.faults);
  const ctx: SandboxContext = {
    store,
    faults,
    keys: opts.credentials,
    accountId: opts.accountId,
    region: opts.region,
    contentDir: opts.contentDir,
    engines: opts.engineFactory ?? standInEngines,
    baseUrl: opts.baseUrl,
  };
  const ops = sagemakerOperations(ctx, opts.extraOperations);

  const app = new Hono({ strict: false });
  let requests = 0;
  app.use('*', async (_c, next) => {
    requests += 1;
    await next();
  });
  const listeners = new Set<(x: Exchange) => void>();
  const mount = (path: string, service: Hono<SandboxEnv>, render: Render, s3 = false, limit: number = BODY_LIMITS.api) => {
    const guarded = new Hono<SandboxEnv>({ strict: false });
    guarded.use('*', async (c, next) => {
      // Authentication before the body: a request unsigned, signed with other keys or out of date is refused without
      // reading it; one that signs its payload's hash in x-amz-content-sha256 (S3) has its whole signature checked
      // first. Others sign the body itself, so theirs is checked once the body (within its limit) is in.
      const req = c.req.raw;
      checkAuthorization(req, ctx.keys);
      const declared = signsDeclaredPayload(req);
      if (declared) await verifySigV4(req, undefined, ctx.keys, { uriEscapePath: !s3 });
      c.set('body', await readBody(req, limit, (proposed) => tooLarge(s3, limit, proposed)));
      if (declared && s3) checkDeclaredHash(req, c.get('body'));
      if (!declared) await verifySigV4(req, c.get('body'), ctx.keys, { uriEscapePath: !s3 });
      await next();
      // What this request changed is on disk before its answer is sent: AWS never forgets what it acknowledged.
      await store.commit();
      if (listeners.size > 0) await tell(path.slice(1), c);
    });
    guarded.route('/', service);
    guarded.onError((error, c) => {
      if (error instanceof AwsError) return render(error, c);
      console.error('[sandbox] internal error:', error);
      return render(new AwsError(s3 ? 'InternalError' : 'InternalFailure', 'The sandbox hit an internal error.', 500), c);
    });
    app.route(path, guarded);
  };
  const tell = async (service: string, c: Context<SandboxEnv>) => {
    const url = new URL(c.req.url);
    const rel = url.pathname.slice(url.pathname.indexOf(`/${service}`) + service.length + 1) || '/';
    const type = c.res.headers.get('content-type') ?? '';
    const responseBody = type.includes('eventstream') ? undefined : await c.res.clone().text();
    const x: Exchange = {
      service,
      method: c.req.method,
      path: rel,
      query: url.search.slice(1),
      headers: Object.fromEntries(c.req.raw.headers),
      body: c.get('body'),
      status: c.res.status,
      responseHeaders: Object.fromEntries(c.res.headers),
      responseBody,
    };
    for (const l of listeners) l(x);
  };
  mount('/sts', stsService(ctx), (e) => stsError(e));
  mount('/s3', s3Service(ctx), (e, c) => s3Error(e, c.req.method), true, BODY_LIMITS.s3);
  mount('/sagemaker', sagemakerService(ctx, ops), (e) => jsonError(e));
  mount('/runtime', runtimeService(ctx), (e) => runtimeError(e), false, BODY_LIMITS.runtime);
  mount('/iam', iamService(ctx), (e) => iamError(e));
  mount('/servicequotas', serviceQuotasService(ctx), (e) => jsonError(e));
  mount('/logs', logsService(ctx), (e) => jsonError(e));
  mount('/cognito-idp', cognitoService(ctx), (e) => jsonError(e));

  return {
    app,
    store,
    context: ctx,
    setFaults: (f) => faults.set(f),
    requestCount: () => requests,
    observe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    worker: workerApi(ctx),
    flush: () => store.flush(),
    close: () => store.close(),
  };
}

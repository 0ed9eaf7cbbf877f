import { Hono, type Context } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bodyLimit } from 'hono/body-limit';
import { security } from './security.ts';
import { createNodeWebSocket, type NodeWebSocket } from '@hono/node-ws';
import { apiRoutes } from './api/routes.ts';
import { accountRoutes } from './api/account.ts';
import { terminalRoutes, type TerminalDeps } from './api/terminal.ts';
import { workerRoutes } from './api/worker.ts';
import { typesRoutes } from './api/types.ts';
import { ApiError, errorResponse } from './api/errors.ts';
import { browserBusy, type LabTypes } from './types/lab-types.ts';
import type { Sandbox } from './sandbox/index.ts';

export interface AppDeps extends TerminalDeps {
  token: string;
  port: () => number;
  siteDir: string;
  /** The emulated account, when the target is the sandbox. */
  sandbox?: Sandbox;
  /** The labs' editor types, when built ahead (npm start). */
  labTypes?: LabTypes;
}

export const API_BODY_LIMIT = 4 * 1024 * 1024;

/** The runner's one HTTP app: security first, then /api, /sandbox and the built site. */
export function createApp(deps: AppDeps): { app: Hono; injectWebSocket: NodeWebSocket['injectWebSocket'] } {
  // Trailing slashes are optional: AWS SDKs call /sandbox/s3/ for ListBuckets, other tools /sandbox/s3.
  const app = new Hono({ strict: false });
  const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });
  // An ApiError thrown anywhere (a route, the body limit) is its JSON answer; anything else a 500 without its stack.
  app.onError((error, c) => errorResponse(c, error));
  app.use('*', security({ token: deps.token, port: deps.port }));
  // The largest body the API takes: a cell edit (its code and the learner's own, each at most 200,000 characters,
  // JSON-escaped) fits many times over. A bigger one is refused from its Content-Length, or while it streams in.
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: API_BODY_LIMIT,
      onError: () => {
        throw new ApiError(413, 'PayloadTooLarge', `The request body is over the API's limit of ${API_BODY_LIMIT / 1024 / 1024} MiB.`);
      },
    }),
  );
  // A sandbox change made through the API (a labeling worker's answer…) is saved before the API answers.
  app.use('/api/*', async (_c, next) => {
    await next();
    await deps.sandbox?.store.commit();
  });
  if (deps.labTypes) app.use('*', browserBusy(deps.labTypes));
  app.route('/api', terminalRoutes(deps, upgradeWebSocket));
  app.route('/api', accountRoutes(deps));
  app.route('/api', workerRoutes(deps.sandbox));
  app.route('/api', typesRoutes(deps));
  app.route('/api', apiRoutes(deps));
  if (deps.sandbox) app.route('/sandbox', deps.sandbox.app);
  // The code editor, bundled apart from the site by content hash (runner/cli/editor-build.ts): /editor/editor.js and
  // /editor/ts.worker.js (which the page starts before the editor, site/src/client/type-worker.ts) name the current
  // bundle's (revalidated); everything under /editor/<hash>/ is immutable.
  const editorRoot = join(deps.siteDir, '..', '.editor');
  const currentEditor = (c: Context, body: (hash: string) => string) => {
    const current = existsSync(join(editorRoot, 'current')) ? readFileSync(join(editorRoot, 'current'), 'utf8').trim() : '';
    if (!/^[0-9a-f]{12}$/.test(current))
      return c.json({ error: { code: 'NotFound', message: 'The code editor is not built yet: `npm start` builds it.' } }, 404);
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(body(current));
  };
  app.get('/editor/editor.js', (c) => currentEditor(c, (hash) => `export * from './${hash}/editor.js';\n`));
  app.get('/editor/ts.worker.js', (c) => currentEditor(c, (hash) => `import './${hash}/ts.worker.js';\n`));
  app.use(
    '/editor/*',
    serveStatic({
      root: relative(process.cwd(), join(deps.siteDir, '..')) || '.',
      rewriteRequestPath: (path) => path.replace(/^\/editor\//, '/.editor/'),
      onFound: (_path, c) => c.header('Cache-Control', 'private, max-age=31536000, immutable'),
    }),
  );
  if (existsSync(deps.siteDir)) {
    app.use(
      '/*',
      serveStatic({
        root: relative(process.cwd(), deps.siteDir) || '.',
        // Astro names its bundles by content: the editor's 2 MB of JS is fetched once, not again on every lab page.
        onFound: (path, c) => {
          if (/[/\\]_astro[/\\]/.test(path)) c.header('Cache-Control', 'private, max-age=31536000, immutable');
        },
      }),
    );
  } else {
    // A runner started without the site (tests of the API, a failed build) says so instead of serving nothing.
    app.get('/', (c) => c.text('The workshop site is not built yet: `npm start` builds it (or `npm run build`).', 503));
  }
  app.notFound((c) => c.json({ error: { code: 'NotFound', message: `Nothing at ${c.req.path}.` } }, 404));
  return { app, injectWebSocket };
}

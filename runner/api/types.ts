import { Hono, type Context } from 'hono';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Lab } from '../labs/catalog.ts';
import { LabTypes } from '../types/lab-types.ts';
import { BUNDLE_ID } from '../types/manifest.ts';
import { zValidator } from '@hono/zod-validator';
import { ApiError, errorResponse, invalid } from './errors.ts';

export interface TypesDeps {
  labs: Pick<Lab, 'slug' | 'dir'>[];
  projectDir: string;
  /** Declarations built ahead (npm start builds them beside the site); built on first request otherwise. */
  labTypes?: LabTypes;
}

// `?lab=a&lab=b` reads as its first value, as `c.req.query('lab')` would.
const query = z.object({
  lab: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v),
    z.string().regex(/^\d\d-[a-z0-9-]{1,60}$/, 'a lab slug such as 01-filter-deploy'),
  ),
});
const bundleParams = z.object({ id: z.string().regex(BUNDLE_ID, 'a bundle id: 32 hex digits, as listed by /api/types?lab=<slug>') });
/** A query or path that does not fit its schema: the API's 400 ValidationError, naming the field. */
const checked = (result: { success: true } | { success: false; error: z.ZodError }) => {
  if (!result.success) throw invalid(result.error.issues, 'query');
};

/** Sends stored gzipped JSON as is to a browser, unzipped to a client that does not take gzip. */
function sendJson(c: Context, gzip: Buffer, headers: Record<string, string>): Response {
  if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
    return c.body(new Uint8Array(gzip), 200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' });
  }
  return c.body(gunzipSync(gzip).toString('utf8'), 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
}

/**
 * `GET /api/types?lab=<slug>`: the lab's manifest (manifest.ts), revalidated on every page load (`no-cache`, a 304
 * when unchanged) so an author's edit shows at once. `GET /api/types/bundle/<hash>`: a package's declarations,
 * immutable, so the browser fetches @types/node or the SageMaker client once for every lab. Built in a worker thread
 * (seconds of CPU the runner's event loop must not spend), kept in memory gzipped only; a manifest is rebuilt on the
 * next request once a project file it was built from (labs/lib, the lab's scope.d.ts and cells) has changed.
 */
export function typesRoutes(deps: TypesDeps): Hono {
  const api = new Hono();
  api.onError((error, c) => errorResponse(c, error));
  const types = deps.labTypes ?? new LabTypes(deps.projectDir);
  const payload = (lab: Pick<Lab, 'slug' | 'dir'>) => types.payload(lab);
  const unavailable = (slug: string) => (error: unknown) => {
    throw new ApiError(503, 'TypesUnavailable', `The type declarations of ${slug} could not be built: ${(error as Error).message}`);
  };

  api.get('/types', zValidator('query', query, checked), async (c) => {
    const { lab: slug } = c.req.valid('query');
    const lab = deps.labs.find((l) => l.slug === slug);
    if (!lab) throw new ApiError(404, 'NoSuchLab', `No lab "${slug}". Labs: ${deps.labs.map((l) => l.slug).join(', ')}.`);
    const p = await payload(lab).catch(unavailable(lab.slug));
    const headers: Record<string, string> = { etag: p.etag, 'cache-control': 'private, no-cache', vary: 'accept-encoding' };
    if (c.req.header('if-none-match') === p.etag) return c.body(null, 304, headers);
    return sendJson(c, p.gzip, headers);
  });

  api.get('/types/bundle/:id', zValidator('param', bundleParams, checked), async (c) => {
    const { id } = c.req.valid('param');
    const etag = `"${id}"`;
    const headers: Record<string, string> = { etag, 'cache-control': 'private, max-age=31536000, immutable', vary: 'accept-encoding' };
    // Named by its content: a match needs no lookup, even in a runner that has not built it yet.
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    let gzip = types.bundle(id);
    if (!gzip) {
      // A page from before a restart asks for a bundle this runner has not built yet: build the labs, then look again.
      await Promise.all(deps.labs.map((l) => payload(l).catch(unavailable(l.slug))));
      gzip = types.bundle(id);
    }
    if (!gzip)
      throw new ApiError(404, 'NoSuchBundle', `No type bundle "${id}": its package changed since the page was loaded; reload the page.`);
    return sendJson(c, gzip, headers);
  });
  return api;
}

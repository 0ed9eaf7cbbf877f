import { Hono } from 'hono';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Lab } from '../labs/catalog.ts';
import { TypesBuilder, type TypesPayload } from '../types/library-pool.ts';
import { ApiError, errorResponse } from './errors.ts';

export interface TypesDeps {
  labs: Lab[];
  projectDir: string;
}

const query = z.object({ lab: z.string().regex(/^\d\d-[a-z0-9-]{1,60}$/, 'a lab slug such as 01-filter-deploy') });

/**
 * `GET /api/types?lab=<slug>`: the declaration files the editor needs for a lab's cells, as
 * `{ files: { "file:///…d.ts": text } }`. Built once per lab in a worker thread (seconds of CPU the runner's event
 * loop must not spend), kept in memory gzipped only (~10 MB of text, ~1.4 MB gzipped); the ETag lets the browser
 * revalidate for free.
 */
export function typesRoutes(deps: TypesDeps): Hono {
  const api = new Hono();
  api.onError((error, c) => errorResponse(c, error));
  const builder = new TypesBuilder(deps.projectDir);
  const cache = new Map<string, Promise<TypesPayload>>();
  const payload = (lab: Lab): Promise<TypesPayload> => {
    let p = cache.get(lab.slug);
    if (!p) {
      p = builder.build(lab.dir);
      p.catch(() => cache.delete(lab.slug)); // a failed build is retried by the next request
      cache.set(lab.slug, p);
    }
    return p;
  };

  api.get('/types', async (c) => {
    const parsed = query.safeParse({ lab: c.req.query('lab') });
    if (!parsed.success) throw new ApiError(400, 'ValidationError', `lab: ${parsed.error.issues[0].message}`);
    const lab = deps.labs.find((l) => l.slug === parsed.data.lab);
    if (!lab) throw new ApiError(404, 'NoSuchLab', `No lab "${parsed.data.lab}". Labs: ${deps.labs.map((l) => l.slug).join(', ')}.`);
    const p = await payload(lab).catch((error: unknown) => {
      throw new ApiError(503, 'TypesUnavailable', `The type declarations of ${lab.slug} could not be built: ${(error as Error).message}`);
    });
    const headers: Record<string, string> = { etag: p.etag, 'cache-control': 'private, max-age=86400', vary: 'accept-encoding' };
    if (c.req.header('if-none-match') === p.etag) return c.body(null, 304, headers);
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      return c.body(new Uint8Array(p.gzip), 200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' });
    }
    return c.body(gunzipSync(p.gzip).toString('utf8'), 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  });
  return api;
}

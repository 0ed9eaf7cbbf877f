import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Lab } from '../labs/catalog.ts';
import { TypeLibrary } from '../types/declarations.ts';
import { ApiError, errorResponse } from './errors.ts';

export interface TypesDeps {
  labs: Lab[];
  projectDir: string;
}

/** Kept gzipped only (a lab's declarations are ~10 MB of text, ~1.4 MB gzipped). */
interface Payload {
  gzip: Buffer;
  etag: string;
}

const query = z.object({ lab: z.string().regex(/^\d\d-[a-z0-9-]{1,60}$/, 'a lab slug such as 01-filter-deploy') });

/**
 * `GET /api/types?lab=<slug>`: the declaration files the editor needs for a lab's cells, as
 * `{ files: { "file:///…d.ts": text } }`. Built once per lab and kept in memory gzipped; the ETag lets the browser
 * revalidate for free.
 */
export function typesRoutes(deps: TypesDeps): Hono {
  const api = new Hono();
  api.onError((error, c) => errorResponse(c, error));
  let library: TypeLibrary | undefined;
  const cache = new Map<string, Payload>();

  const payload = (lab: Lab): Payload => {
    const hit = cache.get(lab.slug);
    if (hit) return hit;
    library ??= new TypeLibrary(deps.projectDir);
    const json = JSON.stringify({ files: library.forLab(lab.dir) });
    const made = { gzip: gzipSync(json), etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` };
    cache.set(lab.slug, made);
    return made;
  };

  api.get('/types', (c) => {
    const parsed = query.safeParse({ lab: c.req.query('lab') });
    if (!parsed.success) throw new ApiError(400, 'ValidationError', `lab: ${parsed.error.issues[0].message}`);
    const lab = deps.labs.find((l) => l.slug === parsed.data.lab);
    if (!lab) throw new ApiError(404, 'NoSuchLab', `No lab "${parsed.data.lab}". Labs: ${deps.labs.map((l) => l.slug).join(', ')}.`);
    const p = payload(lab);
    const headers: Record<string, string> = { etag: p.etag, 'cache-control': 'private, max-age=86400', vary: 'accept-encoding' };
    if (c.req.header('if-none-match') === p.etag) return c.body(null, 304, headers);
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      return c.body(new Uint8Array(p.gzip), 200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' });
    }
    return c.body(gunzipSync(p.gzip).toString('utf8'), 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  });
  return api;
}

import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'workshop_token';

export interface SecurityOptions {
  token: string;
  /** The port the runner listens on: Host and Origin must name it. */
  port: () => number;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const jsonError = (status: 401 | 403, code: string, message: string) =>
  new Response(JSON.stringify({ error: { code, message } }), { status, headers: { 'content-type': 'application/json' } });

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Host allow-list (DNS rebinding), Origin check for state-changing calls, per-launch token — the model is
 * Jupyter Server's. `/sandbox/*` is authenticated by SigV4 with the launch's sandbox keys instead of the token,
 * because AWS tools cannot send it; the sandbox verifies those signatures itself.
 */
export function security({ token, port }: SecurityOptions): MiddlewareHandler {
  return async (c, next) => {
    const p = port();
    const host = c.req.header('host') ?? '';
    if (host !== `127.0.0.1:${p}` && host !== `localhost:${p}`) {
      return jsonError(403, 'ForbiddenHost', `Host "${host}" is not this workshop's address.`);
    }
    const origin = c.req.header('origin');
    const upgrade = c.req.header('upgrade')?.toLowerCase() === 'websocket';
    if (origin !== undefined && (STATE_CHANGING.has(c.req.method) || upgrade)) {
      if (origin !== `http://127.0.0.1:${p}` && origin !== `http://localhost:${p}`) {
        return jsonError(403, 'ForbiddenOrigin', `Origin "${origin}" may not change this workshop.`);
      }
    }
    if (c.req.path.startsWith('/sandbox/')) return next();

    const fromQuery = c.req.query('token');
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const cookie = getCookie(c, TOKEN_COOKIE);
    const presented = fromQuery ?? bearer ?? cookie;
    if (!presented || !sameSecret(presented, token)) {
      if (c.req.method === 'GET' && !c.req.path.startsWith('/api/') && c.req.header('accept')?.includes('text/html')) {
        return c.html(
          '<!doctype html><html lang="en"><meta charset="utf-8"><title>Workshop — sign in</title>' +
            '<body style="font-family:system-ui;max-width:40rem;margin:4rem auto"><h1>Open the workshop from its link</h1>' +
            '<p>This workshop runs on your machine and only answers the link that <code>npm start</code> printed ' +
            '(it ends with <code>?token=…</code>). Copy that link into this browser.</p></body></html>',
          401,
        );
      }
      return jsonError(401, 'Unauthorized', 'Missing or wrong workshop token: open the link printed by npm start.');
    }
    if (fromQuery && cookie !== token) {
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      if (c.req.method === 'GET' && !c.req.path.startsWith('/api/')) {
        // Drop the token from the address bar (and from history and bookmarks).
        const url = new URL(c.req.url);
        url.searchParams.delete('token');
        return c.redirect(`${url.pathname}${url.search}`, 302);
      }
    }
    await next();
    c.header('Content-Security-Policy', contentSecurityPolicy(p));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
  };
}

/**
 * The pages' policy. HTML a cell displays is shown in sandboxed `srcdoc` frames (site/src/client/output.ts): they
 * inherit this policy, and frame-src falls back to default-src 'self', so even a frame that tried to load another
 * site would be refused.
 */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

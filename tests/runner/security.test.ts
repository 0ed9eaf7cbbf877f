import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { security, TOKEN_COOKIE } from '../../runner/security.ts';

const token = 'a'.repeat(48);
const port = 4999;

function app() {
  const a = new Hono();
  a.use('*', security({ token, port: () => port }));
  a.get('/api/thing', (c) => c.json({ ok: true }));
  a.post('/api/thing', (c) => c.json({ changed: true }));
  a.get('/labs/x/', (c) => c.html('<p>lab</p>'));
  a.post('/sandbox/sts/', (c) => c.text('sigv4 is checked by the sandbox'));
  return a;
}

const req = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  app().request(`http://127.0.0.1:${port}${path}`, { ...init, headers: { host: `127.0.0.1:${port}`, ...init.headers } });

describe('runner security', () => {
  it('rejects a request without the launch token with 401 and a JSON message', async () => {
    const res = await req('/api/thing');
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/token/);
  });

  it('rejects a wrong token', async () => {
    const res = await req('/api/thing', { headers: { authorization: `Bearer ${'b'.repeat(48)}` } });
    expect(res.status).toBe(401);
  });

  it('accepts the token as bearer, query or cookie', async () => {
    expect((await req('/api/thing', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await req(`/api/thing?token=${token}`)).status).toBe(200);
    expect((await req('/api/thing', { headers: { cookie: `${TOKEN_COOKIE}=${token}` } })).status).toBe(200);
  });

  it('turns the launch URL into an HttpOnly cookie and drops the token from the address', async () => {
    const res = await req(`/labs/x/?token=${token}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/labs/x/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${TOKEN_COOKIE}=${token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('rejects a foreign Host header (DNS rebinding) with 403, even with the token', async () => {
    const res = await req('/api/thing', { headers: { host: 'evil.example:4999', authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
  });

  it('rejects a state-changing request from a foreign Origin with 403', async () => {
    const res = await req('/api/thing', { method: 'POST', headers: { origin: 'http://evil.example', cookie: `${TOKEN_COOKIE}=${token}` } });
    expect(res.status).toBe(403);
    const same = await req('/api/thing', {
      method: 'POST',
      headers: { origin: `http://127.0.0.1:${port}`, cookie: `${TOKEN_COOKIE}=${token}` },
    });
    expect(same.status).toBe(200);
  });

  it('sends a Content-Security-Policy with every authenticated answer', async () => {
    const res = await req('/api/thing', { headers: { authorization: `Bearer ${token}` } });
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('leaves /sandbox to SigV4 but still enforces Host and Origin there', async () => {
    expect((await req('/sandbox/sts/', { method: 'POST' })).status).toBe(200);
    expect((await req('/sandbox/sts/', { method: 'POST', headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await req('/sandbox/sts/', { method: 'POST', headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('shows an HTML page (not JSON) to a browser without the token', async () => {
    const res = await req('/labs/x/', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('npm start');
  });
});

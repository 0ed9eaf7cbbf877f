import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { ApiErrorBody } from '../../runner/api/contract.ts';
import { ApiError, errorResponse } from '../../runner/api/errors.ts';
import { learnerSession } from './harness.ts';

// What a client that sends a wrong request is told (README "Runner API": `{ error: { code, message } }`): the place
// first (session, lab, cell), then the body, with the field it got wrong.
describe('the API refuses a wrong request with a code and a message', () => {
  const s = learnerSession();

  const refused = async (res: Response) => ({ status: res.status, body: (await res.json()) as ApiErrorBody });
  const raw = (method: string, path: string, body: string) =>
    fetch(`${s.runner.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${s.runner.token}`, origin: s.runner.baseUrl, 'content-type': 'application/json' },
      body,
    });

  it('names the field of a body that does not fit, and keeps nothing of it', async () => {
    const cell = `/sessions/${s.sid}/labs/00-setup/cells/identity`;
    expect(await refused(await s.api.call('PUT', cell, { code: 5 }))).toEqual({
      status: 400,
      body: { error: { code: 'ValidationError', message: 'code: Expected string, received number' } },
    });
    expect(await refused(await s.api.call('PUT', cell, { code: 'x'.repeat(200_001) }))).toEqual({
      status: 400,
      body: { error: { code: 'ValidationError', message: 'code: a cell is at most 200,000 characters' } },
    });
    expect(await refused(await s.api.call('PUT', `/sessions/${s.sid}/labs/00-setup/answers/q1`, {}))).toEqual({
      status: 400,
      body: { error: { code: 'ValidationError', message: 'answer: Required' } },
    });
    expect((await s.api.json('GET', `/sessions/${s.sid}/progress`)).labs['00-setup']?.cells.identity?.code).toBeUndefined();
  });

  it('says a body that is not JSON is not JSON', async () => {
    expect(await refused(await raw('PUT', `/sessions/${s.sid}/labs/00-setup/cells/identity`, '{"code": '))).toEqual({
      status: 400,
      body: { error: { code: 'MalformedJson', message: 'The request body is not valid JSON.' } },
    });
    expect((await refused(await raw('POST', `/sessions/${s.sid}/labs/00-setup/cells/identity/run`, 'code'))).body.error.code).toBe(
      'MalformedJson',
    );
    // A body sent as text (curl -d, fetch without headers) is not read as JSON: the page always says application/json.
    const asText = await fetch(`${s.runner.baseUrl}/api/sessions/${s.sid}/labs/00-setup/cells/identity`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${s.runner.token}`, origin: s.runner.baseUrl, 'content-type': 'text/plain' },
      body: JSON.stringify({ code: 'x' }),
    });
    expect(await refused(asText)).toEqual({
      status: 400,
      body: { error: { code: 'MalformedJson', message: 'The request body must be JSON, sent with Content-Type: application/json.' } },
    });
  });

  it('says which session, lab, cell or question is wrong before it looks at the body', async () => {
    expect(await refused(await raw('PUT', '/sessions/nope/labs/00-setup/cells/identity', 'not json'))).toMatchObject({
      status: 404,
      body: { error: { code: 'NoSuchSession' } },
    });
    expect(await refused(await raw('PUT', `/sessions/${s.sid}/labs/99-nope/cells/identity`, 'not json'))).toMatchObject({
      status: 404,
      body: { error: { code: 'NoSuchLab' } },
    });
    expect(await refused(await raw('POST', `/sessions/${s.sid}/labs/00-setup/cells/nope/run`, 'not json'))).toMatchObject({
      status: 404,
      body: { error: { code: 'NoSuchCell', message: 'Lab 00-setup has no cell "nope".' } },
    });
    expect(await refused(await raw('PUT', `/sessions/${s.sid}/labs/00-setup/answers/Not_A_Question`, 'not json'))).toEqual({
      status: 400,
      body: { error: { code: 'ValidationError', message: 'question: lowercase letters, digits and dashes' } },
    });
  });

  it('sends what an ApiError carries besides its code and message, from any route or from Hono itself', async () => {
    const app = new Hono();
    app.onError((error, c) => errorResponse(c, error));
    app.get('/confirm', () => {
      throw new ApiError(409, 'ConfirmBilling', 'This cell starts an endpoint.', {
        account: '123456789012',
        region: 'us-east-1',
        resources: [],
      });
    });
    const plain = new Hono().get('/', () => {
      throw new ApiError(503, 'KernelsFull', 'No room.');
    });
    expect(await refused(await app.request('/confirm'))).toEqual({
      status: 409,
      body: {
        error: {
          code: 'ConfirmBilling',
          message: 'This cell starts an endpoint.',
          account: '123456789012',
          region: 'us-east-1',
          resources: [],
        },
      },
    });
    expect(await refused(await plain.request('/'))).toEqual({ status: 503, body: { error: { code: 'KernelsFull', message: 'No room.' } } });
  });

  it('refuses a worker answer with an empty field', async () => {
    expect(await refused(await s.api.call('POST', '/worker/tasks/job:1', { answer: { instruction: ' ' } }))).toEqual({
      status: 400,
      body: { error: { code: 'ValidationError', message: 'answer: every field of the answer must be filled in' } },
    });
  });

  it('still saves a body that fits', async () => {
    const saved = await s.api.call('PUT', `/sessions/${s.sid}/labs/00-setup/cells/identity`, { code: 'console.log(1)', mine: null });
    expect(saved.status).toBe(204);
    expect((await s.api.json('GET', `/sessions/${s.sid}/progress`)).labs['00-setup']?.cells.identity?.code).toBe('console.log(1)');
  });
});

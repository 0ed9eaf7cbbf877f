/** The page's client of the workshop runner API (same origin; the launch cookie authenticates). */
import type { CellEvent, CheckResult, ProgressEvent, SessionProgress } from '../../../runner/contracts.ts';
import type { ApiBody, ApiErrorBody, ApiMethod, ApiPath, ApiResponse, SessionRef } from '../../../runner/api/contract.ts';

export type { CellEvent, CheckResult, ProgressEvent, SessionProgress };

/** A call of the API; its body and answer are the route's (runner/api/contract.ts), found from method and path. */
async function json<M extends ApiMethod, P extends ApiPath<M>>(
  method: M,
  path: P,
  ...[body]: ApiBody<M, P> extends undefined ? [] : [ApiBody<M, P>]
): Promise<ApiResponse<M, P>> {
  const res = await fetch(`/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as Partial<ApiErrorBody>;
    throw Object.assign(new Error(err.error?.message ?? `${res.status} ${res.statusText}`), {
      code: err.error?.code,
      status: res.status,
      detail: err.error,
    });
  }
  return (res.status === 204 ? undefined : await res.json()) as ApiResponse<M, P>;
}

let sessionPromise: Promise<SessionRef> | undefined;
export const session = () => (sessionPromise ??= json('GET', '/session'));
export const sid = async () => (await session()).sessionId;
export const workshop = () => json('GET', '/workshop');

let progressPromise: Promise<SessionProgress> | undefined;
export const progress = (fresh = false) =>
  fresh || !progressPromise ? (progressPromise = (async () => json('GET', `/sessions/${await sid()}/progress`))()) : progressPromise;

/** The output of each cell's last run in a lab (one request per page, shared by its cells). */
const outputsByLab = new Map<string, ReturnType<typeof fetchOutputs>>();
const fetchOutputs = async (lab: string) => json('GET', `/sessions/${await sid()}/labs/${lab}/outputs`);
export const lastOutputs = (lab: string) => {
  let p = outputsByLab.get(lab);
  if (!p) outputsByLab.set(lab, (p = fetchOutputs(lab)));
  return p;
};

/** Saves the code a cell shows; `mine` sets aside the learner's own code (null: forget it). */
export const saveCode = async (lab: string, cell: string, code: string, mine?: string | null) =>
  json('PUT', `/sessions/${await sid()}/labs/${lab}/cells/${cell}`, { code, mine });
export const check = async (lab: string, step: string) => json('POST', `/sessions/${await sid()}/labs/${lab}/checks/${step}`);
export const answer = async (lab: string, quiz: string, value: string) =>
  json('PUT', `/sessions/${await sid()}/labs/${lab}/answers/${quiz}`, { answer: value });
/** The cells (`lab/cell`) whose variables the kernel holds now: empty after a kernel or runner restart. */
export const kernelState = async () => json('GET', `/sessions/${await sid()}/kernel`);
export const interrupt = async () => json('POST', `/sessions/${await sid()}/interrupt`);
export const confirmBilling = async () => json('POST', `/sessions/${await sid()}/billing/confirm`);
export const cost = async () => json('GET', `/sessions/${await sid()}/cost`);

/** Runs a cell; events arrive as the kernel produces them (server-sent events over a POST). */
export async function runCell(lab: string, cell: string, code: string, onEvent: (e: CellEvent) => void): Promise<void> {
  const res = await fetch(`/api/sessions/${await sid()}/labs/${lab}/cells/${cell}/run`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (!res.ok || !res.body) {
    const err = (await res.json().catch(() => ({}))) as Partial<ApiErrorBody>;
    throw Object.assign(new Error(err.error?.message ?? `${res.status}`), { code: err.error?.code, detail: err.error });
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = frame
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (data) onEvent(JSON.parse(data) as CellEvent);
    }
  }
}

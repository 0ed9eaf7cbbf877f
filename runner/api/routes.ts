import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { CellEvent, CheckResult } from '../contracts.ts';
import type { Lab } from '../labs/catalog.ts';
import type { ProgressStore } from '../progress/store.ts';
import { runCheck } from '../checks/runtime.ts';
import type { Session, Sessions } from '../sessions.ts';
import type { TargetAccount } from '../target.ts';
import { ApiError, errorResponse, jsonBody } from './errors.ts';
import type { AnswerBody, CodeBody, EditBody, KernelState, LabOutputs, SessionRef, WorkshopInfo } from './contract.ts';
import { billingNotice } from '../billing/guard.ts';
import { loadPrices } from '../../content/load.ts';
import { join } from 'node:path';
import type { Bill } from '../cost/bill.ts';
import type { Ledger } from '../resources/ledger.ts';

export interface ApiDeps {
  labs: Lab[];
  sessions: Sessions;
  progress: ProgressStore;
  target: TargetAccount;
  projectDir: string;
  timeScale: number;
  /** Every billable interval of each session: the cost meter, `.cost` and the cleanup read it. */
  bill: Bill;
  ledger: Ledger;
}

/** What a cell's stream says when the workshop is stopped under it. */
export const WORKSHOP_STOPPED =
  'The workshop stopped (Ctrl+C where npm start runs). Your progress is saved: start it again with npm start and open the new link.';

const cellCode = z.string().max(200_000, 'a cell is at most 200,000 characters');
const codeBody = z.object({ code: cellCode }) satisfies z.ZodType<CodeBody>;
const editBody = z.object({ code: cellCode, mine: cellCode.nullable().optional() }) satisfies z.ZodType<EditBody>;
const answerBody = z.object({ answer: z.string().max(2_000) }) satisfies z.ZodType<AnswerBody>;

/** The runner's HTTP API (see README "Runner API"). */
export function apiRoutes(deps: ApiDeps): Hono {
  const api = new Hono();
  api.onError((error, c) => errorResponse(c, error));
  api.notFound((c) => c.json({ error: { code: 'NotFound', message: `No API route ${c.req.method} ${c.req.path}.` } }, 404));

  const session = async (id: string): Promise<Session> => {
    const s = await deps.sessions.get(id);
    if (!s) throw new ApiError(404, 'NoSuchSession', `No session "${id}".`);
    return s;
  };
  const lab = (slug: string): Lab => {
    const l = deps.labs.find((x) => x.slug === slug);
    if (!l) throw new ApiError(404, 'NoSuchLab', `No lab "${slug}". Labs: ${deps.labs.map((x) => x.slug).join(', ')}.`);
    return l;
  };
  const cellStep = (l: Lab, cell: string) => {
    const step = l.steps.find((s) => s.id === cell && s.cell);
    if (!step) throw new ApiError(404, 'NoSuchCell', `Lab ${l.slug} has no cell "${cell}".`);
    return step;
  };
  /**
   * A route with a body finds its session, lab and cell (or question) first, then checks the body: a request to the
   * wrong place says so, whatever its body.
   */
  const located = createMiddleware<{ Variables: { session: Session; lab: Lab } }>(async (c, next) => {
    c.set('session', await session(c.req.param('sid') ?? ''));
    const l = lab(c.req.param('lab') ?? '');
    c.set('lab', l);
    const cell = c.req.param('cell');
    if (cell !== undefined) cellStep(l, cell);
    const question = c.req.param('question');
    if (question !== undefined && !/^[a-z0-9-]{1,64}$/.test(question))
      throw new ApiError(400, 'ValidationError', 'question: lowercase letters, digits and dashes');
    await next();
  });

  api.get('/workshop', (c) =>
    c.json({
      target: deps.target.kind,
      accountId: deps.target.accountId,
      region: deps.target.region,
      timeScale: deps.timeScale,
      labs: deps.labs.map(({ dir: _dir, ...meta }) => meta),
    } satisfies WorkshopInfo),
  );

  api.get('/session', async (c) => {
    const s = await deps.sessions.current();
    return c.json({ sessionId: s.id, target: deps.target.kind } satisfies SessionRef);
  });

  api.post('/sessions', async (c) => {
    const s = await deps.sessions.create();
    return c.json({ sessionId: s.id, target: deps.target.kind } satisfies SessionRef, 201);
  });

  api.get('/sessions/:sid/progress', async (c) => {
    const s = await session(c.req.param('sid'));
    return c.json(await deps.progress.get(s.id));
  });

  api.put('/sessions/:sid/labs/:lab/cells/:cell', located, jsonBody(editBody), async (c) => {
    const { code, mine } = c.req.valid('json');
    await deps.progress.saveCode(c.var.session.id, c.var.lab.slug, c.req.param('cell'), code, mine);
    return c.body(null, 204);
  });

  api.post('/sessions/:sid/labs/:lab/cells/:cell/run', located, jsonBody(codeBody), async (c) => {
    const { session: s, lab: l } = c.var;
    const cell = c.req.param('cell');
    const { code } = c.req.valid('json');
    if (deps.sessions.stopping) throw new ApiError(503, 'WorkshopStopped', WORKSHOP_STOPPED);
    if (deps.target.kind === 'aws' && !(await deps.progress.get(s.id)).billingConfirmedAt) {
      const notice = billingNotice(code, l, loadPrices(join(deps.projectDir, 'content')));
      if (notice)
        throw new ApiError(409, 'ConfirmBilling', notice.message, {
          account: deps.target.accountId,
          region: deps.target.region,
          resources: notice.resources,
        });
    }
    s.admit(); // a new kernel on a full machine: 503 with the reason, before the stream starts
    let finish!: () => void;
    void deps.sessions.track(new Promise<void>((resolve) => (finish = resolve)));
    return streamSSE(c, async (stream) => {
      try {
        await runStreamed(stream);
      } finally {
        finish();
      }
    });

    async function runStreamed(stream: Parameters<Parameters<typeof streamSSE>[1]>[0]): Promise<void> {
      // Events are written in order; the cell keeps running if the page goes away (like a notebook).
      let chain = Promise.resolve();
      let ended = false;
      const events: CellEvent[] = [];
      let stopNoticeSent = false;
      const send = (e: CellEvent) => {
        if (ended) return;
        // A cell the workshop's stop interrupted says why, before it ends.
        if (e.type === 'done' && deps.sessions.stopping && !stopNoticeSent) {
          stopNoticeSent = true;
          send({ type: 'notice', level: 'error', text: WORKSHOP_STOPPED });
        }
        if (e.type === 'done') ended = true;
        events.push(e);
        chain = chain.then(() => (stream.aborted ? undefined : stream.writeSSE({ event: 'cell', data: JSON.stringify(e) })));
      };
      let status: Awaited<ReturnType<Session['run']>>;
      try {
        // Ctrl+C on the workshop: the cell was interrupted; a stream still open ends with the reason.
        const stopped = deps.sessions.stopped.then((): 'interrupted' => {
          send({ type: 'done', status: 'interrupted', durationMs: 0 });
          return 'interrupted';
        });
        status = await Promise.race([s.run(code, send), stopped]);
      } catch (error) {
        send({ type: 'notice', level: 'error', text: `The kernel could not start: ${(error as Error).message}` });
        send({ type: 'done', status: 'died', durationMs: 0 });
        status = 'died';
      }
      // Progress first: a stop (Ctrl+C) waits only a moment for this, and must not wait on a slow reader's stream.
      if (status === 'ok') s.ran.add(`${l.slug}/${cell}`);
      await deps.progress.recordRun(s.id, l.slug, cell, code, status);
      await deps.progress.outputs.save(s.id, l.slug, cell, events);
      await chain;
    }
  });

  api.get('/sessions/:sid/labs/:lab/outputs', async (c) => {
    const s = await session(c.req.param('sid'));
    const l = lab(c.req.param('lab'));
    return c.json((await deps.progress.outputs.get(s.id, l.slug)) satisfies LabOutputs);
  });

  api.post('/sessions/:sid/labs/:lab/checks/:step', async (c) => {
    const s = await session(c.req.param('sid'));
    const l = lab(c.req.param('lab'));
    const stepId = c.req.param('step');
    if (!l.steps.some((x) => x.id === stepId && x.check))
      throw new ApiError(404, 'NoSuchCheck', `Lab ${l.slug} has no check for step "${stepId}".`);
    const read: Record<string, unknown> = {};
    const stored = (await deps.progress.get(s.id)).labs[l.slug]?.values;
    const result = await runCheck({ lab: l, stepId, session: s, target: deps.target, projectDir: deps.projectDir, stored, read });
    if (result.ok && Object.keys(read).length) await deps.progress.recordValues(s.id, l.slug, read);
    await deps.progress.recordCheck(s.id, l.slug, stepId, result);
    return c.json(result satisfies CheckResult);
  });

  api.put('/sessions/:sid/labs/:lab/answers/:question', located, jsonBody(answerBody), async (c) => {
    const { answer } = c.req.valid('json');
    await deps.progress.recordAnswer(c.var.session.id, c.var.lab.slug, c.req.param('question'), answer);
    return c.body(null, 204);
  });

  api.post('/sessions/:sid/billing/confirm', async (c) => {
    const s = await session(c.req.param('sid'));
    await deps.progress.confirmBilling(s.id);
    return c.body(null, 204);
  });

  api.post('/sessions/:sid/interrupt', async (c) => {
    const s = await session(c.req.param('sid'));
    if (s.kernelStarted) await (await s.kernel()).interrupt();
    return c.body(null, 204);
  });

  // What the kernel's scope holds: the cells that ran in it. After a kernel or runner restart it is empty, and the
  // page offers to run the cells above again.
  api.get('/sessions/:sid/kernel', async (c) => {
    const s = await session(c.req.param('sid'));
    return c.json({ ran: [...s.ran] } satisfies KernelState);
  });

  api.post('/sessions/:sid/restart', async (c) => {
    const s = await session(c.req.param('sid'));
    s.ran.clear();
    await (await s.kernel()).restart();
    return c.body(null, 204);
  });

  return api;
}

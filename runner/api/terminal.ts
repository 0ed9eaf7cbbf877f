import { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import { z } from 'zod';
import type { CellEvent } from '../contracts.ts';
import type { ApiDeps } from './routes.ts';
import { costText, resourcesText } from './account.ts';
import { parseDotCommand, runDotCommand, type TerminalContext } from '../terminal/commands.ts';

const message = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exec'), code: z.string().max(200_000) }),
  z.object({ type: z.literal('interrupt') }),
]);

export interface TerminalDeps extends ApiDeps {
  /** Follows a job's log; provided by the target (the sandbox keeps job logs; a real account has CloudWatch). */
  jobLogs?: TerminalContext['logs'];
}

/** The terminal: a WebSocket onto the session's kernel (same scope as the cells) plus dot-commands. */
export function terminalRoutes(deps: TerminalDeps, upgradeWebSocket: UpgradeWebSocket): Hono {
  const api = new Hono();
  api.get(
    '/sessions/:sid/terminal',
    upgradeWebSocket(async (c) => {
      const session = await deps.sessions.get(c.req.param('sid') ?? '');
      let abort = new AbortController();
      const ctx: TerminalContext = {
        resources: () => resourcesText(deps, session!.id),
        cost: () => costText(deps, session!.id),
        logs:
          deps.jobLogs ??
          (async () => {
            throw new Error('job logs are not available for this target');
          }),
      };
      return {
        onOpen(_e, ws) {
          if (!session) {
            ws.send(JSON.stringify({ type: 'text', text: 'No such session.\r\n' }));
            ws.close(1008, 'no such session');
          }
        },
        async onMessage(e, ws) {
          if (!session) return;
          const send = (event: CellEvent) => ws.send(JSON.stringify({ type: 'event', event }));
          let parsed: z.infer<typeof message>;
          try {
            parsed = message.parse(JSON.parse(String(e.data)));
          } catch {
            ws.send(JSON.stringify({ type: 'text', text: 'The terminal sent a malformed message.\r\n' }));
            return;
          }
          if (parsed.type === 'interrupt') {
            abort.abort();
            abort = new AbortController();
            if (session.kernelStarted) await (await session.kernel()).interrupt();
            return;
          }
          const dot = parseDotCommand(parsed.code);
          if (dot) return runDotCommand(dot, ctx, send, abort.signal);
          try {
            await session.run(parsed.code, send);
          } catch (error) {
            send({ type: 'notice', level: 'error', text: `The kernel could not start: ${(error as Error).message}` });
            send({ type: 'done', status: 'died', durationMs: 0 });
          }
        },
      };
    }),
  );
  return api;
}

import type { CheckResult } from '../contracts.ts';
import type { CheckContext } from './types.ts';
import type { Lab } from '../labs/catalog.ts';
import { loadChecks, loadLabs } from '../labs/catalog.ts';
import { discover } from '../resources/discover.ts';
import { join } from 'node:path';
import type { Session } from '../sessions.ts';
import type { TargetAccount } from '../target.ts';

export const CHECK_TIME_LIMIT_MS = 20_000;

/** Words an SDK error into something a learner can act on, without a stack trace. */
function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
}

/** A check's context from the session's values: the views the runner computes for checks are added here. */
export function checkContext(base: Omit<CheckContext, 'sessionResources' | 'labs'>): CheckContext {
  return {
    ...base,
    sessionResources: () => discover(base.clients, { sessionId: base.workshop.sessionId }),
    labs: () => loadLabs(join(base.projectDir, 'labs')),
  };
}

/**
 * Runs one step's check with the session's target clients and a time limit. A check that throws or
 * times out is a failed check with the reason, never a crash of the runner.
 */
export async function runCheck(opts: {
  lab: Lab;
  stepId: string;
  session: Session;
  target: TargetAccount;
  projectDir: string;
  timeLimitMs?: number;
  /** Values a passing check read before (kept with the progress): used when the kernel no longer has them. */
  stored?: Record<string, unknown>;
  /** Receives the values this check read from the kernel, to keep them once it passes. */
  read?: Record<string, unknown>;
}): Promise<CheckResult> {
  const { lab, stepId, session, target } = opts;
  const step = lab.steps.find((s) => s.id === stepId);
  if (!step) return { ok: false, message: `Lab ${lab.slug} has no step "${stepId}".` };
  if (!step.check) return { ok: false, message: `Step "${stepId}" of ${lab.slug} has no check.` };
  const check = (await loadChecks(lab))[step.check];
  if (!check) return { ok: false, message: `Check "${step.check}" is missing from labs/${lab.slug}/checks.ts.` };

  const limit = opts.timeLimitMs ?? CHECK_TIME_LIMIT_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({
        ok: false,
        message: `The check did not finish within ${limit / 1000} s.`,
        hint: 'Is a cell still running? Interrupt it, then check again.',
      });
    }, limit);
  });
  const clients = target.clients();
  try {
    const result = check(
      checkContext({
        clients,
        workshop: session.workshop,
        projectDir: opts.projectDir,
        kernelValue: async (name) => {
          const live = await session.kernelValue(name);
          if (live !== undefined) {
            if (opts.read) opts.read[name] = live;
            return live;
          }
          // The kernel lost it (a restart) or never had it in this run: what it was when the step passed.
          const kept = opts.stored?.[name];
          if (kept !== undefined && opts.read) opts.read[name] = kept;
          return kept;
        },
        signal: controller.signal,
      }),
    ).catch((error: unknown): CheckResult => ({ ok: false, message: `The check could not read the account: ${describeError(error)}` }));
    return await Promise.race([result, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

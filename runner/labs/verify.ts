import type { CellEvent, CellStatus } from '../contracts.ts';
import { runCheck } from '../checks/runtime.ts';
import { readCell, type Lab } from './catalog.ts';
import type { RunningRunner } from '../server.ts';

export interface StepVerdict {
  lab: string;
  step: string;
  /** The check failed before the step ran, as it must (null when the step has no check). */
  failedBefore: boolean | null;
  cell: CellStatus | null;
  /** The check passed after the step ran (null when the step has no check). */
  passedAfter: boolean | null;
  message: string;
  ms: number;
  ok: boolean;
}

/** The text of a cell's failure, for the verdict table. */
function failureText(events: CellEvent[]): string {
  const error = events.find((e) => e.type === 'error');
  if (error && error.type === 'error') return `${error.name}: ${error.message}${error.line ? ` (line ${error.line})` : ''}`;
  const notice = events.find((e) => e.type === 'notice' && e.level === 'error');
  return notice && notice.type === 'notice' ? notice.text : 'the cell failed';
}

/**
 * Runs each lab's solutions in order in one fresh session: every check must fail before its step and pass
 * after it. `onStep` reports each verdict as it comes (progress for long runs).
 */
export async function verifyLabs(runner: RunningRunner, labs: Lab[], opts: { onStep?: (v: StepVerdict) => void } = {}): Promise<StepVerdict[]> {
  const session = await runner.sessions.create();
  const verdicts: StepVerdict[] = [];
  const check = (lab: Lab, step: string) =>
    runCheck({ lab, stepId: step, session, target: runner.target, projectDir: runner.projectDir });
  try {
    for (const lab of labs) {
      for (const step of lab.steps) {
        const started = performance.now();
        const v: StepVerdict = { lab: lab.slug, step: step.id, failedBefore: null, cell: null, passedAfter: null, message: '', ms: 0, ok: true };
        if (step.check) {
          const before = await check(lab, step.id);
          v.failedBefore = !before.ok;
          if (before.ok) v.message = `check passed before the step: ${before.message}`;
        }
        if (step.cell) {
          const events: CellEvent[] = [];
          v.cell = await session.run(await readCell(lab, step.id, 'solution'), (e) => events.push(e));
          if (v.cell !== 'ok') v.message ||= failureText(events);
        }
        if (step.check) {
          const after = await check(lab, step.id);
          v.passedAfter = after.ok;
          if (!after.ok) v.message ||= `check failed after the step: ${after.message}`;
          else v.message ||= after.message;
        }
        v.ok = v.failedBefore !== false && (v.cell === null || v.cell === 'ok') && v.passedAfter !== false;
        v.ms = Math.round(performance.now() - started);
        verdicts.push(v);
        opts.onStep?.(v);
      }
    }
  } finally {
    await session.dispose();
  }
  return verdicts;
}

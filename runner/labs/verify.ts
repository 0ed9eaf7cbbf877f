import type { CellEvent, CellStatus } from '../contracts.ts';
import { runCheck } from '../checks/runtime.ts';
import { readCell, type Lab } from './catalog.ts';
import type { RunningRunner } from '../server.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
 * Answers open labeling tasks as a careful worker would: for the process a task names, a question colleagues ask
 * about it and its answer, from the knowledge base's train split. Only verify uses it; learners answer themselves.
 */
export function standInWorker(runner: RunningRunner): { stop(): void } {
  const sandbox = runner.sandbox;
  if (!sandbox) return { stop: () => undefined };
  const qa = readFileSync(join(runner.projectDir, 'content', 'knowledge-base', 'qa', 'train.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { articleId: string; question: string; answer: string });
  const articles = JSON.parse(readFileSync(join(runner.projectDir, 'content', 'knowledge-base', 'articles.json'), 'utf8')) as {
    id: string;
    title: string;
  }[];
  const timer = setInterval(() => {
    for (const t of sandbox.worker.listTasks()) {
      const article = articles.find((a) => t.source.startsWith(a.title));
      const pair = qa.find((q) => q.articleId === article?.id) ?? qa[0];
      void sandbox.worker.submitTask(t.taskId, { instruction: pair.question, response: pair.answer }).catch(() => undefined);
    }
  }, 50);
  return { stop: () => clearInterval(timer) };
}

/**
 * Runs each lab's solutions in order in one fresh session: every check must fail before its step and pass
 * after it. `onStep` reports each verdict as it comes (progress for long runs).
 */
export async function verifyLabs(
  runner: RunningRunner,
  labs: Lab[],
  opts: { onStep?: (v: StepVerdict) => void } = {},
): Promise<StepVerdict[]> {
  const session = await runner.sessions.create();
  const verdicts: StepVerdict[] = [];
  const check = (lab: Lab, step: string) => runCheck({ lab, stepId: step, session, target: runner.target, projectDir: runner.projectDir });
  try {
    for (const lab of labs) {
      for (const step of lab.steps) {
        const started = performance.now();
        const v: StepVerdict = {
          lab: lab.slug,
          step: step.id,
          failedBefore: null,
          cell: null,
          passedAfter: null,
          message: '',
          ms: 0,
          ok: true,
        };
        if (step.check) {
          const before = await check(lab, step.id);
          v.failedBefore = !before.ok;
          if (before.ok) v.message = `check passed before the step: ${before.message}`;
        }
        if (step.cell) {
          const events: CellEvent[] = [];
          // A step that waits for a person: on the sandbox, stand in for the worker while the cell waits.
          const worker = step.human ? standInWorker(runner) : undefined;
          try {
            v.cell = await session.run(await readCell(lab, step.id, 'solution'), (e) => events.push(e));
          } finally {
            worker?.stop();
          }
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

import { join } from 'node:path';
import type { CellStatus, CheckResult, LabProgress, SessionProgress } from '../contracts.ts';
import { readJson, writeJsonAtomic, WriteQueue } from '../store/atomic-file.ts';
import { OutputStore } from './outputs.ts';

const emptyLab = (): LabProgress => ({ cells: {}, checks: {}, answers: {} });

/**
 * A session's progress — cells run, checks passed, the learner's edits and answers — kept in
 * `<dataDir>/sessions/<id>/progress.json`, rewritten atomically after every change.
 */
export class ProgressStore {
  private cache = new Map<string, SessionProgress>();
  private queues = new Map<string, WriteQueue>();
  /** The last output of every cell, beside the progress (large, so not in progress.json). */
  readonly outputs: OutputStore;

  constructor(private readonly dataDir: string) {
    this.outputs = new OutputStore(dataDir);
  }

  private file(sessionId: string): string {
    return join(this.dataDir, 'sessions', sessionId, 'progress.json');
  }

  async get(sessionId: string): Promise<SessionProgress> {
    const cached = this.cache.get(sessionId);
    if (cached) return cached;
    const stored = await readJson<SessionProgress>(this.file(sessionId));
    const progress = stored ?? { sessionId, labs: {} };
    this.cache.set(sessionId, progress);
    return progress;
  }

  private async update(sessionId: string, lab: string, change: (p: LabProgress) => void): Promise<void> {
    const queue = this.queues.get(sessionId) ?? new WriteQueue();
    this.queues.set(sessionId, queue);
    await queue.run(async () => {
      const progress = await this.get(sessionId);
      const labProgress = (progress.labs[lab] ??= emptyLab());
      change(labProgress);
      await writeJsonAtomic(this.file(sessionId), progress);
    });
  }

  /** `mine`: the learner's own code set aside by Show solution / Reset; null forgets it. */
  saveCode(sessionId: string, lab: string, cell: string, code: string, mine?: string | null): Promise<void> {
    return this.update(sessionId, lab, (p) => {
      const c = (p.cells[cell] ??= { runs: 0 });
      c.code = code;
      if (mine === null) delete c.mine;
      else if (mine !== undefined) c.mine = mine;
    });
  }

  recordRun(sessionId: string, lab: string, cell: string, code: string, status: CellStatus): Promise<void> {
    return this.update(sessionId, lab, (p) => {
      const c = (p.cells[cell] ??= { runs: 0 });
      c.code = code;
      c.runs += 1;
      c.lastStatus = status;
      c.lastRunAt = new Date().toISOString();
    });
  }

  recordCheck(sessionId: string, lab: string, step: string, result: CheckResult): Promise<void> {
    return this.update(sessionId, lab, (p) => {
      p.checks[step] = { ok: result.ok, message: result.message, at: new Date().toISOString() };
    });
  }

  /** Keeps the session values a passing check read, so that a later check passes without the kernel's copy. */
  recordValues(sessionId: string, lab: string, values: Record<string, unknown>): Promise<void> {
    return this.update(sessionId, lab, (p) => {
      p.values = { ...p.values, ...values };
    });
  }

  recordAnswer(sessionId: string, lab: string, question: string, answer: string): Promise<void> {
    return this.update(sessionId, lab, (p) => {
      (p.answers ??= {})[question] = answer;
    });
  }

  confirmBilling(sessionId: string): Promise<void> {
    const queue = this.queues.get(sessionId) ?? new WriteQueue();
    this.queues.set(sessionId, queue);
    return queue.run(async () => {
      const progress = await this.get(sessionId);
      progress.billingConfirmedAt ??= new Date().toISOString();
      await writeJsonAtomic(this.file(sessionId), progress);
    });
  }

  /** Waits for every pending write (used on shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.run(async () => undefined)));
    await this.outputs.flush();
  }
}

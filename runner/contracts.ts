/**
 * Shapes shared by the runner, the labs, the site and the tests.
 * Types only: importing this module costs nothing at run time.
 */
import type { LabFrontmatter } from '../labs/schema.ts';
import type { ProgressKind, ProgressState } from '../core/kinds.ts';

/** A cell's output, streamed to the page in order. */
export type CellEvent =
  | { type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  /** The value of the cell's last expression, rendered as text; `table` when it is an array of plain objects. */
  | { type: 'result'; text: string; table?: { columns: string[]; rows: unknown[][] } }
  /** Rich display from `display(mime, data)` in a cell: text/html, application/vnd.workshop.chart+json… */
  | { type: 'display'; mime: string; data: unknown }
  /** An error thrown by the cell; line/column point into the learner's cell (1-based). */
  | { type: 'error'; name: string; message: string; line?: number; column?: number; stack?: string }
  /** A note from the kernel itself: truncated output, restart, time limit. */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string }
  /** A long operation the cell is waiting for (an endpoint coming up, a job running), updated in place by `id`. */
  | ProgressEvent
  | { type: 'done'; status: CellStatus; durationMs: number };

/** Where a watched operation stands: still going, or how it ended. */
export type { ProgressState };

/**
 * What the kernel saw in a Describe* answer about a resource in a transitional status. Events with the same `id`
 * describe the same operation: the page redraws one bar, the terminal rewrites one line.
 */
export interface ProgressEvent {
  type: 'progress';
  /** `kind:name`, stable for one operation within a cell. */
  id: string;
  /** A kind of core/kinds.ts that has a progress watch. */
  kind: ProgressKind;
  name: string;
  /** The API's status word: Creating, InService, InProgress, Executing… */
  status: string;
  /** Secondary status of a training job, current step of a pipeline, labeled objects of a labeling job. */
  detail?: string;
  /** Wall-clock time since the operation started (from the resource's own timestamps when it has them). */
  elapsedMs: number;
  /** Typical wall-clock duration on this target, when one is known (content/durations.json, scaled on the sandbox). */
  estimateMs?: number;
  /** On the sandbox (a faster clock): the same typical duration on a real account, to keep expectations real. */
  realAccountMs?: number;
  /** 0…1 when an estimate is known or the operation has ended; absent while nobody can say. */
  fraction?: number;
  state: ProgressState;
  /** Why it failed or stopped (FailureReason). */
  reason?: string;
}

export type CellStatus = 'ok' | 'error' | 'timeout' | 'interrupted' | 'died';

/** What a check returns. A check reads the account; it never writes. */
export interface CheckResult {
  ok: boolean;
  message: string;
  hint?: string;
}

// The workshop values, the target and the chart a cell shows are shared with the labs and the page: defined in core/workshop.ts.
export type { ChartSpec, Target, WorkshopGlobals } from '../core/workshop.ts';

/** A lab's steps and billable resources: the lab format of labs/schema.ts. */
export type { LabStep, LabResource } from '../labs/schema.ts';

/** A lab as the runner serves it: its frontmatter, where it sits, and what it costs. */
export interface LabMeta extends LabFrontmatter {
  slug: string;
  order: number;
  /** Estimated cost of the lab on a real account, USD: computed from `resources` and content/prices.json. */
  costUsd: number;
}

/** Progress of one session, as stored and as served. */
export interface CellProgress {
  code?: string;
  /** The learner's own code, kept while the cell shows the solution or the starting code ("Restore my code"). */
  mine?: string;
  runs: number;
  lastStatus?: CellStatus;
  lastRunAt?: string;
}
export interface CheckProgress {
  ok: boolean;
  message: string;
  at: string;
}
export interface LabProgress {
  cells: Record<string, CellProgress>;
  checks: Record<string, CheckProgress>;
  answers?: Record<string, string>;
  /**
   * The session values the lab's checks read (`identity`, `chosen`, `plan`…), as they were when a check passed: a
   * kernel restart loses the variables, not the step.
   */
  values?: Record<string, unknown>;
}
export interface SessionProgress {
  sessionId: string;
  labs: Record<string, LabProgress>;
  /** On a real account: when the learner confirmed, once, that cells may start billable resources. */
  billingConfirmedAt?: string;
}

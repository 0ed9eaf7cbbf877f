/**
 * Turns the SDK answers a cell already receives into progress events: a Describe* answer that shows a resource in a
 * transitional status (Creating, InProgress, Executing…) starts a bar; later answers move it; a terminal status ends
 * it. Cells stay plain SDK code — a waiter, a hand-written polling loop and `.logs` all look the same from here.
 */
import type { ProgressEvent, ProgressState } from '../contracts.ts';
import { KINDS, isProgressKind, kindIds, type KindFacts } from '../../core/kinds.ts';
// A deleted endpoint answers "not found": for an endpoint seen Deleting, that is the happy end.
import { isNotFound } from '../resources/not-found.ts';

type Out = Record<string, unknown>;
type Kind = ProgressEvent['kind'];

interface Watched {
  kind: Kind;
  name(input: Out, out: Out): string | undefined;
  status: string;
  running: readonly string[];
  ended: Readonly<Record<string, ProgressState>>;
  /** When the current operation began, by the resource's own clock. */
  since(out: Out, status: string): unknown;
  detail?(out: Out): string | undefined;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
/** `…:pipeline/<pipeline>/execution/<id>` → `<pipeline> · <id>`: which pipeline, and which of its runs. */
const executionName = (arn: unknown) => {
  const m = /pipeline\/([^/]+)\/execution\/([^/]+)$/.exec(str(arn) ?? '');
  return m ? `${m[1]} · ${m[2]}` : str(arn)?.split('/').at(-1);
};

/**
 * Where a kind's answers differ from the usual (named by a field of the answer or the request, begun at its
 * CreationTime, detailed by a field or not at all): everything else about a watched kind is in core/kinds.ts.
 */
const READ: { [K in Kind]?: Partial<Pick<Watched, 'name' | 'since' | 'detail'>> & { started?: Watched['name'] } } = {
  endpoint: { since: (o, s) => (s === 'Creating' ? o.CreationTime : o.LastModifiedTime) },
  // A pipeline's run is named by its ARN (the pipeline and the run's id), which only the answer to its start holds.
  'pipeline-execution': {
    name: (i, o) => executionName(o.PipelineExecutionArn) ?? executionName(i.PipelineExecutionArn),
    started: (_i, o) => executionName(o.PipelineExecutionArn),
  },
  'labeling-job': {
    detail: (o) => {
      const c = o.LabelCounters as { TotalLabeled?: number; Unlabeled?: number } | undefined;
      return c ? `${c.TotalLabeled ?? 0} labeled, ${c.Unlabeled ?? 0} to go` : undefined;
    },
  },
};

/** The kinds whose long operations are watched, with their facts. */
const watchedKinds = kindIds.filter(isProgressKind).map((kind) => ({ kind, progress: (KINDS[kind] as KindFacts).progress! }));

/** The Describe* calls whose answers carry a status worth watching, by operation name. */
const WATCHED: Record<string, Watched> = Object.fromEntries(
  watchedKinds.map(({ kind, progress: p }) => {
    const read = READ[kind];
    const watched: Watched = {
      kind,
      status: p.status,
      running: p.running,
      ended: p.ended,
      name: read?.name ?? ((i, o) => str(o[p.name]) ?? str(i[p.name])),
      since: read?.since ?? ((o) => o.CreationTime),
      ...(read?.detail ? { detail: read.detail } : p.detail ? { detail: (o: Out) => str(o[p.detail!]) } : {}),
    };
    return [p.describe, watched];
  }),
);

/** Calls that start a long operation: the next Describe of that resource shows a bar even if it is already done. */
const STARTS: Record<string, { kind: Kind; name(input: Out, out: Out): string | undefined }> = Object.fromEntries(
  watchedKinds.flatMap(({ kind, progress: p }) =>
    p.startedBy.map((op) => [op, { kind, name: READ[kind]?.started ?? ((i: Out) => str(i[p.name])) }]),
  ),
);

interface Tracked {
  firstSeen: number;
  /** When the operation began (by the resource's timestamps, else when first seen). */
  since?: number;
  lastEmit: number;
  last?: ProgressEvent;
  /** Started by this cell but not described yet. */
  pendingStart?: boolean;
}

export interface ProgressWatchOptions {
  /** `kind:status` → typical wall-clock milliseconds on this target. */
  estimatesMs: Record<string, number>;
  /** On the sandbox: the same figures on a real account. */
  realAccountMs?: Record<string, number>;
  emit(event: ProgressEvent): void;
  now?: () => number;
  /** Answers closer together than this only move the bar when something changed. */
  minIntervalMs?: number;
}

export type ProgressWatch = ReturnType<typeof progressWatch>;

export function progressWatch(opts: ProgressWatchOptions) {
  const now = opts.now ?? Date.now;
  const minInterval = opts.minIntervalMs ?? 500;
  const tracked = new Map<string, Tracked>();
  /** Pipeline execution name → its current step, from ListPipelineExecutionSteps answers. */
  const steps = new Map<string, string>();

  const send = (t: Tracked, e: ProgressEvent) => {
    const prev = t.last;
    const changed = !prev || prev.status !== e.status || prev.detail !== e.detail || prev.state !== e.state;
    if (!changed && now() - t.lastEmit < minInterval) return;
    t.last = e;
    t.lastEmit = now();
    opts.emit(e);
  };

  const observeStatus = (spec: Watched, input: Out, out: Out) => {
    const name = spec.name(input, out);
    const status = str(out[spec.status]);
    if (!name || !status) return;
    const id = `${spec.kind}:${name}`;
    let t = tracked.get(id);
    const running = spec.running.includes(status);
    const ended = spec.ended[status];
    // A resource that was never seen moving is just being read (an InService endpoint): no bar.
    if (!t && !running) return;
    if (!t) tracked.set(id, (t = { firstSeen: now(), lastEmit: 0 }));
    t.pendingStart = false;
    const sinceValue = spec.since(out, status);
    const since =
      sinceValue instanceof Date
        ? sinceValue.getTime()
        : typeof sinceValue === 'number'
          ? sinceValue * (sinceValue < 1e11 ? 1000 : 1)
          : undefined;
    // The operation began when it was first seen moving; a final answer's LastModifiedTime is its end, not its start.
    if (running && t.since === undefined) t.since = since !== undefined && since <= now() ? since : t.firstSeen;
    const elapsedMs = Math.max(0, now() - (t.since ?? (since !== undefined && since <= now() ? since : t.firstSeen)));
    const estimateMs = running ? opts.estimatesMs[`${spec.kind}:${status}`] : t.last?.estimateMs;
    const detail = spec.kind === 'pipeline-execution' ? steps.get(name) : spec.detail?.(out);
    const event: ProgressEvent = { type: 'progress', id, kind: spec.kind, name, status, elapsedMs, state: ended ?? 'running' };
    if (detail) event.detail = detail;
    if (estimateMs) event.estimateMs = Math.round(estimateMs);
    const real = running ? opts.realAccountMs?.[`${spec.kind}:${status}`] : t.last?.realAccountMs;
    if (real && estimateMs && real !== estimateMs) event.realAccountMs = Math.round(real);
    if (ended === 'succeeded') event.fraction = 1;
    else if (ended) event.fraction = t.last?.fraction;
    // Never a full bar before the answer says it is done: an estimate is not a promise.
    else if (estimateMs) event.fraction = Math.min(0.95, elapsedMs / estimateMs);
    if (event.fraction === undefined) delete event.fraction;
    const reason = str(out.FailureReason) ?? str(out.ExitMessage);
    if (ended && ended !== 'succeeded' && reason) event.reason = reason;
    send(t, event);
    if (ended) tracked.delete(id);
  };

  return {
    /** Which calls the watch wants to see (the rest pass untouched). */
    wants: (op: string) => op in WATCHED || op in STARTS || op === 'ListPipelineExecutionSteps',

    /** A successful answer of the SDK. Never throws: progress must not break a cell. */
    observe(op: string, input: Out | undefined, out: unknown): void {
      try {
        const o = (out ?? {}) as Out;
        const i = input ?? {};
        const start = STARTS[op];
        if (start) {
          const name = start.name(i, o);
          if (name) tracked.set(`${start.kind}:${name}`, { firstSeen: now(), lastEmit: 0, pendingStart: true });
          return;
        }
        if (op === 'ListPipelineExecutionSteps') {
          const name = executionName(i.PipelineExecutionArn);
          const list = (o.PipelineExecutionSteps ?? []) as { StepName?: string; StepStatus?: string }[];
          // Newest first: the step that runs now, else the one that failed, else the last one that ran.
          const current = list.find((s) => s.StepStatus === 'Executing') ?? list.find((s) => s.StepStatus === 'Failed') ?? list[0];
          if (name && current?.StepName) steps.set(name, `${current.StepName} (${current.StepStatus ?? '…'})`);
          return;
        }
        const spec = WATCHED[op];
        // A resource this cell started is tracked already: even done by the first look (a fast sandbox), it ends with a bar.
        if (spec) observeStatus(spec, i, o);
      } catch {
        // a shape we did not expect: no progress, the cell goes on
      }
    },

    /** A failed call: a watched endpoint that is gone after Deleting has been deleted. */
    failed(op: string, input: Out | undefined, error: unknown): void {
      try {
        if (op !== 'DescribeEndpoint' || !isNotFound(error)) return;
        const name = str(input?.EndpointName);
        const id = `endpoint:${name}`;
        const t = name ? tracked.get(id) : undefined;
        if (!t || !name || (t.last && t.last.status !== 'Deleting')) return;
        if (!t.last && !t.pendingStart) return;
        send(t, {
          type: 'progress',
          id,
          kind: 'endpoint',
          name,
          status: 'Deleted',
          elapsedMs: Math.max(0, now() - (t.since ?? t.firstSeen)),
          state: 'succeeded',
          fraction: 1,
          ...(t.last?.estimateMs ? { estimateMs: t.last.estimateMs } : {}),
        });
        tracked.delete(id);
      } catch {
        // as above
      }
    },

    /** A new cell: bars belong to the cell that waits. */
    reset(): void {
      tracked.clear();
      steps.clear();
    },
  };
}

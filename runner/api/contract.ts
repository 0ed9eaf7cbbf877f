/**
 * The runner API's requests and answers, as the routes send them and the page and the tests read them (README
 * "Runner API"). Types only, and imports of types only, so the site's client can use them without pulling in the
 * runner. The routes check what they send against these (`satisfies`); the clients pick a route's types from its
 * method and path (`ApiCall`), so none of them declares an answer's shape again.
 */
import type { CellEvent, CheckResult, LabMeta, SessionProgress, Target } from '../contracts.ts';
import type { WorkerTask } from '../sandbox/sagemaker/labeling.ts';
import type { BillLine } from '../cost/bill.ts';

/** Every error answer: a code and a message, never a stack trace. */
export interface ApiErrorBody {
  error: ApiErrorDetail;
}
export interface ApiErrorDetail {
  code: string;
  message: string;
  /** ConfirmBilling only: where the cell would run, and what it would start. */
  account?: string;
  region?: string;
  resources?: { kind: string; instanceType: string; count: number; perHourUsd: number | null }[];
}

export interface WorkshopInfo {
  target: Target;
  accountId: string;
  region: string;
  timeScale: number;
  labs: LabMeta[];
}

export interface SessionRef {
  sessionId: string;
  target: Target;
}

/** The output of each cell's last run in a lab, by cell. */
export type LabOutputs = Record<string, { at: string; events: CellEvent[] }>;

/** The cells (`lab/cell`) whose variables the kernel holds now. */
export interface KernelState {
  ran: string[];
}

export interface ResourcesReport {
  resources: { kind: string; name: string; arn: string; status: string | null; instanceType: string | null; perHourUsd: number }[];
  /** Kinds that could not be listed, with the reason. */
  unlisted: { kind: string; reason: string }[];
}

export interface CostReport {
  /** What runs now, per hour. */
  perHourUsd: number;
  /** Every billable interval of the session, deleted resources included. */
  totalUsd: number;
  bill: BillLine[];
  running: { kind: string; name: string; status: string | null; instanceType: string; count: number; perHourUsd: number }[];
  unpriced: string[];
}

/** An open task of the sandbox's labeling jobs, for the worker page: defined where the sandbox builds it. */
export type { WorkerTask };

export interface CodeBody {
  code: string;
}
export interface EditBody {
  code: string;
  /** The learner's own code, set aside while the cell shows another; null forgets it. */
  mine?: string | null;
}
export interface AnswerBody {
  answer: string;
}
export interface WorkerAnswerBody {
  answer: Record<string, string>;
}

/**
 * Every JSON route, by `METHOD /path` under /api (`:name` is a path parameter): its body, when it takes one, and its
 * answer (`undefined`: 204, no content). The cell run streams server-sent events of `CellEvent`s.
 */
export interface ApiRoutes {
  'GET /workshop': { response: WorkshopInfo };
  'GET /session': { response: SessionRef };
  'POST /sessions': { response: SessionRef };
  'GET /sessions/:sid/progress': { response: SessionProgress };
  'PUT /sessions/:sid/labs/:lab/cells/:cell': { body: EditBody; response: undefined };
  'POST /sessions/:sid/labs/:lab/cells/:cell/run': { body: CodeBody; response: CellEvent[] };
  'GET /sessions/:sid/labs/:lab/outputs': { response: LabOutputs };
  'POST /sessions/:sid/labs/:lab/checks/:step': { response: CheckResult };
  'PUT /sessions/:sid/labs/:lab/answers/:question': { body: AnswerBody; response: undefined };
  'POST /sessions/:sid/billing/confirm': { response: undefined };
  'POST /sessions/:sid/interrupt': { response: undefined };
  'POST /sessions/:sid/restart': { response: undefined };
  'GET /sessions/:sid/kernel': { response: KernelState };
  'GET /sessions/:sid/resources': { response: ResourcesReport };
  'GET /sessions/:sid/cost': { response: CostReport };
  'GET /worker/tasks': { response: { tasks: WorkerTask[] } };
  'POST /worker/tasks/:taskId': { body: WorkerAnswerBody; response: { remaining: number } };
}

export type ApiRoute = keyof ApiRoutes;
export type ApiMethod = ApiRoute extends `${infer M} ${string}` ? M : never;

/** `/sessions/:sid/kernel` → `/sessions/${string}/kernel`: the paths a route answers. */
type Filled<P extends string> = P extends `${infer Head}:${string}/${infer Rest}`
  ? `${Head}${string}/${Filled<Rest>}`
  : P extends `${infer Head}:${string}`
    ? `${Head}${string}`
    : P;

/** Every path a method answers under /api. */
export type ApiPath<M extends ApiMethod> = { [R in ApiRoute]: R extends `${M} ${infer Pattern}` ? Filled<Pattern> : never }[ApiRoute];

/** The route a call goes to, from its method and its path (`/sessions/${sid}/kernel` finds `GET /sessions/:sid/kernel`). */
export type ApiCall<M extends ApiMethod, P extends ApiPath<M>> = {
  [R in ApiRoute]: R extends `${M} ${infer Pattern}` ? (P extends Filled<Pattern> ? R : never) : never;
}[ApiRoute];

/** What a call answers, and the body it takes (`undefined` for a route without one). */
export type ApiResponse<M extends ApiMethod, P extends ApiPath<M>> = ApiRoutes[ApiCall<M, P>]['response'];
export type ApiBody<M extends ApiMethod, P extends ApiPath<M>> = ApiRoutes[ApiCall<M, P>] extends { body: infer B } ? B : undefined;

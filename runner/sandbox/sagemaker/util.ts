import type * as sdk from '@aws-sdk/client-sagemaker';
import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';
import type * as typed from '../typed.ts';
import { jsonOps, type JsonWire, type SdkInput, type SdkOutput } from '../typed.ts';
import { invalidMember, memberPath, validation } from '../errors.ts';

export type Input = Record<string, unknown>;
export type Operation = (input: Input) => unknown | Promise<unknown>;
export type Operations = Record<string, Operation>;

/** Every SageMaker operation the SDK knows, by its API name (`DescribeEndpoint`…): typed.ts's, for SageMaker. */
export type OpName = typed.OpName<typeof sdk>;
/** The awsJson1_1 wire form of an SDK type (typed.ts's `JsonWire`): timestamps epoch seconds, blobs base64. */
export type Wire<T> = JsonWire<T>;
/** The SDK's own `XCommandInput`, as it arrives on the wire. */
export type OpInput<N extends OpName> = JsonWire<SdkInput<typeof sdk, N>>;
/** The SDK's own `XCommandOutput` without the client's `$metadata`, as the sandbox answers it on the wire. */
export type OpOutput<N extends OpName> = JsonWire<SdkOutput<typeof sdk, N>>;

/**
 * Operations typed with the SDK's input and output: a misspelled operation, an undefined member or a value
 * outside an enum fails to compile. `typedOps({ DescribeEndpoint: (input) => ({ EndpointName: …, … }) })`.
 * The edge has checked the required members against the same model (edge.ts) before any handler runs.
 * SageMaker's front door awaits its handlers, so they may answer a promise (a pipeline step that runs a job).
 */
export const typedOps = jsonOps<typeof sdk, true>();

/**
 * One table of operations from the tables of several modules, each operation registered once: a name two tables
 * both answer is a mistake in the sandbox (one handler would silently hide the other), so it fails at start.
 */
export function register(...tables: Operations[]): Operations {
  const out: Operations = {};
  for (const table of tables) {
    for (const [name, handler] of Object.entries(table)) {
      if (Object.hasOwn(out, name)) throw new Error(`The SageMaker operation ${name} is registered twice.`);
      out[name] = handler;
    }
  }
  return out;
}

/** Who created a resource (UserContext): the learner's role, as GetCallerIdentity names it — not a Studio user. */
export const createdBy = (ctx: SandboxContext) => ({
  IamIdentity: {
    Arn: `arn:aws:sts::${ctx.accountId}:assumed-role/naxt-workshop-learner/learner`,
    PrincipalId: 'AROANAXTWORKSHOPLEARNER:learner',
  },
});

/**
 * Calls an operation of the table from inside the sandbox (a pipeline step creates its job, Search describes what it
 * finds), its answer in the SDK's output type: the one place that trusts a handler to answer its operation's output.
 */
export async function invoke<N extends OpName>(ops: Operations, name: N, input: Input): Promise<OpOutput<N>> {
  return (await ops[name](input)) as OpOutput<N>;
}

/** Resource names as SageMaker's model constrains them: most kinds allow 63 characters (endpoints, models, jobs…). */
const NAME = '^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}';
/** Members whose pattern differs from the common one (API reference: PipelineName, HumanTaskUiName). */
const NAME_PATTERNS: Record<string, string> = {
  PipelineName: '^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}',
  PipelineDisplayName: '^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}',
  HumanTaskUiName: '^[a-z0-9](-*[a-z0-9])*',
};
const NAME_MAX: Record<string, number> = { PipelineName: 256, PipelineDisplayName: 256 };

export function requireName(input: Input, field: string): string {
  const v = input[field];
  if (typeof v !== 'string' || v.length === 0) throw invalidMember(memberPath(field), 'Member must not be null', null);
  const max = NAME_MAX[field] ?? 63;
  // Runs of hyphens do not count in the pattern's repetition, so the model's length bound is checked on its own.
  if (v.length > max) throw invalidMember(memberPath(field), `Member must have length less than or equal to ${max}`, { value: v });
  const pattern = NAME_PATTERNS[field] ?? NAME;
  if (!new RegExp(`${pattern}$`).test(v)) {
    throw invalidMember(memberPath(field), `Member must satisfy regular expression pattern: ${pattern}`, { value: v });
  }
  return v;
}

/**
 * A member the API types as name-or-ARN (`PipelineNameOrArn`, `ArnOrName`): an ARN of the account's resource of
 * that kind resolves to the resource's name; any other value is validated as a name.
 */
export function requireNameOrArn(ctx: SandboxContext, input: Input, field: string, kind: string, arnType: string): string {
  const v = input[field];
  const m = typeof v === 'string' ? /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:(\d{12}|aws):([a-z-]+)\/(.+)$/.exec(v) : null;
  if (!m || m[2] !== arnType) return requireName(input, field);
  const found = ctx.store.list(kind).find((r) => r.arn === v || r.arn.toLowerCase() === String(v).toLowerCase());
  return found ? found.name : requireName({ [field]: m[3] }, field);
}

export function requireString(input: Input, field: string): string {
  const v = input[field];
  if (typeof v !== 'string' || v.length === 0) throw invalidMember(memberPath(field), 'Member must not be null', null);
  return v;
}

export const arnFor = (ctx: SandboxContext, type: string, name: string) =>
  `arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:${type}/${name.toLowerCase()}`;

/** awsJson timestamps are epoch seconds. */
export const epoch = (ms: number) => ms / 1000;

export const statusOf = (r: ResourceRecord) => String(r.data.__status ?? '');

/**
 * A record's data read as the members of its Describe output, which the create stored from the request's members of
 * the same API shapes: `described<'DescribeEndpointConfig'>(r).DataCaptureConfig`. The store keeps them untyped; the
 * edge checked their JSON types against the model when they came in.
 */
export function described<N extends OpName>(r: { data: Input }): Partial<OpOutput<N>> {
  return r.data as Partial<OpOutput<N>>;
}

/**
 * A record's data without the store's bookkeeping, in the type of its Describe output (see `described`): what a Describe
 * handler answers, before the members the store keeps outside data (CreationTime, status…). The one place that
 * trusts a kind's create to have stored the members of its Describe output.
 */
export function stored<N extends OpName>(r: ResourceRecord): OpOutput<N> {
  return fields(r) as OpOutput<N>;
}

/** Strips the store's bookkeeping fields from a record's data. */
export function fields(r: ResourceRecord): Input {
  const out: Input = {};
  for (const [k, v] of Object.entries(r.data)) if (!k.startsWith('__')) out[k] = v;
  return out;
}

/**
 * List semantics shared by SageMaker's List* calls: NameContains, CreationTime filters, StatusEquals, SortBy
 * (Name | CreationTime | Status), SortOrder, MaxResults (1..100), NextToken (opaque, validated).
 */
export function listPage<T>(
  records: ResourceRecord[],
  input: Input,
  view: (r: ResourceRecord) => T,
  opts: { status?: (r: ResourceRecord) => string; nameField?: string; defaultSort?: 'Name' | 'CreationTime'; sortKeys?: string[] } = {},
): { items: T[]; NextToken?: string } {
  const max = maxResults(input, 10);
  requireEnum(input, 'SortOrder', ['Ascending', 'Descending']);
  requireEnum(input, 'SortBy', opts.sortKeys ?? (opts.status ? ['Name', 'CreationTime', 'Status'] : ['Name', 'CreationTime']));
  let rs = records;
  const contains = (input.NameContains ?? input.PipelineNamePrefix) as string | undefined;
  if (contains)
    rs = rs.filter((r) => (input.PipelineNamePrefix ? r.name.startsWith(contains) : r.name.toLowerCase().includes(contains.toLowerCase())));
  const num = (v: unknown) =>
    v instanceof Date ? v.getTime() : typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : undefined;
  const after = num(input.CreationTimeAfter);
  const before = num(input.CreationTimeBefore);
  if (after !== undefined) rs = rs.filter((r) => r.createdAt > after);
  if (before !== undefined) rs = rs.filter((r) => r.createdAt < before);
  const statusEq = (input.StatusEquals ?? input.MonitoringScheduleStatusEquals) as string | undefined;
  if (statusEq && opts.status) rs = rs.filter((r) => opts.status!(r) === statusEq);
  const sortBy = (input.SortBy as string | undefined) ?? opts.defaultSort ?? 'CreationTime';
  const order = (input.SortOrder as string | undefined) ?? 'Descending';
  const key = (r: ResourceRecord) => (sortBy === 'Name' ? r.name : sortBy === 'Status' && opts.status ? opts.status(r) : r.createdAt);
  rs = [...rs].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : 1;
    return order === 'Ascending' ? c : -c;
  });
  const start = tokenOffset(input.NextToken);
  const page = rs.slice(start, start + max);
  const next = start + max < rs.length ? pageToken(start + max) : undefined;
  return { items: page.map(view), ...(next ? { NextToken: next } : {}) };
}

/** MaxResults as SageMaker validates it: an integer from 1 to 100. */
export function maxResults(input: Input, fallback: number, limit = 100): number {
  if (input.MaxResults === undefined) return fallback;
  const max = Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 1)
    throw invalidMember('maxResults', 'Member must have value greater than or equal to 1', { value: input.MaxResults });
  if (max > limit) throw invalidMember('maxResults', `Member must have value less than or equal to ${limit}`, { value: max });
  return max;
}

/** An enum member, checked as the service's model does; absent is fine (optional members). */
export function requireEnum(input: Input, field: string, values: string[]): string | undefined {
  const v = input[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !values.includes(v)) {
    throw invalidMember(memberPath(field), `Member must satisfy enum value set: [${values.join(', ')}]`, { value: v });
  }
  return v;
}

/** Opaque page tokens: only tokens this account handed out are accepted back. */
export const pageToken = (offset: number) => Buffer.from(`naxt:${offset}`).toString('base64url');

export function tokenOffset(token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  const text = Buffer.from(String(token), 'base64url').toString('utf8');
  const n = Number(text.slice('naxt:'.length));
  if (!text.startsWith('naxt:') || !Number.isInteger(n) || n < 0) throw validation('Invalid pagination token');
  return n;
}

/** One page of an already filtered and sorted list. */
export function pageOf<T>(all: T[], input: Input, fallback: number, limit = 100): { page: T[]; NextToken?: string } {
  const max = maxResults(input, fallback, limit);
  const start = tokenOffset(input.NextToken);
  return { page: all.slice(start, start + max), ...(start + max < all.length ? { NextToken: pageToken(start + max) } : {}) };
}

import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';
import { validation } from '../errors.ts';

export type Input = Record<string, unknown>;
export type Operation = (input: Input) => unknown | Promise<unknown>;
export type Operations = Record<string, Operation>;

/** Resource names as SageMaker validates them (endpoints, models, configs, jobs…). */
const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

export function requireName(input: Input, field: string): string {
  const v = input[field];
  if (typeof v !== 'string' || v.length === 0) throw validation(`1 validation error detected: Value null at '${lower(field)}' failed to satisfy constraint: Member must not be null`);
  if (!NAME.test(v)) {
    throw validation(`1 validation error detected: Value '${v}' at '${lower(field)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`);
  }
  return v;
}

export function requireString(input: Input, field: string): string {
  const v = input[field];
  if (typeof v !== 'string' || v.length === 0) throw validation(`1 validation error detected: Value null at '${lower(field)}' failed to satisfy constraint: Member must not be null`);
  return v;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export const arnFor = (ctx: SandboxContext, type: string, name: string) => `arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:${type}/${name.toLowerCase()}`;

/** awsJson timestamps are epoch seconds. */
export const epoch = (ms: number) => ms / 1000;

export const statusOf = (r: ResourceRecord) => String(r.data.__status ?? '');

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
  opts: { status?: (r: ResourceRecord) => string; nameField?: string; defaultSort?: 'Name' | 'CreationTime' } = {},
): { items: T[]; NextToken?: string } {
  const max = input.MaxResults === undefined ? 10 : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 1 || max > 100) throw validation(`1 validation error detected: Value '${String(input.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`);
  let rs = records;
  const contains = (input.NameContains ?? input.PipelineNamePrefix) as string | undefined;
  if (contains) rs = rs.filter((r) => (input.PipelineNamePrefix ? r.name.startsWith(contains) : r.name.toLowerCase().includes(contains.toLowerCase())));
  const num = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : undefined);
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
  let start = 0;
  if (input.NextToken !== undefined) {
    const n = Number(Buffer.from(String(input.NextToken), 'base64url').toString('utf8').replace(/^naxt:/, ''));
    if (!Number.isInteger(n) || n < 0 || !Buffer.from(String(input.NextToken), 'base64url').toString('utf8').startsWith('naxt:')) {
      throw validation('Invalid pagination token');
    }
    start = n;
  }
  const page = rs.slice(start, start + max);
  const next = start + max < rs.length ? Buffer.from(`naxt:${start + max}`).toString('base64url') : undefined;
  return { items: page.map(view), ...(next ? { NextToken: next } : {}) };
}

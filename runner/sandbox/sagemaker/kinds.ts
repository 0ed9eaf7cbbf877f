import type { SandboxContext } from '../context.ts';
import type { ResourceRecord, Transition } from '../store.ts';
import { validation, type AwsError } from '../errors.ts';
import {
  arnFor,
  epoch,
  fields,
  listPage,
  requireName,
  requireNameOrArn,
  statusOf,
  type Input,
  type Operation,
  type Operations,
} from './util.ts';

/**
 * A SageMaker resource kind described as data: names, ARN type, how its list summary looks, its life
 * (timeline), and which operations it has. Jobs, registry, pipelines, monitoring and labeling share it.
 */
/** `I`: the input of the kind's CreateX, the SDK's request type (`OpInput<'CreateX'>`) where the kind gives it. */
export interface KindSpec<I extends object = Input> {
  kind: string;
  /** Words AWS uses in messages: "training job", "model package group"… */
  noun: string;
  arnType: string;
  nameField: string;
  arnField: string;
  /**
   * The operations answered by the shared handlers as they are, by API name. A module that composes a shared handler
   * with its own steps (CreateProcessingJob runs the container after the create) leaves that one out here and
   * registers its own, built from `kindHandlers`.
   */
  ops: Partial<Record<Role, string>>;
  listKey: string;
  statusField?: string;
  timeField?: string;
  /** Describe fields stored at creation (validated input → record data). */
  create?(ctx: SandboxContext, input: I, name: string, arn: string): Input;
  /** The record's scheduled life from creation on. */
  timeline?(ctx: SandboxContext, input: I, record: { name: string; arn: string }): Transition[];
  /** How the resource stops (a job) — the remaining life after StopX. */
  stopTimeline?(ctx: SandboxContext, r: ResourceRecord): Transition[];
  summary(r: ResourceRecord): Input;
  /** Extra filters of the List call beyond the generic ones. */
  filter?(r: ResourceRecord, input: Input): boolean;
  /** The Describe output has no LastModifiedTime member (botocore's service model, per operation). */
  noLastModified?: boolean;
  /** What the Delete call answers when its output has members (DeleteWorkteamResponse requires `Success`). */
  deleted?: Input;
  /** Refuses a delete (e.g. a group that still holds packages). */
  beforeDelete?(ctx: SandboxContext, r: ResourceRecord): void;
  /** Statuses in which a stop is accepted. */
  stoppable?: string[];
  /** The error AWS answers for a name it does not know (default: ValidationException "Could not find <noun> …"). */
  missing?(name: string, arn: string): AwsError;
  /** The error AWS answers for a name already taken (default: ValidationException "Cannot create already existing …"). */
  duplicate?(name: string, arn: string): AwsError;
  /** SortBy values the List call accepts (default: Name, CreationTime and Status when the kind has a status). */
  sortKeys?: string[];
  /** Operations whose name member the API types as name-or-ARN (e.g. DescribePipeline's `PipelineNameOrArn`). */
  arnAccepted?: ('describe' | 'delete')[];
}

const ROLES = ['create', 'describe', 'list', 'delete', 'stop'] as const;
type Role = (typeof ROLES)[number];
export type KindHandlers = Record<Role, Operation>;

/** The shared handlers of a kind, by role: the building blocks a module composes its own operations from. */
export function kindHandlers<I extends object = Input>(ctx: SandboxContext, spec: KindSpec<NoInfer<I>>): KindHandlers {
  const { store } = ctx;
  const arn = (name: string) => arnFor(ctx, spec.arnType, name);
  const get = (name: string) => {
    const r = store.get(spec.kind, name);
    if (!r) throw spec.missing?.(name, arn(name)) ?? validation(`Could not find ${spec.noun} "${arn(name)}".`);
    return r;
  };
  const nameIn = (input: Input, op: 'describe' | 'delete' | 'stop') =>
    op !== 'stop' && spec.arnAccepted?.includes(op)
      ? requireNameOrArn(ctx, input, spec.nameField, spec.kind, spec.arnType)
      : requireName(input, spec.nameField);
  return {
    create: (input) => {
      const name = requireName(input, spec.nameField);
      if (store.get(spec.kind, name))
        throw spec.duplicate?.(name, arn(name)) ?? validation(`Cannot create already existing ${spec.noun} "${arn(name)}".`);
      const a = arn(name);
      // The input of the kind's CreateX (`I`, the SDK's request type where the kind gives it): the edge has checked its
      // members against the same model (edge.ts) before any handler runs, as for `typedOps`.
      const typed = input as I;
      const data = { [spec.nameField]: name, [spec.arnField]: a, ...(spec.create?.(ctx, typed, name, a) ?? {}) };
      const timeline = spec.timeline?.(ctx, typed, { name, arn: a }) ?? [{ at: store.now(), status: 'Completed' }];
      store.create(spec.kind, name, a, data, timeline);
      store.addTags(a, (input.Tags as { Key: string; Value: string }[] | undefined) ?? []);
      return { [spec.arnField]: a };
    },
    describe: (input) => {
      const r = get(nameIn(input, 'describe'));
      return {
        ...fields(r),
        ...(spec.statusField ? { [spec.statusField]: statusOf(r) } : {}),
        [spec.timeField ?? 'CreationTime']: epoch(r.createdAt),
        ...(spec.noLastModified ? {} : { LastModifiedTime: epoch(store.modifiedAt(r)) }),
      };
    },
    list: (input) => {
      const records = store.list(spec.kind).filter((r) => !spec.filter || spec.filter(r, input));
      const { items, NextToken } = listPage(records, input, spec.summary, { status: statusOf, sortKeys: spec.sortKeys });
      return { [spec.listKey]: items, NextToken };
    },
    delete: (input) => {
      const r = get(nameIn(input, 'delete'));
      spec.beforeDelete?.(ctx, r);
      store.remove(r);
      return spec.deleted ?? {};
    },
    stop: (input) => {
      const r = get(nameIn(input, 'stop'));
      if (spec.stoppable && !spec.stoppable.includes(statusOf(r))) {
        throw validation(`The ${spec.noun} ${r.name} is not in a stoppable state: it is ${statusOf(r)}.`);
      }
      store.reschedule(
        r,
        spec.stopTimeline?.(ctx, r) ?? [
          { at: store.now(), status: 'Stopping' },
          { at: store.now() + store.scaled(60_000), status: 'Stopped' },
        ],
      );
      return {};
    },
  };
}

/** The operations of a kind that its shared handlers answer as they are, under the API names `spec.ops` gives them. */
export function kindOps<I extends object = Input>(ctx: SandboxContext, spec: KindSpec<NoInfer<I>>): Operations {
  const handlers = kindHandlers<I>(ctx, spec);
  const ops: Operations = {};
  for (const role of ROLES) {
    const name = spec.ops[role];
    if (name) ops[name] = handlers[role];
  }
  return ops;
}

import type { Command } from '@smithy/core/client';

/**
 * Operation tables typed from an AWS SDK v3 client package (`typeof import('@aws-sdk/client-iam')`…): the SDK ships
 * every operation's `XCommandInput` and `XCommandOutput`, generated from the same Smithy models botocore's
 * service-2.json files are, so a handler typed with them cannot answer a member, an enum value or a shape the
 * service does not have. `M` is the client module's type, e.g. `typeof cognito` for
 * `import type * as cognito from '@aws-sdk/client-cognito-identity-provider'`.
 */

/** Every operation the module knows, by its API name: `GetRole` for the module's `GetRoleCommand`. */
export type OpName<M> = { [K in keyof M]: K extends `${infer N}Command` ? N : never }[keyof M];
type CommandOf<M, N extends OpName<M>> = M[`${N}Command` & keyof M] extends abstract new (...args: never[]) => infer C ? C : never;
/** The SDK's own `XCommandInput`. */
export type SdkInput<M, N extends OpName<M>> = CommandOf<M, N> extends Command<infer I, infer _O, infer _C> ? I : never;
/** The SDK's own `XCommandOutput`, without the client's `$metadata` (no service sends it). */
export type SdkOutput<M, N extends OpName<M>> = CommandOf<M, N> extends Command<infer _I, infer O, infer _C> ? Omit<O, '$metadata'> : never;

/**
 * The exceptions the module models (`ResourceNotFoundException`…): the classes it exports besides its commands,
 * its client and its service's base exception. On the JSON protocols their names are the error codes the service
 * answers (`__type`, `x-amzn-errortype`); the query protocol names some differently (IAM's `NoSuchEntityException`
 * is `NoSuchEntity` on the wire: the `awsQueryError` trait of botocore's model).
 */
export type ExceptionName<M> = {
  [K in keyof M]: K extends `${string}Command` | `${string}Client` | `${string}ServiceException`
    ? never
    : M[K] extends abstract new (...args: never[]) => Error
      ? K
      : never;
}[keyof M] &
  string;

/**
 * The awsJson1_0/1_1 and restJson1 wire form of an SDK type: timestamps are epoch seconds (numbers) and blobs
 * base64 strings, not the Dates and byte arrays the SDK turns them into.
 */
export type JsonWire<T> = T extends Date
  ? number
  : T extends Uint8Array
    ? string
    : T extends readonly (infer U)[]
      ? JsonWire<U>[]
      : T extends object
        ? { [K in keyof T]: JsonWire<T[K]> }
        : T;

/** The query protocol's and restXml's answers (IAM, STS, S3): timestamps are ISO 8601 strings (botocore's default `timestampFormat` for them). */
export type XmlWire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? XmlWire<U>[]
    : T extends object
      ? { [K in keyof T]: XmlWire<T[K]> }
      : T;

/**
 * A query-protocol request (IAM, STS) as `queryInput` decodes its form: every scalar is the string the form
 * carried (numbers, booleans and timestamps included), lists are arrays, structures objects.
 */
export type QueryWire<T> = T extends Date | number | boolean
  ? string
  : T extends readonly (infer U)[]
    ? QueryWire<U>[]
    : T extends object
      ? { [K in keyof T]: QueryWire<T[K]> }
      : T;

/**
 * An XML request body (S3's Tagging, Delete, CompleteMultipartUpload) as the sandbox's XML parser reads it, with
 * tag values left as text: like a query form, every scalar is a string.
 */
export type XmlInput<T> = QueryWire<T>;

/** A handler's table as the protocol front door calls it, once its types have been checked. */
export type Handlers<R = unknown> = Record<string, (input: Record<string, unknown>) => R>;

/** A handler's answer: a front door that awaits its handlers (SageMaker's) lets them answer a promise of it. */
type Answer<T, Async extends boolean> = Async extends true ? T | Promise<T> : T;
/** Handlers of a JSON service, typed with the SDK's input and output of their operation. */
export type JsonOps<M, Async extends boolean = false> = {
  [N in OpName<M>]?: (input: JsonWire<SdkInput<M, N>>) => Answer<JsonWire<SdkOutput<M, N>>, Async>;
};
/** Handlers of a query-protocol service: the decoded form in, the answer (rendered as XML) out. */
export type QueryOps<M> = { [N in OpName<M>]?: (input: QueryWire<SdkInput<M, N>>) => XmlWire<SdkOutput<M, N>> };

/**
 * TypeScript does not check a returned object literal for members its contextual type lacks: this makes a handler
 * that answers a member its operation's output does not define (at the top level) fail to compile.
 */
type NoExtraMembers<T, Table> = {
  [K in keyof T]: K extends keyof Table
    ? T[K] extends (input: never) => infer R
      ? NonNullable<Table[K]> extends (input: never) => infer O
        ? [Exclude<keyof Awaited<R>, keyof Awaited<O>>] extends [never]
          ? T[K]
          : { notInTheOutputOf: K; members: Exclude<keyof Awaited<R>, keyof Awaited<O>> }
        : T[K]
      : T[K]
    : never;
};

/** The table, as the front door sees it: by name, taking the parsed request. */
function handlers<R>(table: object): Handlers<R> {
  const out: Handlers<R> = {};
  // Each handler's input type is the SDK's, whose members are all as optional as the SDK declares them: the
  // handlers validate what arrives, as the service does, before they rely on it.
  for (const [name, handler] of Object.entries(table) as [string, (input: Record<string, unknown>) => R][]) out[name] = handler;
  return out;
}

/**
 * A JSON service's operations, typed with `M`'s inputs and outputs: a misspelled operation, an undefined member or
 * a value outside an enum fails to compile. `jsonOps<typeof cognito>()({ DescribeUserPool: (input) => ({ … }) })`
 * (curried so that `M` is given and the table's type inferred).
 */
export const jsonOps =
  <M, Async extends boolean = false>() =>
  <T extends JsonOps<M, Async>>(table: T & NoExtraMembers<T, JsonOps<M, Async>>): Handlers =>
    handlers(table);

/** A query-protocol service's operations, typed with `M`'s inputs and outputs (see `jsonOps`). */
export const queryOps =
  <M>() =>
  <T extends QueryOps<M>>(table: T & NoExtraMembers<T, QueryOps<M>>): Handlers =>
    handlers(table);

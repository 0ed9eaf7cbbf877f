import * as sdk from '@aws-sdk/client-sagemaker';
import { AwsError, constraintsMessage, memberPath, validation } from '../errors.ts';
import { checkTags } from './tags.ts';
import type { Input } from './util.ts';

/**
 * The SageMaker API model as the SDK ships it (`<Operation>$` schemas): a structure is
 * `[3, namespace, name, traits, memberNames, memberSchemas, requiredCount?]` with its required members first,
 * a list is `[1, namespace, name, traits, memberSchema]`, an operation `[9, namespace, name, traits, input, output]`.
 */
type Schema = number | (() => Schema) | readonly unknown[];
const model = sdk as unknown as Record<string, unknown>;

const resolve = (s: unknown): unknown => (typeof s === 'function' ? resolve((s as () => unknown)()) : s);
/** Members the SDK fills itself (idempotency tokens carry trait bit 4): a raw request may leave them out. */
const autoFilled = (s: unknown) => Array.isArray(s) && s.length === 2 && typeof s[1] === 'number' && (s[1] & 4) !== 0;

/** Every required member left out, at its wire path (`outputDataConfig.s3OutputPath`, `tags.2.member.key`). */
function missingMembers(schema: unknown, value: unknown, path: string, out: string[], depth = 0): void {
  const s = resolve(schema);
  if (!Array.isArray(s) || depth > 8 || value === null || value === undefined) return;
  if (s[0] === 3 && typeof value === 'object' && !Array.isArray(value)) {
    const names = s[4] as string[];
    const members = s[5] as Schema[];
    const required = typeof s[6] === 'number' ? s[6] : 0;
    names.forEach((name, i) => {
      const v = (value as Input)[name];
      const at = path ? `${path}.${memberPath(name)}` : memberPath(name);
      if (i < required && (v === undefined || v === null) && !autoFilled(members[i])) out.push(at);
      else missingMembers(members[i], v, at, out, depth + 1);
    });
  } else if (s[0] === 1 && Array.isArray(value)) {
    value.forEach((item, i) => missingMembers(s[4], item, `${path}.${i + 1}.member`, out, depth + 1));
  }
}

/** What a simple schema (@smithy/core's SCHEMA bits: 0 string, 1 number, 2 boolean, 4–7 timestamp, 15 document, 17/19 big number, 21 blob) takes on the wire. */
function simpleFits(kind: number, v: unknown): boolean {
  if (kind & 64) return Array.isArray(v) && v.every((x) => x === null || simpleFits(kind & ~64, x));
  if (kind & 128) return isObject(v) && Object.values(v).every((x) => x === null || simpleFits(kind & ~128, x));
  switch (kind) {
    case 0:
    case 21:
      return typeof v === 'string';
    case 1:
      return typeof v === 'number';
    case 2:
      return typeof v === 'boolean';
    case 4:
    case 5:
    case 6:
    case 7:
    case 17:
    case 19:
      return typeof v === 'number' || typeof v === 'string';
    default:
      return true;
  }
}
const isObject = (v: unknown): v is Input => typeof v === 'object' && v !== null && !Array.isArray(v);
const KIND: Record<number, string> = {
  0: 'a string',
  21: 'a string',
  1: 'a number',
  2: 'a boolean',
  4: 'a timestamp',
  5: 'a timestamp',
  6: 'a timestamp',
  7: 'a timestamp',
};
const found = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a structure' : `a ${typeof v}`);

/** The first member whose JSON type is not its shape's (a list where a string belongs…), at its wire path. */
function misTyped(schema: unknown, value: unknown, path: string, depth = 0): string | undefined {
  let s = resolve(schema);
  if (Array.isArray(s) && s.length === 2 && typeof s[1] === 'number') s = resolve(s[0]); // a member with traits
  if (value === null || value === undefined || depth > 32) return undefined;
  const at = path || 'the input';
  if (typeof s === 'number') {
    // A list or map of simple values: name the entry that does not fit (hyperParameters.epoch), not the whole map.
    if (s & 64 && Array.isArray(value))
      return value.map((x, i) => misTyped(s & ~64, x, `${path}.${i + 1}.member`, depth + 1)).find(Boolean);
    if (s & 128 && isObject(value))
      return Object.entries(value)
        .map(([k, x]) => misTyped(s & ~128, x, `${path}.${k}`, depth + 1))
        .find(Boolean);
    return simpleFits(s, value) ? undefined : `${at}: expected ${KIND[s] ?? (s & 64 ? 'a list' : 'a map')}, found ${found(value)}`;
  }
  if (!Array.isArray(s)) return undefined;
  if (s[0] === 3 || s[0] === 4) {
    if (!isObject(value)) return `${at}: expected a structure, found ${found(value)}`;
    const names = s[4] as string[];
    const members = s[5] as Schema[];
    for (let i = 0; i < names.length; i++) {
      if (!Object.hasOwn(value, names[i])) continue;
      const bad = misTyped(members[i], value[names[i]], path ? `${path}.${memberPath(names[i])}` : memberPath(names[i]), depth + 1);
      if (bad) return bad;
    }
  } else if (s[0] === 1) {
    if (!Array.isArray(value)) return `${at}: expected a list, found ${found(value)}`;
    for (let i = 0; i < value.length; i++) {
      const bad = misTyped(s[4], value[i], `${path}.${i + 1}.member`, depth + 1);
      if (bad) return bad;
    }
  } else if (s[0] === 2) {
    if (!isObject(value)) return `${at}: expected a map, found ${found(value)}`;
    for (const [k, v] of Object.entries(value)) {
      const bad = misTyped(s[5], v, `${path}.${k}`, depth + 1);
      if (bad) return bad;
    }
  }
  return undefined;
}

/**
 * What SageMaker's front door checks before any operation runs: required members present (the real
 * "Value null at '…' failed to satisfy constraint: Member must not be null"), and the tags of a Create call
 * validated as AddTags validates them.
 */
export function validateAtEdge(op: string, input: Input): void {
  const operation = model[`${op}$`];
  if (Array.isArray(operation) && operation[0] === 9) {
    // A member of the wrong JSON type cannot be read into the input structure: SerializationException (400), as
    // the awsJson1_1 services answer it (botocore data/sagemaker/2017-07-24/service-2.json: "protocol": "json");
    // the message wording is unverified.
    const bad = misTyped(operation[4], input, '');
    if (bad) throw new AwsError('SerializationException', `Cannot read the request: ${bad}.`);
    const missing: string[] = [];
    missingMembers(operation[4], input, '', missing);
    if (missing.length > 0) {
      throw validation(constraintsMessage(missing.map((at) => ({ at, constraint: 'Member must not be null', shown: null }))));
    }
  }
  if (op.startsWith('Create') && input.Tags !== undefined) checkTags(input.Tags);
}

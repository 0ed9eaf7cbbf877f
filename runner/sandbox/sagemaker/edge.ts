import * as sdk from '@aws-sdk/client-sagemaker';
import { validation } from '../errors.ts';
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
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
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
      const at = path ? `${path}.${lower(name)}` : lower(name);
      if (i < required && (v === undefined || v === null) && !autoFilled(members[i])) out.push(at);
      else missingMembers(members[i], v, at, out, depth + 1);
    });
  } else if (s[0] === 1 && Array.isArray(value)) {
    value.forEach((item, i) => missingMembers(s[4], item, `${path}.${i + 1}.member`, out, depth + 1));
  }
}

/**
 * What SageMaker's front door checks before any operation runs: required members present (the real
 * "Value null at '…' failed to satisfy constraint: Member must not be null"), and the tags of a Create call
 * validated as AddTags validates them.
 */
export function validateAtEdge(op: string, input: Input): void {
  const operation = model[`${op}$`];
  if (Array.isArray(operation) && operation[0] === 9) {
    const missing: string[] = [];
    missingMembers(operation[4], input, '', missing);
    if (missing.length > 0) {
      const n = missing.length;
      throw validation(`${n} validation error${n > 1 ? 's' : ''} detected: ${missing.map((p) => `Value null at '${p}' failed to satisfy constraint: Member must not be null`).join('; ')}`);
    }
  }
  if (op.startsWith('Create') && input.Tags !== undefined) checkTags(input.Tags);
}

/**
 * Checks a value against a shape of a botocore service model as AWS's front door checks a request (and as the
 * SDK's deserializer expects an answer): structure members known and required ones present, types, enums,
 * patterns, length and range bounds. A problem reads `path: what is wrong`.
 */
import type { Member, ServiceModel, Shape } from './botocore.ts';

export interface Problem {
  path: string;
  problem: string;
}

export interface ValidateOptions {
  /** How the wire carries timestamps: JSON protocols send epoch seconds; decoded XML/query/header values are text. */
  timestamps: 'epoch' | 'text';
  /** Blobs: base64 text in JSON bodies; raw bytes for payloads (not checked). */
  blobs: 'base64' | 'raw';
  /** Members the SDK fills itself when a caller leaves them out (idempotency tokens) are not required of a raw request. */
  request: boolean;
}

/** POSIX classes of Java's regex (`\p{Alnum}`…) are ASCII-only unless UNICODE_CHARACTER_CLASS is set. */
const POSIX: Record<string, string> = {
  Alnum: 'a-zA-Z0-9',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Upper: 'A-Z',
  Lower: 'a-z',
  Punct: '!-\\/:-@\\[-`{-~',
  Print: '\\x20-\\x7E',
  Graph: '\\x21-\\x7E',
  Space: ' \\t\\n\\x0B\\f\\r',
  XDigit: '0-9a-fA-F',
  ASCII: '\\x00-\\x7F',
};
const SYNTAX = '^$\\.*+?()[]{}|/';

/**
 * A Java regex (java.util.regex, as the model's `pattern` trait is written) as a JavaScript one with the `u` flag,
 * matched against the whole value (Java's `Matcher.matches()`). Returns an error text when it cannot be translated
 * faithfully; such patterns are counted as unverifiable, never silently passed.
 */
export function javaPattern(java: string): RegExp | string {
  let src = java;
  let flags = 'u';
  if (src.startsWith('(?s)')) {
    src = src.slice(4);
    flags += 's';
  }
  if (/\$\{/.test(src)) return 'quantifier on an anchor';
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      const next = src[i + 1] ?? '';
      const posix = /^p\{(\w+)\}/.exec(src.slice(i + 1));
      if (posix && POSIX[posix[1]]) {
        out += inClass ? POSIX[posix[1]] : `[${POSIX[posix[1]]}]`;
        i += posix[0].length;
      } else if (next === 'A') {
        out += '^';
        i++;
      } else if (next === 'z' || next === 'Z') {
        out += '$';
        i++;
      } else if (next && !/[a-zA-Z0-9]/.test(next) && !SYNTAX.includes(next)) {
        // Java lets any non-letter be escaped; JavaScript's `u` mode allows only syntax characters.
        out += `\\x${next.charCodeAt(0).toString(16).padStart(2, '0')}`;
        i++;
      } else {
        out += ch + next;
        i++;
        // `[\w-_]`: Java reads the hyphen after a class escape as a literal.
        if (inClass && /[wdsWDS]/.test(next) && src[i + 1] === '-') {
          out += '\\x2d';
          i++;
        }
      }
    } else if (ch === '[' && !inClass) {
      inClass = true;
      out += ch;
      if (src[i + 1] === '^') out += src[++i];
      // A leading `]` is literal in Java.
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
    } else if (ch === ']' && inClass) {
      inClass = false;
      out += ch;
    } else if (ch === '[' && inClass) {
      return 'nested character class';
    } else out += ch;
  }
  try {
    return new RegExp(`^(?:${out})$`, flags);
  } catch (e) {
    return (e as Error).message;
  }
}

const compiled = new Map<string, RegExp | string>();
/** Patterns that could not be translated: pattern → shapes that use it. */
export const unverifiablePatterns = new Map<string, Set<string>>();

function patternOf(shapeName: string, pattern: string): RegExp | undefined {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = javaPattern(pattern);
    compiled.set(pattern, re);
  }
  if (typeof re === 'string') {
    const users = unverifiablePatterns.get(pattern) ?? new Set<string>();
    users.add(shapeName);
    unverifiablePatterns.set(pattern, users);
    return undefined;
  }
  return re;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
const show = (v: unknown) => {
  const s = typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};
const join = (path: string, k: string | number) => (typeof k === 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k);
/** Length as Java counts it for `min`/`max` on strings: UTF-16 code units would differ for astral characters; AWS documents characters. */
const chars = (s: string) => [...s].length;

/** Every problem of `value` against shape `shapeName` (the top level's path is ''). */
export function validate(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  opts: ValidateOptions,
  path = '',
  skip: ReadonlySet<string> = new Set(),
): Problem[] {
  const out: Problem[] = [];
  visit(model, shapeName, value, opts, path, out, skip, 0);
  return out;
}

function visit(
  model: ServiceModel,
  name: string,
  v: unknown,
  opts: ValidateOptions,
  path: string,
  out: Problem[],
  skip: ReadonlySet<string>,
  depth: number,
): void {
  const shape: Shape | undefined = model.shapes[name];
  const bad = (problem: string): void => void out.push({ path: path || '(body)', problem });
  if (!shape) return bad(`shape ${name} is not in the ${model.service} model`);
  if (v === undefined) return;
  if (v === null) return bad('null is not a value');
  if (shape.document) return;
  if (depth > 40) return;
  switch (shape.type) {
    case 'structure': {
      if (!isObject(v)) return bad(`expected a ${name} structure, got ${show(v)}`);
      const members = shape.members ?? {};
      for (const [k, item] of Object.entries(v)) {
        const m: Member | undefined = members[k];
        if (!m) {
          if (!skip.has(k)) bad(`${k} is not a member of ${name}`);
          continue;
        }
        visit(model, m.shape, item, opts, join(path, k), out, new Set(), depth + 1);
      }
      for (const r of shape.required ?? []) {
        if (skip.has(r)) continue;
        if (v[r] === undefined || v[r] === null) {
          if (opts.request && members[r]?.idempotencyToken) continue;
          out.push({ path: join(path, r) || '(body)', problem: `required member of ${name} is missing` });
        }
      }
      if (shape.union) {
        const set = Object.keys(v).filter((k) => v[k] !== undefined && v[k] !== null);
        if (set.length !== 1) bad(`${name} is a union: exactly one member must be set, got ${set.length} (${set.join(', ')})`);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(v)) return bad(`expected a list (${name}), got ${show(v)}`);
      bounds(shape, v.length, 'items', bad);
      v.forEach((item, i) => visit(model, shape.member!.shape, item, opts, join(path, i), out, new Set(), depth + 1));
      return;
    }
    case 'map': {
      if (!isObject(v)) return bad(`expected a map (${name}), got ${show(v)}`);
      const entries = Object.entries(v);
      bounds(shape, entries.length, 'entries', bad);
      for (const [k, item] of entries) {
        visit(model, shape.key!.shape, k, opts, `${join(path, k)}(key)`, out, new Set(), depth + 1);
        visit(model, shape.value!.shape, item, opts, join(path, k), out, new Set(), depth + 1);
      }
      return;
    }
    case 'string': {
      if (typeof v !== 'string') return bad(`expected a string (${name}), got ${show(v)}`);
      if (shape.enum && !shape.enum.includes(v)) return bad(`${show(v)} is not one of ${name}'s values [${shape.enum.join(', ')}]`);
      bounds(shape, chars(v), 'characters', bad);
      if (shape.pattern) {
        const re = patternOf(`${model.service}:${name}`, shape.pattern);
        if (re && !re.test(v)) bad(`${show(v)} does not match ${name}'s pattern ${shape.pattern}`);
      }
      return;
    }
    case 'integer':
    case 'long': {
      if (typeof v !== 'number' || !Number.isInteger(v)) return bad(`expected an ${shape.type} (${name}), got ${show(v)}`);
      range(shape, v, bad);
      return;
    }
    case 'double':
    case 'float': {
      if (typeof v !== 'number' && !(typeof v === 'string' && ['NaN', 'Infinity', '-Infinity'].includes(v)))
        return bad(`expected a number (${name}), got ${show(v)}`);
      if (typeof v === 'number') range(shape, v, bad);
      return;
    }
    case 'boolean':
      if (typeof v !== 'boolean') bad(`expected a boolean (${name}), got ${show(v)}`);
      return;
    case 'timestamp':
      if (opts.timestamps === 'epoch') {
        if (typeof v !== 'number' || !Number.isFinite(v)) bad(`expected a timestamp in epoch seconds (${name}), got ${show(v)}`);
        else if (v > 1e11) bad(`timestamp ${v} looks like milliseconds, the JSON protocol sends seconds`);
      } else if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) bad(`expected a date (${name}), got ${show(v)}`);
      return;
    case 'blob':
      if (opts.blobs === 'raw') return;
      if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return bad(`expected base64 bytes (${name}), got ${show(v)}`);
      bounds(shape, Buffer.from(v, 'base64').length, 'bytes', bad);
      return;
    default:
      bad(`unknown shape type ${String(shape.type)}`);
  }
}

function bounds(shape: Shape, n: number, unit: string, bad: (p: string) => void): void {
  if (shape.min !== undefined && n < shape.min) bad(`has ${n} ${unit}, at least ${shape.min} required`);
  if (shape.max !== undefined && n > shape.max) bad(`has ${n} ${unit}, at most ${shape.max} allowed`);
}

function range(shape: Shape, n: number, bad: (p: string) => void): void {
  if (shape.min !== undefined && n < shape.min) bad(`${n} is below the minimum ${shape.min}`);
  if (shape.max !== undefined && n > shape.max) bad(`${n} is above the maximum ${shape.max}`);
}

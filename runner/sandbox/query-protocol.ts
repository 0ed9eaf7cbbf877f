import { escapeXml } from './xml.ts';

/**
 * The awsQuery protocol of IAM and STS (`"protocol": "query"` in botocore's data/iam/2010-05-08 and
 * data/sts/2011-06-15 service-2.json): the request is a form (`Action=GetRole&RoleName=…`, lists as
 * `Tags.member.1.Key=…`), the answer XML whose structures are elements named after their members and whose
 * lists hold one `<member>` per item.
 */

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * The form's members as a structure: `Tags.member.2.Key=k` becomes `{ Tags: [, { Key: 'k' }] }` with the list
 * compacted, every value the string the form carried. `Action` and `Version` name the call, not its input; a
 * key that is not a member path (`__proto__`, `a..b`) is ignored, as are the later of two keys that disagree on
 * what a member is (a string and a list).
 */
export function queryInput(form: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const lists = new WeakSet<object>();
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    const path = pathOf(key);
    if (!path) continue;
    let node: Record<string, unknown> = root;
    for (const [i, step] of path.entries()) {
      if (i === path.length - 1) {
        if (!Object.hasOwn(node, step)) node[step] = value;
        break;
      }
      const child = Object.hasOwn(node, step) ? node[step] : undefined;
      const list = typeof path[i + 1] === 'number';
      if (child === undefined) {
        const made: Record<string, unknown> = {};
        if (list) lists.add(made);
        node[step] = made;
        node = made;
      } else if (isRecord(child) && lists.has(child) === list) node = child;
      else break;
    }
  }
  return compact(root, lists);
}

/** `Tags.member.1.Key` → `['Tags', 0, 'Key']`; undefined when a step is neither a member name nor `member.N`. */
function pathOf(key: string): (string | number)[] | undefined {
  const parts = key.split('.');
  const out: (string | number)[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'member' && i > 0 && /^[1-9]\d{0,3}$/.test(parts[i + 1] ?? '')) {
      out.push(Number(parts[i + 1]) - 1);
      i++;
    } else if (NAME.test(parts[i])) out.push(parts[i]);
    else return undefined;
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The built tree with its lists as arrays, in item order, without the items the form skipped. */
function compact(node: Record<string, unknown>, lists: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = isRecord(v) ? (lists.has(v) ? listOf(v, lists) : compact(v, lists)) : v;
  return out;
}

function listOf(node: Record<string, unknown>, lists: WeakSet<object>): unknown[] {
  return Object.keys(node)
    .map(Number)
    .sort((a, b) => a - b)
    .map((i) => node[String(i)])
    .map((v) => (isRecord(v) ? (lists.has(v) ? listOf(v, lists) : compact(v, lists)) : v));
}

/**
 * A value as the query protocol's answer carries it: each member an element in the value's own order (absent
 * members left out), each list item a `<member>`, text escaped. Timestamps arrive as ISO strings already (XmlWire).
 */
export function queryXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => `<member>${queryXml(v)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${queryXml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

import { AwsError } from './errors.ts';

/**
 * The front door of the awsJson1_1 services (SageMaker, CloudWatch Logs, Service Quotas: `"protocol": "json"`,
 * `"jsonVersion": "1.1"` and their `targetPrefix` in botocore's data/<service>/<version>/service-2.json):
 * `POST /` with `X-Amz-Target: <targetPrefix>.<Operation>` and a JSON object as the body.
 */

/**
 * The operation an `X-Amz-Target` names, when the service has it as its own: a name that is only inherited
 * (`constructor`, `__proto__`, `toString`…) names nothing. An unknown or missing target is
 * UnknownOperationException (HTTP 400), the name the SDKs raise for it; the message wording is unverified.
 */
export function operationOf<T>(
  target: string | undefined,
  prefix: string,
  operations: Readonly<Record<string, T>>,
  service: string,
): { name: string; handler: T } {
  const t = target ?? '';
  const name = t.startsWith(`${prefix}.`) ? t.slice(prefix.length + 1) : '';
  if (name && Object.hasOwn(operations, name)) return { name, handler: operations[name] };
  if (!t) throw new AwsError('UnknownOperationException', 'Missing X-Amz-Target header.');
  const shown = (name || t).slice(0, 200);
  throw new AwsError(
    'UnknownOperationException',
    name
      ? `The workshop sandbox does not implement ${service} ${shown}.`
      : `${shown} is not an operation of ${service} (X-Amz-Target: ${prefix}.<Operation>).`,
  );
}

/**
 * The request body as the operation's input: an empty body is an empty input; a body that is not JSON, or
 * JSON that is not an object (`null`, an array, a number, a string), is SerializationException (HTTP 400), as
 * the JSON protocols answer a body they cannot read into the input structure. The message wording is unverified.
 */
export function jsonInput(body: Uint8Array): Record<string, unknown> {
  const text = Buffer.from(body).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (!isStructure(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw new AwsError('SerializationException', `Start of structure or map expected, found ${found}.`);
  }
  return value;
}

/** A JSON object (a structure or a map on the wire): not null, not a list. */
const isStructure = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

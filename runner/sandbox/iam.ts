import { Hono } from 'hono';
import { randomBytes, randomUUID } from 'node:crypto';
import type * as iam from '@aws-sdk/client-iam';
import type { SandboxContext, SandboxEnv } from './context.ts';
import { AwsError, constraintMessage, memberPath } from './errors.ts';
import { queryInput, queryXml } from './query-protocol.ts';
import { dict } from './store.ts';
import { queryOps, type ExceptionName, type XmlWire } from './typed.ts';
import { escapeXml } from './xml.ts';

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const xml = (action: string, result: string) =>
  new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
    { status: 200, headers: { 'content-type': 'text/xml' } },
  );

export function iamError(e: AwsError): Response {
  return new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${e.code}</Code><Message>${escapeXml(e.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    { status: e.status, headers: { 'content-type': 'text/xml' } },
  );
}

/**
 * IAM's errors by the SDK's exception names, on the wire with the codes of their `awsQueryError` trait (botocore
 * data/iam/2010-05-08/service-2.json): NoSuchEntityException is NoSuchEntity (404), EntityAlreadyExistsException
 * EntityAlreadyExists (409), DeleteConflictException DeleteConflict (409), InvalidInputException InvalidInput (400),
 * MalformedPolicyDocumentException MalformedPolicyDocument (400).
 */
const ERRORS = {
  NoSuchEntityException: ['NoSuchEntity', 404],
  EntityAlreadyExistsException: ['EntityAlreadyExists', 409],
  DeleteConflictException: ['DeleteConflict', 409],
  InvalidInputException: ['InvalidInput', 400],
  MalformedPolicyDocumentException: ['MalformedPolicyDocument', 400],
} as const satisfies Partial<Record<ExceptionName<typeof iam>, readonly [string, number]>>;
const iamException = (name: keyof typeof ERRORS, message: string) => new AwsError(ERRORS[name][0], message, ERRORS[name][1]);
/**
 * ValidationError (400): the common error of the query APIs for an input that breaks its model's constraints
 * (IAM API reference, Common Errors); it is not among the model's exceptions.
 */
const validationError = (message: string) => new AwsError('ValidationError', message);

interface Role {
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: number;
  AssumeRolePolicyDocument: string;
  Description?: string;
  Tags: { Key: string; Value: string }[];
  Attached: string[];
  Inline: Record<string, string>;
}

/** IAM (awsQuery): the execution role of lab 00 — GetRole, CreateRole, AttachRolePolicy, PutRolePolicy, listing. */
export function iamService(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  // Role and policy names allow `_`: `__proto__` and `constructor` are names like any other (store.ts, dict).
  const roles = () => dict(ctx.store.extra('iamRoles') as Record<string, Role> | undefined);
  const save = (r: Record<string, Role>) => ctx.store.setExtra('iamRoles', r);
  // The policy document comes back URL-encoded, as IAM answers it (GetRole's AssumeRolePolicyDocument: "URL-encoded
  // compliant with RFC 3986", the IAM API reference).
  const roleOf = (r: Role): XmlWire<iam.Role> => ({
    Path: '/',
    RoleName: r.RoleName,
    RoleId: r.RoleId,
    Arn: r.Arn,
    CreateDate: new Date(r.CreateDate).toISOString(),
    AssumeRolePolicyDocument: encodeURIComponent(r.AssumeRolePolicyDocument),
    Description: r.Description || undefined,
    MaxSessionDuration: 3600,
    Tags: r.Tags,
  });
  /** A required member: absent or empty is ValidationError with the common constraint sentence. */
  const need = <I, K extends keyof I & string>(input: I, field: K): string => {
    const v = input[field];
    if (typeof v !== 'string' || !v) throw validationError(constraintMessage(memberPath(field), 'Member must not be null', null));
    return v;
  };
  const role = (name: string) => {
    const r = roles()[name];
    if (!r) throw iamException('NoSuchEntityException', `The role with name ${name} cannot be found.`);
    return r;
  };
  /** CreateRole's Tags: Tag.Key is a required member (botocore's model), so a tag without one is ValidationError. */
  const tagsOf = (tags: { Key?: string; Value?: string }[] = []) =>
    tags.map((t, i) => {
      if (t.Key === undefined) throw validationError(constraintMessage(`tags.${i + 1}.member.key`, 'Member must not be null', null));
      return { Key: t.Key, Value: t.Value ?? '' };
    });
  const policyJson = (doc: string) => {
    try {
      JSON.parse(doc);
    } catch {
      throw iamException('MalformedPolicyDocumentException', 'This policy contains invalid Json');
    }
  };

  const operations = queryOps<typeof iam>()({
    GetRole: (input) => ({ Role: roleOf(role(need(input, 'RoleName'))) }),
    CreateRole(input) {
      const all = roles();
      const name = need(input, 'RoleName');
      if (!/^[\w+=,.@-]{1,64}$/.test(name)) throw validationError(`The specified value for roleName is invalid.`);
      if (all[name]) throw iamException('EntityAlreadyExistsException', `Role with name ${name} already exists.`);
      const doc = need(input, 'AssumeRolePolicyDocument');
      policyJson(doc);
      const r: Role = {
        RoleName: name,
        RoleId: `AROA${randomBytes(8).toString('hex').toUpperCase().slice(0, 17)}`,
        Arn: `arn:aws:iam::${ctx.accountId}:role/${name}`,
        CreateDate: ctx.store.now(),
        AssumeRolePolicyDocument: doc,
        Description: input.Description,
        Tags: tagsOf(input.Tags),
        Attached: [],
        Inline: {},
      };
      save({ ...all, [name]: r });
      return { Role: roleOf(r) };
    },
    AttachRolePolicy(input) {
      const all = roles();
      const r = role(need(input, 'RoleName'));
      const arn = need(input, 'PolicyArn');
      if (!/^arn:aws:iam::(aws|\d{12}):policy\//.test(arn)) throw iamException('InvalidInputException', `ARN ${arn} is not valid.`);
      if (!r.Attached.includes(arn)) r.Attached.push(arn);
      save(all);
      return {};
    },
    PutRolePolicy(input) {
      const all = roles();
      const r = role(need(input, 'RoleName'));
      const doc = need(input, 'PolicyDocument');
      policyJson(doc);
      r.Inline = dict(r.Inline);
      r.Inline[need(input, 'PolicyName')] = doc;
      save(all);
      return {};
    },
    ListAttachedRolePolicies(input) {
      const r = role(need(input, 'RoleName'));
      return { AttachedPolicies: r.Attached.map((a) => ({ PolicyName: a.split('/').pop(), PolicyArn: a })), IsTruncated: false };
    },
    ListRolePolicies(input) {
      const r = role(need(input, 'RoleName'));
      return { PolicyNames: Object.keys(r.Inline), IsTruncated: false };
    },
    ListRoles(input) {
      const list = Object.values(roles()).sort((a, b) => a.RoleName.localeCompare(b.RoleName));
      const max = Math.min(1000, Number(input.MaxItems ?? 100));
      const start = Number(input.Marker ?? 0);
      const page = list.slice(start, start + max);
      const more = start + max < list.length;
      return { Roles: page.map(roleOf), IsTruncated: more, ...(more ? { Marker: String(start + max) } : {}) };
    },
    ListRoleTags(input) {
      const r = role(need(input, 'RoleName'));
      return { Tags: r.Tags, IsTruncated: false };
    },
    DetachRolePolicy(input) {
      const all = roles();
      const r = role(need(input, 'RoleName'));
      const arn = need(input, 'PolicyArn');
      if (!r.Attached.includes(arn)) throw iamException('NoSuchEntityException', `Policy ${arn} was not found.`);
      r.Attached = r.Attached.filter((a) => a !== arn);
      save(all);
      return {};
    },
    DeleteRolePolicy(input) {
      const all = roles();
      const r = role(need(input, 'RoleName'));
      const name = need(input, 'PolicyName');
      if (!Object.hasOwn(r.Inline, name)) throw iamException('NoSuchEntityException', `The role policy with name ${name} cannot be found.`);
      delete r.Inline[name];
      save(all);
      return {};
    },
    DeleteRole(input) {
      const all = roles();
      const r = role(need(input, 'RoleName'));
      if (r.Attached.length || Object.keys(r.Inline).length)
        throw iamException('DeleteConflictException', 'Cannot delete entity, must detach all policies first.');
      delete all[r.RoleName];
      save(all);
      return {};
    },
  });

  app.post('*', (c) => {
    const form = new URLSearchParams(Buffer.from(c.get('body')).toString('utf8'));
    const action = form.get('Action') ?? '';
    ctx.faults.beforeCall(action);
    // InvalidAction (400): the common error of the query APIs for an action the service does not have (IAM API
    // reference, Common Errors).
    if (!Object.hasOwn(operations, action))
      throw new AwsError('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
    return xml(action, queryXml(operations[action](queryInput(form))));
  });
  return app;
}

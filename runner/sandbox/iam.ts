import { Hono } from 'hono';
import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxContext, SandboxEnv } from './context.ts';
import { AwsError } from './errors.ts';
import { escapeXml } from './sts.ts';
import { dict } from './store.ts';

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const xml = (action: string, result: string) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`, { status: 200, headers: { 'content-type': 'text/xml' } });

export function iamError(e: AwsError): Response {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${e.code}</Code><Message>${escapeXml(e.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`, { status: e.status, headers: { 'content-type': 'text/xml' } });
}

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

/** The `member.N.Key` lists of the query protocol, as plain arrays. */
function members(form: URLSearchParams, prefix: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const [k, v] of form) {
    const m = new RegExp(`^${prefix}\\.member\\.(\\d+)\\.(\\w+)$`).exec(k);
    if (m) (out[Number(m[1]) - 1] ??= {})[m[2]] = v;
  }
  return out.filter(Boolean);
}

/** IAM (awsQuery): the execution role of lab 00 — GetRole, CreateRole, AttachRolePolicy, PutRolePolicy, listing. */
export function iamService(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  // Role and policy names allow `_`: `__proto__` and `constructor` are names like any other (store.ts, dict).
  const roles = () => dict(ctx.store.extra('iamRoles') as Record<string, Role> | undefined);
  const save = (r: Record<string, Role>) => ctx.store.setExtra('iamRoles', r);
  const roleXml = (r: Role) =>
    `<Role><Path>/</Path><RoleName>${r.RoleName}</RoleName><RoleId>${r.RoleId}</RoleId><Arn>${r.Arn}</Arn><CreateDate>${new Date(r.CreateDate).toISOString()}</CreateDate>` +
    `<AssumeRolePolicyDocument>${encodeURIComponent(r.AssumeRolePolicyDocument)}</AssumeRolePolicyDocument>${r.Description ? `<Description>${escapeXml(r.Description)}</Description>` : ''}<MaxSessionDuration>3600</MaxSessionDuration>` +
    `<Tags>${r.Tags.map((t) => `<member><Key>${escapeXml(t.Key)}</Key><Value>${escapeXml(t.Value)}</Value></member>`).join('')}</Tags></Role>`;
  const need = (form: URLSearchParams, f: string) => {
    const v = form.get(f);
    if (!v) throw new AwsError('ValidationError', `1 validation error detected: Value null at '${f.charAt(0).toLowerCase() + f.slice(1)}' failed to satisfy constraint: Member must not be null`);
    return v;
  };
  const role = (name: string) => {
    const r = roles()[name];
    if (!r) throw new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
    return r;
  };

  app.post('*', (c) => {
    const form = new URLSearchParams(Buffer.from(c.get('body')).toString('utf8'));
    const action = form.get('Action') ?? '';
    ctx.faults.beforeCall(action);
    const all = roles();
    switch (action) {
      case 'GetRole':
        return xml(action, roleXml(role(need(form, 'RoleName'))));
      case 'CreateRole': {
        const name = need(form, 'RoleName');
        if (!/^[\w+=,.@-]{1,64}$/.test(name)) throw new AwsError('ValidationError', `The specified value for roleName is invalid.`);
        if (all[name]) throw new AwsError('EntityAlreadyExists', `Role with name ${name} already exists.`, 409);
        const doc = need(form, 'AssumeRolePolicyDocument');
        try { JSON.parse(doc); } catch { throw new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json'); }
        const r: Role = { RoleName: name, RoleId: `AROA${randomBytes(8).toString('hex').toUpperCase().slice(0, 17)}`, Arn: `arn:aws:iam::${ctx.accountId}:role/${name}`, CreateDate: ctx.store.now(), AssumeRolePolicyDocument: doc, Description: form.get('Description') ?? undefined, Tags: members(form, 'Tags').map((t) => ({ Key: t.Key, Value: t.Value ?? '' })), Attached: [], Inline: {} };
        save({ ...all, [name]: r });
        return xml(action, roleXml(r));
      }
      case 'AttachRolePolicy': {
        const r = role(need(form, 'RoleName'));
        const arn = need(form, 'PolicyArn');
        if (!/^arn:aws:iam::(aws|\d{12}):policy\//.test(arn)) throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
        if (!r.Attached.includes(arn)) r.Attached.push(arn);
        save(all);
        return xml(action, '');
      }
      case 'PutRolePolicy': {
        const r = role(need(form, 'RoleName'));
        const doc = need(form, 'PolicyDocument');
        try { JSON.parse(doc); } catch { throw new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json'); }
        r.Inline = dict(r.Inline);
        r.Inline[need(form, 'PolicyName')] = doc;
        save(all);
        return xml(action, '');
      }
      case 'ListAttachedRolePolicies': {
        const r = role(need(form, 'RoleName'));
        return xml(action, `<AttachedPolicies>${r.Attached.map((a) => `<member><PolicyName>${a.split('/').pop()}</PolicyName><PolicyArn>${a}</PolicyArn></member>`).join('')}</AttachedPolicies><IsTruncated>false</IsTruncated>`);
      }
      case 'ListRolePolicies': {
        const r = role(need(form, 'RoleName'));
        return xml(action, `<PolicyNames>${Object.keys(r.Inline).map((n) => `<member>${escapeXml(n)}</member>`).join('')}</PolicyNames><IsTruncated>false</IsTruncated>`);
      }
      case 'ListRoles': {
        const list = Object.values(all).sort((a, b) => a.RoleName.localeCompare(b.RoleName));
        const max = Math.min(1000, Number(form.get('MaxItems') ?? 100));
        const start = Number(form.get('Marker') ?? 0);
        const page = list.slice(start, start + max);
        const more = start + max < list.length;
        return xml(action, `<Roles>${page.map((r) => roleXml(r).replace(/^<Role>/, '<member>').replace(/<\/Role>$/, '</member>')).join('')}</Roles><IsTruncated>${more}</IsTruncated>${more ? `<Marker>${start + max}</Marker>` : ''}`);
      }
      case 'ListRoleTags': {
        const r = role(need(form, 'RoleName'));
        return xml(action, `<Tags>${r.Tags.map((t) => `<member><Key>${escapeXml(t.Key)}</Key><Value>${escapeXml(t.Value)}</Value></member>`).join('')}</Tags><IsTruncated>false</IsTruncated>`);
      }
      case 'DetachRolePolicy': {
        const r = role(need(form, 'RoleName'));
        const arn = need(form, 'PolicyArn');
        if (!r.Attached.includes(arn)) throw new AwsError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
        r.Attached = r.Attached.filter((a) => a !== arn);
        save(all);
        return xml(action, '');
      }
      case 'DeleteRolePolicy': {
        const r = role(need(form, 'RoleName'));
        const name = need(form, 'PolicyName');
        if (!Object.hasOwn(r.Inline, name)) throw new AwsError('NoSuchEntity', `The role policy with name ${name} cannot be found.`, 404);
        delete r.Inline[name];
        save(all);
        return xml(action, '');
      }
      case 'DeleteRole': {
        const r = role(need(form, 'RoleName'));
        if (r.Attached.length || Object.keys(r.Inline).length) throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
        delete all[r.RoleName];
        save(all);
        return xml(action, '');
      }
      default:
        throw new AwsError('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
    }
  });
  return app;
}

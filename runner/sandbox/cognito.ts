import { Hono } from 'hono';
import { randomBytes, randomUUID } from 'node:crypto';
import type * as cip from '@aws-sdk/client-cognito-identity-provider';
import type { CreateWorkteamRequest } from '@aws-sdk/client-sagemaker';
import type { SandboxContext, SandboxEnv } from './context.ts';
import { AwsError, constraintMessage, memberPath, type ShownValue } from './errors.ts';
import { jsonInput, operationOf } from './json-protocol.ts';
import type { ResourceRecord } from './store.ts';
import { jsonOps, type ExceptionName, type JsonWire } from './typed.ts';

/**
 * Amazon Cognito user pools (awsJson1_1, `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`: botocore's
 * data/cognito-idp/2016-04-18/service-2.json metadata), as far as a Ground Truth private workforce needs them:
 * the user pool, its app client and its groups (a workforce names a pool and a client, a workteam a group of it:
 * sagemaker service-2.json, CognitoConfig and CognitoMemberDefinition).
 */

const POOL = 'cognito-user-pool';
const CLIENT = 'cognito-user-pool-client';
const GROUP = 'cognito-group';

type Input = Record<string, unknown>;

/**
 * Cognito answers a request that breaks its model with InvalidParameterException and the common validation
 * sentence ("1 validation error detected: Value 'YOUR_USER_POOL_ID' at 'userPoolId' failed to satisfy constraint:
 * Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+", as a learner met it: anomalyco/guide#127).
 */
const invalid = (message: string) => cognitoError('InvalidParameterException', message);
/** One member that breaks its constraint, in Cognito's code. */
const invalidMember = (at: string, constraint: string, shown: ShownValue) => invalid(constraintMessage(at, constraint, shown));
/** An error by the name the SDK gives the exception: on awsJson1_1 that name is the error code (`__type`). */
const cognitoError = (name: ExceptionName<typeof cip>, message: string) => new AwsError(name, message);

/** Required members, lengths and patterns of the model's shapes (UserPoolIdType, ClientIdType, GroupNameType…). */
const SHAPES: Record<string, { min: number; max: number; pattern?: RegExp; text: string }> = {
  UserPoolId: { min: 1, max: 55, pattern: /^[\w-]+_[0-9a-zA-Z]+$/, text: '[\\w-]+_[0-9a-zA-Z]+' },
  ClientId: { min: 1, max: 128, pattern: /^[\w+]+$/, text: '[\\w+]+' },
  GroupName: { min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, text: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+' },
  ClientName: { min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/, text: '[\\w\\s+=,.@-]+' },
  PoolName: { min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/, text: '[\\w\\s+=,.@-]+' },
  ResourceArn: {
    min: 20,
    max: 2048,
    pattern: /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/,
    text: 'arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?',
  },
};

function need(input: Input, field: keyof typeof SHAPES): string {
  const v = input[field];
  const at = memberPath(field);
  if (v === undefined || v === null) throw invalidMember(at, 'Member must not be null', null);
  const s = SHAPES[field];
  if (typeof v !== 'string' || v.length < s.min || v.length > s.max)
    throw invalidMember(at, `Member must have length between ${s.min} and ${s.max}`, { value: v });
  if (s.pattern && !s.pattern.test(v)) throw invalidMember(at, `Member must satisfy regular expression pattern: ${s.text}`, { value: v });
  return v;
}

/** An integer member within the model's bounds (PoolQueryLimitType 1..60, QueryLimitType 0..60). */
function limit(input: Input, field: string, min: number, fallback: number): number {
  const v = input[field];
  if (v === undefined) return fallback;
  const n = Number(v);
  const at = memberPath(field);
  if (!Number.isInteger(n) || n < min) throw invalidMember(at, `Member must have value greater than or equal to ${min}`, { value: v });
  if (n > 60) throw invalidMember(at, 'Member must have value less than or equal to 60', { value: n });
  return n;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const random = (alphabet: string, n: number) => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');

/**
 * Ids in AWS's formats. The model only constrains them by pattern (UserPoolIdType `[\w-]+_[0-9a-zA-Z]+`,
 * ClientIdType `[\w+]+`); the pools AWS hands out are `<region>_` and 9 letters and digits (e.g. a measured
 * `ap-southeast-1_ZZZZZZZZZ`, floci-io/floci#2951) and app client ids 26 lowercase letters and digits (e.g.
 * `769obvghue82qn3tlrbl1em0pr`, amazon-archives/amazon-quicksight-embedding-sample#1).
 */
export const newUserPoolId = (region: string) => `${region}_${random(ALNUM, 9)}`;
export const newClientId = () => random('abcdefghijklmnopqrstuvwxyz0123456789', 26);

/** Opaque page tokens of this account. */
const token = (n: number) => Buffer.from(`naxt-cognito:${n}`).toString('base64url');
function offset(t: unknown): number {
  if (t === undefined || t === null) return 0;
  const text = Buffer.from(String(t), 'base64url').toString('utf8');
  const n = Number(text.slice('naxt-cognito:'.length));
  // The wording is unverified; an unknown token is InvalidParameterException, the code Cognito models for it.
  if (!text.startsWith('naxt-cognito:') || !Number.isInteger(n) || n < 0) throw invalid('Invalid pagination token.');
  return n;
}
function page<T>(all: T[], input: Input, max: number): { items: T[]; NextToken?: string } {
  const start = offset(input.NextToken);
  const items = all.slice(start, start + max);
  return start + max < all.length ? { items, NextToken: token(start + max) } : { items };
}

const epoch = (ms: number) => ms / 1000;

/**
 * The standard attributes every user pool lists in SchemaAttributes (`sub` required and immutable, strings up to
 * 2048 characters: a DescribeUserPool answer quoted in getmoto/moto#5008; the others are OpenID Connect's standard
 * claims, constrained as moto's cognitoidp/models.py has them — unverified).
 */
const text = (min = '0', max = '2048') => ({ AttributeDataType: 'String', StringAttributeConstraints: { MinLength: min, MaxLength: max } });
const STANDARD_ATTRIBUTES: [string, Record<string, unknown>][] = [
  ['sub', { ...text('1'), Mutable: false, Required: true }],
  ...['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'email'].map(
    (n): [string, Record<string, unknown>] => [n, text()],
  ),
  ['email_verified', { AttributeDataType: 'Boolean' }],
  ['gender', text()],
  ['birthdate', text('10', '10')],
  ['zoneinfo', text()],
  ['locale', text()],
  ['phone_number', text()],
  // phone_number_verified is left out: its 21 characters exceed SchemaAttributeType.Name (CustomAttributeNameType,
  // at most 20) in the model, which the wire test holds every answer to.
  ['address', text()],
  ['updated_at', { AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '0' } }],
];
const standardSchema = () =>
  STANDARD_ATTRIBUTES.map(([Name, a]) => ({ Name, DeveloperOnlyAttribute: false, Mutable: true, Required: false, ...a }));

/** The messages a pool sends unless told otherwise ({####} is the code): moto's defaults, unverified. */
const VERIFICATION = {
  SmsMessage: 'Your verification code is {####}. ',
  EmailMessage: 'Your verification code is {####}. ',
  EmailSubject: 'Your verification code',
  DefaultEmailOption: 'CONFIRM_WITH_CODE',
};
const INVITATION = {
  SMSMessage: 'Your username is {username} and temporary password is {####}. ',
  EmailMessage: 'Your username is {username} and temporary password is {####}. ',
  EmailSubject: 'Your temporary password',
};

/** What the workforce side of SageMaker reads of the account's user pools. */
export interface CognitoDirectory {
  pool(id: string): ResourceRecord | undefined;
  client(poolId: string, clientId: string): ResourceRecord | undefined;
  group(poolId: string, name: string): ResourceRecord | undefined;
}

export function cognitoDirectory(ctx: SandboxContext): CognitoDirectory {
  return {
    pool: (id) => ctx.store.get(POOL, id),
    client: (poolId, clientId) => ctx.store.get(CLIENT, `${poolId}/${clientId}`),
    group: (poolId, name) => ctx.store.get(GROUP, `${poolId}/${name}`),
  };
}

export function cognitoService(ctx: SandboxContext): Hono<SandboxEnv> {
  const { store } = ctx;
  const app = new Hono<SandboxEnv>({ strict: false });
  const arnOf = (id: string) => `arn:aws:cognito-idp:${ctx.region}:${ctx.accountId}:userpool/${id}`;
  /** "User pool <id> does not exist." — ResourceNotFoundException as the live service words it (floci-io/floci#2951, getmoto/moto#4434). */
  const pool = (input: Input): ResourceRecord => {
    const id = need(input, 'UserPoolId');
    const r = store.get(POOL, id);
    if (!r) throw cognitoError('ResourceNotFoundException', `User pool ${id} does not exist.`);
    return r;
  };
  const childrenOf = (kind: string, id: string) =>
    store
      .list(kind)
      .filter((r) => r.data.UserPoolId === id)
      .sort((a, b) => a.createdAt - b.createdAt);
  /** What CreateUserPool, CreateUserPoolClient and CreateGroup stored: members of the answer's own shape. */
  const stored = (r: ResourceRecord): Input => {
    const { __status: _s, __modifiedAt: _m, ...d } = r.data;
    return d;
  };
  const dates = (r: ResourceRecord) => ({ CreationDate: epoch(r.createdAt), LastModifiedDate: epoch(store.modifiedAt(r)) });
  const poolView = (r: ResourceRecord): JsonWire<cip.UserPoolType> => {
    const d: JsonWire<cip.UserPoolType> = stored(r);
    return { ...d, UserPoolTags: store.tagsOf(r.arn), ...dates(r) };
  };
  const clientView = (r: ResourceRecord): JsonWire<cip.UserPoolClientType> => {
    const d: JsonWire<cip.UserPoolClientType> = stored(r);
    return { ...d, ...dates(r) };
  };
  const groupView = (r: ResourceRecord): JsonWire<cip.GroupType> => {
    const d: JsonWire<cip.GroupType> = stored(r);
    return { ...d, ...dates(r) };
  };
  const tagMap = (v: unknown, at: string): Record<string, string> => {
    if (v === undefined) return {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidMember(at, 'Member must be a map', 'hidden');
    // TagKeysType 1..128, TagValueType 0..256 (the model); the aws: prefix is reserved in every service.
    const tags: Record<string, string> = {};
    for (const [k, val] of Object.entries(v)) {
      if (k.length < 1 || k.length > 128 || typeof val !== 'string' || val.length > 256)
        throw invalidMember(at, 'Map keys must have length between 1 and 128 and values length at most 256', 'hidden');
      if (/^aws:/i.test(k)) throw invalid(`Tag keys starting with 'aws:' are reserved: ${k}`);
      tags[k] = val;
    }
    return tags;
  };
  const poolByArn = (input: Input): ResourceRecord => {
    const arn = need(input, 'ResourceArn');
    const r = store.list(POOL).find((p) => p.arn === arn);
    if (!r) throw cognitoError('ResourceNotFoundException', `The resource ${arn} does not exist.`); // wording unverified
    return r;
  };

  const table = jsonOps<typeof cip>()({
    CreateUserPool(input) {
      const name = need(input, 'PoolName');
      const tags = tagMap(input.UserPoolTags, 'userPoolTags');
      const id = newUserPoolId(ctx.region);
      const arn = arnOf(id);
      // What the pool answers for members left out: the model's documented defaults (UserPoolTier "Defaults to
      // ESSENTIALS", DeletionProtection INACTIVE unless ACTIVE is asked for); the rest echoes the request.
      const data = {
        Id: id,
        Name: name,
        Arn: arn,
        Policies: input.Policies ?? {
          PasswordPolicy: {
            MinimumLength: 8,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 7,
          },
        },
        DeletionProtection: input.DeletionProtection ?? 'INACTIVE',
        LambdaConfig: input.LambdaConfig ?? {},
        AutoVerifiedAttributes: input.AutoVerifiedAttributes,
        UsernameAttributes: input.UsernameAttributes,
        AliasAttributes: input.AliasAttributes,
        MfaConfiguration: input.MfaConfiguration ?? 'OFF',
        EstimatedNumberOfUsers: 0,
        EmailConfiguration: input.EmailConfiguration ?? { EmailSendingAccount: 'COGNITO_DEFAULT' },
        // Unverified defaults (moto's): an invitation valid 7 days, recovery by verified e-mail then phone.
        AdminCreateUserConfig: {
          AllowAdminCreateUserOnly: false,
          UnusedAccountValidityDays: 7,
          InviteMessageTemplate: INVITATION,
          ...input.AdminCreateUserConfig,
        },
        AccountRecoverySetting: input.AccountRecoverySetting ?? {
          RecoveryMechanisms: [
            { Priority: 1, Name: 'verified_email' },
            { Priority: 2, Name: 'verified_phone_number' },
          ],
        },
        SchemaAttributes: [...standardSchema(), ...(input.Schema ?? [])],
        VerificationMessageTemplate: { ...VERIFICATION, ...input.VerificationMessageTemplate },
        SmsVerificationMessage: input.SmsVerificationMessage ?? VERIFICATION.SmsMessage,
        EmailVerificationMessage: input.EmailVerificationMessage ?? VERIFICATION.EmailMessage,
        EmailVerificationSubject: input.EmailVerificationSubject ?? VERIFICATION.EmailSubject,
        UserPoolTier: input.UserPoolTier ?? 'ESSENTIALS',
      };
      const r = store.create(POOL, id, arn, data, [{ at: store.now(), status: 'Enabled' }]);
      store.addTags(
        arn,
        Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      );
      return { UserPool: poolView(r) };
    },
    DescribeUserPool(input) {
      return { UserPool: poolView(pool(input)) };
    },
    ListUserPools(input) {
      // MaxResults is required (ListUserPoolsRequest) and a PoolQueryLimitType, 1..60.
      if (input.MaxResults === undefined) throw invalidMember('maxResults', 'Member must not be null', null);
      const max = limit(input, 'MaxResults', 1, 60);
      const all = store.list(POOL).sort((a, b) => a.createdAt - b.createdAt);
      const { items, NextToken } = page(all, input, max);
      const summary = (r: ResourceRecord): JsonWire<cip.UserPoolDescriptionType> => {
        const d: JsonWire<cip.UserPoolType> = stored(r);
        return { Id: r.name, Name: String(d.Name), LambdaConfig: d.LambdaConfig ?? {}, ...dates(r) };
      };
      return { UserPools: items.map(summary), NextToken };
    },
    DeleteUserPool(input) {
      const r = pool(input);
      // DeletionProtection ACTIVE: "you can't delete the user pool" (the model's DeletionProtection documentation); wording unverified.
      if (r.data.DeletionProtection === 'ACTIVE')
        throw invalid(`The user pool ${r.name} cannot be deleted because deletion protection is activated.`);
      // Deleting a pool deletes what is in it: its app clients and groups go with it.
      for (const kind of [CLIENT, GROUP]) for (const c of childrenOf(kind, r.name)) store.remove(c);
      store.remove(r);
      return {};
    },
    CreateUserPoolClient(input) {
      const p = pool(input);
      const name = need(input, 'ClientName');
      const id = newClientId();
      const data: Input = {
        UserPoolId: p.name,
        ClientName: name,
        ClientId: id,
        ...(input.GenerateSecret ? { ClientSecret: random('abcdefghijklmnopqrstuvwxyz0123456789', 51) } : {}),
        RefreshTokenValidity: input.RefreshTokenValidity ?? 30,
        AccessTokenValidity: input.AccessTokenValidity,
        IdTokenValidity: input.IdTokenValidity,
        TokenValidityUnits: input.TokenValidityUnits ?? { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
        ReadAttributes: input.ReadAttributes,
        WriteAttributes: input.WriteAttributes,
        ExplicitAuthFlows: input.ExplicitAuthFlows,
        SupportedIdentityProviders: input.SupportedIdentityProviders,
        CallbackURLs: input.CallbackURLs,
        LogoutURLs: input.LogoutURLs,
        DefaultRedirectURI: input.DefaultRedirectURI,
        AllowedOAuthFlows: input.AllowedOAuthFlows,
        AllowedOAuthScopes: input.AllowedOAuthScopes,
        AllowedOAuthFlowsUserPoolClient: input.AllowedOAuthFlowsUserPoolClient ?? false,
        PreventUserExistenceErrors: input.PreventUserExistenceErrors ?? 'ENABLED',
        EnableTokenRevocation: input.EnableTokenRevocation ?? true,
        EnablePropagateAdditionalUserContextData: input.EnablePropagateAdditionalUserContextData ?? false,
        AuthSessionValidity: input.AuthSessionValidity ?? 3,
      };
      for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
      const r = store.create(CLIENT, `${p.name}/${id}`, `${p.arn}/client/${id}`, data, [{ at: store.now(), status: 'Enabled' }]);
      return { UserPoolClient: clientView(r) };
    },
    DescribeUserPoolClient(input) {
      const p = pool(input);
      const id = need(input, 'ClientId');
      const r = store.get(CLIENT, `${p.name}/${id}`);
      // Wording unverified; the code is one the model lists for DescribeUserPoolClient.
      if (!r) throw cognitoError('ResourceNotFoundException', `User pool client ${id} does not exist.`);
      return { UserPoolClient: clientView(r) };
    },
    ListUserPoolClients(input) {
      const p = pool(input);
      const { items, NextToken } = page(childrenOf(CLIENT, p.name), input, limit(input, 'MaxResults', 1, 60));
      return {
        UserPoolClients: items.map((r) => ({
          ClientId: String(r.data.ClientId),
          UserPoolId: p.name,
          ClientName: String(r.data.ClientName),
        })),
        NextToken,
      };
    },
    DeleteUserPoolClient(input) {
      const p = pool(input);
      const id = need(input, 'ClientId');
      const r = store.get(CLIENT, `${p.name}/${id}`);
      if (!r) throw cognitoError('ResourceNotFoundException', `User pool client ${id} does not exist.`); // wording unverified
      store.remove(r);
      return {};
    },
    CreateGroup(input) {
      const name = need(input, 'GroupName');
      const p = pool(input);
      // GroupExistsException: the model's error for CreateGroup; the sentence is moto's (cognitoidp/models.py), unverified.
      if (store.get(GROUP, `${p.name}/${name}`)) throw cognitoError('GroupExistsException', 'A group with the name already exists');
      const data: Input = {
        GroupName: name,
        UserPoolId: p.name,
        Description: input.Description,
        RoleArn: input.RoleArn,
        Precedence: input.Precedence,
      };
      for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
      const r = store.create(GROUP, `${p.name}/${name}`, `${p.arn}/group/${name}`, data, [{ at: store.now(), status: 'Enabled' }]);
      return { Group: groupView(r) };
    },
    GetGroup(input) {
      const name = need(input, 'GroupName');
      const p = pool(input);
      const r = store.get(GROUP, `${p.name}/${name}`);
      if (!r) throw cognitoError('ResourceNotFoundException', 'Group not found.'); // wording unverified
      return { Group: groupView(r) };
    },
    ListGroups(input) {
      const p = pool(input);
      const { items, NextToken } = page(childrenOf(GROUP, p.name), input, limit(input, 'Limit', 0, 60) || 60);
      return { Groups: items.map(groupView), NextToken };
    },
    DeleteGroup(input) {
      const name = need(input, 'GroupName');
      const p = pool(input);
      const r = store.get(GROUP, `${p.name}/${name}`);
      if (!r) throw cognitoError('ResourceNotFoundException', 'Group not found.'); // wording unverified
      // "Deleting a Amazon Cognito user group that is associated with an Amazon SageMaker AI work team will result in
      // an error" (SageMaker developer guide, sms-workforce-management-private-cognito). Code and wording unverified.
      const inTeam = (t: ResourceRecord) => {
        const w: Partial<JsonWire<CreateWorkteamRequest>> = t.data;
        return (w.MemberDefinitions ?? []).some(
          (m) => m.CognitoMemberDefinition?.UserPool === p.name && m.CognitoMemberDefinition.UserGroup === name,
        );
      };
      const team = store.list('workteam').find(inTeam);
      if (team) throw invalid(`The group ${name} is associated with the SageMaker work team ${team.name}: delete the work team first.`);
      store.remove(r);
      return {};
    },
    ListTagsForResource(input) {
      return { Tags: store.tagsOf(poolByArn(input).arn) };
    },
    TagResource(input) {
      const r = poolByArn(input);
      if (input.Tags === undefined) throw invalidMember('tags', 'Member must not be null', null);
      store.addTags(
        r.arn,
        Object.entries(tagMap(input.Tags, 'tags')).map(([Key, Value]) => ({ Key, Value })),
      );
      return {};
    },
    UntagResource(input) {
      const r = poolByArn(input);
      if (!Array.isArray(input.TagKeys)) throw invalidMember('tagKeys', 'Member must not be null', null);
      store.deleteTags(r.arn, input.TagKeys.map(String));
      return {};
    },
  });

  app.post('*', (c) => {
    const { name, handler } = operationOf(
      c.req.header('x-amz-target'),
      'AWSCognitoIdentityProviderService',
      table,
      'Cognito Identity Provider',
    );
    const input = jsonInput(c.get('body'));
    ctx.faults.beforeCall(name);
    return new Response(JSON.stringify(handler(input) ?? {}), {
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() },
    });
  });
  return app;
}

import { describe, expect, it } from 'vitest';
import type * as iamSdk from '@aws-sdk/client-iam';
import type * as cognitoSdk from '@aws-sdk/client-cognito-identity-provider';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { conformance, failure, ACCOUNT } from './fixture.ts';
import { queryInput, queryXml } from '../../../runner/sandbox/query-protocol.ts';
import { jsonOps, queryOps, type ExceptionName, type XmlWire } from '../../../runner/sandbox/typed.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('the query protocol read and written in one place', () => {
  it('reads member.N lists in item order, skips paths that are not members, and keeps the first of two values', () => {
    const form = new URLSearchParams(
      'Action=CreateRole&Version=2010-05-08&RoleName=a&RoleName=b&Tags.member.2.Key=k2&Tags.member.1.Key=k1&Tags.member.1.Value=v1&__proto__.x=1&constructor=c',
    );
    expect(queryInput(form)).toEqual({ RoleName: 'a', Tags: [{ Key: 'k1', Value: 'v1' }, { Key: 'k2' }], constructor: 'c' });
  });

  it('writes members in order, lists as <member>, escapes text and leaves absent members out', () => {
    expect(queryXml({ A: 'x<&', B: undefined, L: [{ K: 1 }, { K: true }], E: [] })).toBe(
      '<A>x&lt;&amp;</A><L><member><K>1</K></member><member><K>true</K></member></L><E></E>',
    );
  });
});

describe('operation tables typed from the SDK packages', () => {
  it('type inputs and outputs per service and protocol, and refuse what the SDK does not define', () => {
    const iam = queryOps<typeof iamSdk>()({
      // The query form carries every scalar as text; the answer's timestamps are ISO strings.
      GetRole: (input) => ({
        Role: { Path: '/', RoleName: String(input.RoleName), RoleId: 'AROA', Arn: 'arn', CreateDate: new Date(0).toISOString() },
      }),
    });
    expect(iam.GetRole({ RoleName: 'r' })).toMatchObject({ Role: { RoleName: 'r', CreateDate: '1970-01-01T00:00:00.000Z' } });
    // @ts-expect-error a Date is not what the XML carries.
    const wrongDate: XmlWire<iamSdk.Role> = { Path: '/', RoleName: 'r', RoleId: 'i', Arn: 'a', CreateDate: new Date() };
    const cognito = jsonOps<typeof cognitoSdk>()({
      // @ts-expect-error ListUserPools answers no member Pools.
      ListUserPools: () => ({ Pools: [] }),
    });
    // @ts-expect-error NoSuchPoolException is not an exception of Cognito's model.
    const unknownError: ExceptionName<typeof cognitoSdk> = 'NoSuchPoolException';
    const knownError: ExceptionName<typeof iamSdk> = 'NoSuchEntityException';
    expect([wrongDate, cognito, unknownError, knownError]).toHaveLength(4);
  });
});

describe('IAM and STS through the SDK', () => {
  const t = conformance();

  it('STS names the learner and the account', async () => {
    const me = await t.clients.sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/naxt-workshop-learner/learner` });
  });

  it('a role round-trips its trust policy, tags and policies, pages, and answers IAM error codes', async () => {
    const { iam } = t.clients;
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'typed-role',
        AssumeRolePolicyDocument: TRUST,
        Description: 'a <role> & more',
        Tags: [
          { Key: 'team', Value: 'ml' },
          { Key: 'lab', Value: '00' },
        ],
      }),
    );
    expect(created.Role?.CreateDate).toBeInstanceOf(Date);
    const got = await iam.send(new GetRoleCommand({ RoleName: 'typed-role' }));
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? '')).toBe(TRUST);
    expect(got.Role).toMatchObject({
      Description: 'a <role> & more',
      Tags: [
        { Key: 'team', Value: 'ml' },
        { Key: 'lab', Value: '00' },
      ],
      MaxSessionDuration: 3600,
    });
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'typed-role' }))).Tags).toHaveLength(2);
    await iam.send(new CreateRoleCommand({ RoleName: 'typed-role-2', AssumeRolePolicyDocument: TRUST }));
    const first = await iam.send(new ListRolesCommand({ MaxItems: 1 }));
    expect(first).toMatchObject({ IsTruncated: true, Roles: [{ RoleName: 'typed-role' }] });
    const second = await iam.send(new ListRolesCommand({ MaxItems: 1, Marker: first.Marker }));
    expect(second).toMatchObject({ IsTruncated: false, Roles: [{ RoleName: 'typed-role-2' }] });
    const policy = 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'typed-role', PolicyArn: policy }));
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'typed-role' }))).AttachedPolicies).toEqual([
      { PolicyName: 'AmazonSageMakerFullAccess', PolicyArn: policy },
    ]);
    expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: 'typed-role' })))).toMatchObject({
      name: 'DeleteConflictException',
      $metadata: { httpStatusCode: 409 },
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'typed-role', PolicyArn: policy }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'typed-role' }));
    expect(await failure(iam.send(new GetRoleCommand({ RoleName: 'typed-role' })))).toMatchObject({
      name: 'NoSuchEntityException',
      $metadata: { httpStatusCode: 404 },
    });
    expect(await failure(iam.send(new CreateRoleCommand({ RoleName: 'typed-role-2', AssumeRolePolicyDocument: TRUST })))).toMatchObject({
      name: 'EntityAlreadyExistsException',
    });
    expect(
      await failure(iam.send(new CreateRoleCommand({ RoleName: 'typed-role-3', AssumeRolePolicyDocument: 'not json' }))),
    ).toMatchObject({ name: 'MalformedPolicyDocumentException' });
  });

  it('a tag without a key is ValidationError, not a role with a broken tag', async () => {
    const { iam } = t.clients;
    const e = await failure(
      iam.send(new CreateRoleCommand({ RoleName: 'keyless', AssumeRolePolicyDocument: TRUST, Tags: [{ Value: 'v' } as iamSdk.Tag] })),
    );
    expect(e).toMatchObject({
      name: 'ValidationError',
      message: "1 validation error detected: Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null",
    });
    expect(await failure(iam.send(new GetRoleCommand({ RoleName: 'keyless' })))).toMatchObject({ name: 'NoSuchEntityException' });
  });

  it("Cognito's required MaxResults is InvalidParameterException in AWS's sentence", async () => {
    const e = await failure(t.clients.cognito.send(new ListUserPoolsCommand({} as cognitoSdk.ListUserPoolsCommandInput)));
    expect(e).toMatchObject({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    });
  });
});

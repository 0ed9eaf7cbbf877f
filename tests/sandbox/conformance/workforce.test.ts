import { describe, expect, it } from 'vitest';
import {
  CreateWorkforceCommand,
  CreateWorkteamCommand,
  DeleteWorkforceCommand,
  DeleteWorkteamCommand,
  DescribeWorkforceCommand,
  DescribeWorkteamCommand,
  ListTagsCommand,
  ListWorkforcesCommand,
  ResourceInUse,
} from '@aws-sdk/client-sagemaker';
import {
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  GroupExistsException,
  InvalidParameterException,
  ListGroupsCommand,
  ListTagsForResourceCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ResourceNotFoundException,
  TagResourceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ACCOUNT, REGION, conformance, failure } from './fixture.ts';

const t = conformance();
const tags = [
  { Key: 'workshop', Value: 'naxt-genai' },
  { Key: 'workshop-session', Value: 'wf1' },
];

/**
 * Ground Truth's private workforce on AWS's terms (botocore's sagemaker and cognito-idp models): a Cognito user pool
 * with an app client and a group, one workforce per Region naming the pool and client, teams naming a group of it.
 */
describe('a private workforce: Cognito user pool, app client, group, workforce and workteam', () => {
  it('Cognito hands out ids in AWS formats and answers for missing pools and duplicate groups as Cognito does', async () => {
    const cog = t.clients.cognito;
    const pool = (
      await cog.send(
        new CreateUserPoolCommand({ PoolName: 'naxt-labelers', UserPoolTags: { workshop: 'naxt-genai', 'workshop-session': 'wf1' } }),
      )
    ).UserPool!;
    // UserPoolIdType `[\w-]+_[0-9a-zA-Z]+` in the model; AWS's own are the region and 9 letters or digits.
    expect(pool.Id).toMatch(new RegExp(`^${REGION}_[0-9a-zA-Z]{9}$`));
    expect(pool.Arn).toBe(`arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${pool.Id}`);
    expect(pool.CreationDate).toBeInstanceOf(Date);
    expect(pool.UserPoolTags).toEqual({ workshop: 'naxt-genai', 'workshop-session': 'wf1' });
    const client = (
      await cog.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'naxt-labeling-portal', GenerateSecret: true }))
    ).UserPoolClient!;
    expect(client.ClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(client.ClientSecret).toBeTruthy();
    await cog.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'naxt-labelers-wf1', Description: 'Naxt colleagues' }));
    expect(await failure(cog.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'naxt-labelers-wf1' })))).toBeInstanceOf(
      GroupExistsException,
    );
    expect((await cog.send(new GetGroupCommand({ UserPoolId: pool.Id, GroupName: 'naxt-labelers-wf1' }))).Group).toMatchObject({
      GroupName: 'naxt-labelers-wf1',
      UserPoolId: pool.Id,
    });
    expect((await cog.send(new ListGroupsCommand({ UserPoolId: pool.Id }))).Groups!.map((g) => g.GroupName)).toEqual(['naxt-labelers-wf1']);
    expect((await cog.send(new ListUserPoolClientsCommand({ UserPoolId: pool.Id }))).UserPoolClients!.map((c) => c.ClientId)).toEqual([
      client.ClientId,
    ]);
    expect((await cog.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!.map((p) => p.Id)).toEqual([pool.Id]);
    await cog.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { lab: '06' } }));
    expect((await cog.send(new ListTagsForResourceCommand({ ResourceArn: pool.Arn }))).Tags).toEqual({
      workshop: 'naxt-genai',
      'workshop-session': 'wf1',
      lab: '06',
    });

    const missing = await failure(cog.send(new DescribeUserPoolCommand({ UserPoolId: `${REGION}_ZZZZZZZZZ` })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toBe(`User pool ${REGION}_ZZZZZZZZZ does not exist.`);
    const badId = await failure(cog.send(new DescribeUserPoolCommand({ UserPoolId: 'YOUR_USER_POOL_ID!' })));
    expect(badId).toBeInstanceOf(InvalidParameterException);
    expect(badId.message).toMatch(/at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  });

  it("CreateWorkteam is refused with a pool that does not exist, a pool other than the workforce's, or with a group outside the pool; the real path is accepted", async () => {
    const cog = t.clients.cognito;
    const pool = (await cog.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools![0].Id!;
    const clientId = (await cog.send(new ListUserPoolClientsCommand({ UserPoolId: pool }))).UserPoolClients![0].ClientId!;
    const member = { UserPool: pool, ClientId: clientId, UserGroup: 'naxt-labelers-wf1' };
    const team = (name: string, m = member) =>
      new CreateWorkteamCommand({
        WorkteamName: name,
        Description: 'Naxt colleagues',
        MemberDefinitions: [{ CognitoMemberDefinition: m }],
        Tags: tags,
      });

    // A workforce needs a pool and client that exist.
    const ghostPool = await failure(
      t.sm.send(
        new CreateWorkforceCommand({
          WorkforceName: 'naxt-workshop',
          CognitoConfig: { UserPool: `${REGION}_ZZZZZZZZZ`, ClientId: clientId },
        }),
      ),
    );
    expect(ghostPool.message).toMatch(/user pool us-east-1_ZZZZZZZZZ does not exist/);
    const workforceArn = (
      await t.sm.send(
        new CreateWorkforceCommand({ WorkforceName: 'naxt-workshop', CognitoConfig: { UserPool: pool, ClientId: clientId }, Tags: tags }),
      )
    ).WorkforceArn!;
    expect(workforceArn).toBe(`arn:aws:sagemaker:${REGION}:${ACCOUNT}:workforce/naxt-workshop`);
    // One private workforce per account and Region.
    expect(
      (
        await failure(
          t.sm.send(new CreateWorkforceCommand({ WorkforceName: 'naxt-second', CognitoConfig: { UserPool: pool, ClientId: clientId } })),
        )
      ).message,
    ).toMatch(/only create one workforce per Region/);
    const listed = (await t.sm.send(new ListWorkforcesCommand({}))).Workforces!;
    expect(listed.map((w) => [w.WorkforceName, w.CognitoConfig])).toEqual([['naxt-workshop', { UserPool: pool, ClientId: clientId }]]);
    expect((await t.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'naxt-workshop' }))).Workforce).toMatchObject({
      Status: 'Active',
      WorkforceArn: workforceArn,
    });
    expect((await t.sm.send(new ListTagsCommand({ ResourceArn: workforceArn }))).Tags).toEqual(tags);

    const ghost = await failure(t.sm.send(team('naxt-labelers-ghost', { ...member, UserPool: `${REGION}_ZZZZZZZZZ` })));
    expect([ghost.name, ghost.message]).toEqual([
      'ValidationException',
      expect.stringMatching(/user pool us-east-1_ZZZZZZZZZ does not exist/),
    ]);
    const otherPool = (await cog.send(new CreateUserPoolCommand({ PoolName: 'someone-elses' }))).UserPool!.Id!;
    const foreign = await failure(t.sm.send(team('naxt-labelers-foreign', { ...member, UserPool: otherPool })));
    expect(foreign.message).toMatch(/must name the user pool and app client of the workforce naxt-workshop/);
    const noGroup = await failure(t.sm.send(team('naxt-labelers-nogroup', { ...member, UserGroup: 'nobody' })));
    expect(noGroup.message).toMatch(/user group nobody does not exist/);

    await t.sm.send(team('naxt-labelers-wf1'));
    const described = (await t.sm.send(new DescribeWorkteamCommand({ WorkteamName: 'naxt-labelers-wf1' }))).Workteam!;
    expect(described.WorkforceArn).toBe(workforceArn);
    expect(described.MemberDefinitions).toEqual([{ CognitoMemberDefinition: member }]);
    // The labeling portal a worker opens: in the sandbox, the workshop's worker page.
    expect(described.SubDomain).toMatch(/^127\.0\.0\.1:\d+\/worker\/$/);

    // Order of deletion as AWS requires it: the group and the workforce are refused while the team uses them.
    expect(await failure(cog.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: 'naxt-labelers-wf1' })))).toBeInstanceOf(
      InvalidParameterException,
    );
    expect(await failure(t.sm.send(new DeleteWorkforceCommand({ WorkforceName: 'naxt-workshop' })))).toBeInstanceOf(ResourceInUse);
    await t.sm.send(new DeleteWorkteamCommand({ WorkteamName: 'naxt-labelers-wf1' }));
    await t.sm.send(new DeleteWorkforceCommand({ WorkforceName: 'naxt-workshop' }));
    await cog.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: 'naxt-labelers-wf1' }));
    await cog.send(new DeleteUserPoolCommand({ UserPoolId: pool }));
    expect(await failure(cog.send(new ListGroupsCommand({ UserPoolId: pool })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await t.sm.send(new ListWorkforcesCommand({}))).Workforces).toEqual([]);
  });

  it('the first private workteam of a Region creates its workforce, on a user pool that must exist first', async () => {
    // botocore sagemaker Workforce: "automatically created when you create your first private work team";
    // CreateWorkteam: "You must first create the user pools before you can create a work team."
    const cog = t.clients.cognito;
    const pool = (await cog.send(new CreateUserPoolCommand({ PoolName: 'naxt-first-team' }))).UserPool!.Id!;
    const clientId = (await cog.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'portal' }))).UserPoolClient!
      .ClientId!;
    await cog.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'labelers' }));
    const team = (m: { UserPool: string; ClientId: string; UserGroup: string }) =>
      new CreateWorkteamCommand({
        WorkteamName: 'naxt-first-team',
        Description: 'first',
        MemberDefinitions: [{ CognitoMemberDefinition: m }],
      });

    // A pool that does not exist is refused, and the refusal leaves no workforce behind.
    expect(
      (await failure(t.sm.send(team({ UserPool: `${REGION}_ZZZZZZZZZ`, ClientId: clientId, UserGroup: 'labelers' })))).message,
    ).toMatch(/user pool us-east-1_ZZZZZZZZZ does not exist/);
    expect((await failure(t.sm.send(team({ UserPool: pool, ClientId: clientId, UserGroup: 'nobody' })))).message).toMatch(
      /user group nobody does not exist/,
    );
    expect((await t.sm.send(new ListWorkforcesCommand({}))).Workforces).toEqual([]);

    await t.sm.send(team({ UserPool: pool, ClientId: clientId, UserGroup: 'labelers' }));
    const [wf] = (await t.sm.send(new ListWorkforcesCommand({}))).Workforces!;
    expect(wf).toMatchObject({ WorkforceName: 'default', CognitoConfig: { UserPool: pool, ClientId: clientId } });
    expect((await t.sm.send(new DescribeWorkteamCommand({ WorkteamName: 'naxt-first-team' }))).Workteam!.WorkforceArn).toBe(
      wf.WorkforceArn,
    );
    await t.sm.send(new DeleteWorkteamCommand({ WorkteamName: 'naxt-first-team' }));
    await t.sm.send(new DeleteWorkforceCommand({ WorkforceName: 'default' }));
  });
});

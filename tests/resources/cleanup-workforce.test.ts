import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateWorkforceCommand, CreateWorkteamCommand, ListWorkforcesCommand, ListWorkteamsCommand } from '@aws-sdk/client-sagemaker';
import {
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { testRunner } from '../integration/harness.ts';
import { cleanup } from '../../runner/resources/cleanup.ts';
import type { CheckClients } from '../../runner/checks/types.ts';

const ours = (sid: string) => [
  { Key: 'workshop', Value: 'naxt-genai' },
  { Key: 'workshop-session', Value: sid },
];

/** Lab 06's private workforce, as session `sid` creates it: pool, app client, group, workforce, workteam. */
async function workforce(c: CheckClients, sid: string) {
  const pool = (
    await c.cognito.send(
      new CreateUserPoolCommand({
        PoolName: 'naxt-workshop-labelers',
        UserPoolTags: Object.fromEntries(ours(sid).map((t) => [t.Key, t.Value])),
      }),
    )
  ).UserPool!.Id!;
  const client = (await c.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'naxt-labeling-portal' })))
    .UserPoolClient!.ClientId!;
  await c.sagemaker.send(
    new CreateWorkforceCommand({ WorkforceName: 'naxt-workforce', CognitoConfig: { UserPool: pool, ClientId: client }, Tags: ours(sid) }),
  );
  return { pool, client };
}
async function team(c: CheckClients, sid: string, pool: string, client: string) {
  await c.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: `naxt-labelers-${sid}` }));
  await c.sagemaker.send(
    new CreateWorkteamCommand({
      WorkteamName: `naxt-labelers-${sid}`,
      Description: 'd',
      MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: pool, ClientId: client, UserGroup: `naxt-labelers-${sid}` } }],
      Tags: ours(sid),
    }),
  );
}

describe('cleanup of the private workforce', () => {
  let h: Awaited<ReturnType<typeof testRunner>>;
  let c: CheckClients;
  beforeEach(async () => {
    h = await testRunner(['--time-scale', '20000']);
    c = h.runner.target.clients();
  });
  afterEach(async () => h?.remove());

  it('deletes workteam, workforce, group and app client, then the user pool, and leaves nothing of them', async () => {
    const { pool, client } = await workforce(c, 'wfa');
    await team(c, 'wfa', pool, client);
    const plan = await cleanup(c, { scope: { sessionId: 'wfa' }, dryRun: true, pollMs: 20 });
    expect(plan.planned.map((r) => r.kind).sort()).toEqual([
      'cognito-group',
      'cognito-user-pool',
      'cognito-user-pool-client',
      'workforce',
      'workteam',
    ]);
    const order: string[] = [];
    const report = await cleanup(c, {
      scope: { sessionId: 'wfa' },
      pollMs: 20,
      onEvent: (e) => e.type === 'deleted' && order.push(e.resource.kind),
    });
    expect(report.failed).toEqual([]);
    expect(report.ok).toBe(true);
    expect(order.indexOf('workteam')).toBeLessThan(order.indexOf('workforce'));
    expect(order.indexOf('workforce')).toBeLessThan(order.indexOf('cognito-group'));
    expect(order.indexOf('workforce')).toBeLessThan(order.indexOf('cognito-user-pool-client'));
    expect(order.at(-1)).toBe('cognito-user-pool');
    expect((await c.sagemaker.send(new ListWorkforcesCommand({}))).Workforces).toEqual([]);
    expect((await c.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools).toEqual([]);
  });

  it("keeps the account's workforce and its pool while another session's workteam uses them", async () => {
    const { pool, client } = await workforce(c, 'wfa');
    await team(c, 'wfa', pool, client);
    await team(c, 'wfb', pool, client);
    const report = await cleanup(c, { scope: { sessionId: 'wfa' }, pollMs: 20, maxAttempts: 2 });
    // Session wfa's own team and group go; what session wfb still stands on is kept, and cleanup says why.
    expect((await c.sagemaker.send(new ListWorkteamsCommand({}))).Workteams?.map((w) => w.WorkteamName)).toEqual(['naxt-labelers-wfb']);
    expect(report.ok).toBe(false);
    expect(report.failed.map((f) => [f.resource.kind, f.reason.split(':')[0]]).sort()).toEqual(
      expect.arrayContaining([
        ['cognito-user-pool', 'WorkforceInUse'],
        ['workforce', 'WorkforceInUse'],
      ]),
    );
    expect((await c.sagemaker.send(new ListWorkforcesCommand({}))).Workforces?.map((w) => w.CognitoConfig)).toEqual([
      { UserPool: pool, ClientId: client },
    ]);
    expect((await c.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools?.map((p) => p.Id)).toEqual([pool]);
  });
});

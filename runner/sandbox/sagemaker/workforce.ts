import type { SandboxContext } from '../context.ts';
import { conflict, inUse, invalidMember, validation } from '../errors.ts';
import { cognitoDirectory } from '../cognito.ts';
import type { ResourceRecord } from '../store.ts';
import { checkTags } from './tags.ts';
import { kindHandlers, kindOps, type KindSpec } from './kinds.ts';
import { arnFor, epoch, fields, listPage, register, requireName, typedOps, type Input, type Operations } from './util.ts';

/**
 * Ground Truth's private workforce and its work teams, from botocore's sagemaker model (2017-07-24
 * service-2.json) and the SageMaker developer guide:
 * - one private workforce per account and region: CreateWorkforce "will return an error if a workforce already
 *   exists in the Amazon Web Services Region"; a Cognito workforce "corresponds to a single Amazon Cognito user
 *   pool" named with its app client in `CognitoConfig { UserPool, ClientId }` (both required), and CognitoConfig
 *   excludes OidcConfig;
 * - a Cognito work team's `MemberDefinitions` are "user groups within the user pool used to create a workforce",
 *   and "all of the CognitoMemberDefinition objects … must have the same ClientId and UserPool values"; "you must
 *   first create the user pools before you can create a work team" (CreateWorkteam);
 * - DeleteWorkforce answers ResourceInUse while the workforce has work teams.
 * The error codes are the model's where it has one; every sentence here is the sandbox's own (unverified).
 */

/** The sentence after "The work team …" is unconfirmed; its start and the code are real. */
export const workteamMissing = (arn: string) => validation(`The work team ${arn} does not exist.`);

/**
 * Where a worker opens the team's tasks: `Workteam.SubDomain` is "the URI of the labeling job's user interface.
 * Workers open this URI to start labeling" (the model). On AWS it is the workforce's labeling portal; in the
 * sandbox it is the workshop's worker page, on whatever port the runner serves this launch.
 */
function portal(ctx: SandboxContext): string {
  const base = ctx.baseUrl?.();
  return `${base ? new URL(base).host : '127.0.0.1'}/worker/`;
}

type Cognito = { UserPool?: unknown; ClientId?: unknown; UserGroup?: unknown };

export function workforceOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const cognito = cognitoDirectory(ctx);
  const describe = (r: ResourceRecord) => ({
    ...fields(r),
    SubDomain: portal(ctx),
    Status: 'Active',
    SourceIpConfig: r.data.SourceIpConfig ?? { Cidrs: [] },
    CreateDate: epoch(r.createdAt),
    LastUpdatedDate: epoch(store.modifiedAt(r)),
  });
  const workforce = (name: string) => {
    const r = store.get('workforce', name);
    // No error is modeled for DescribeWorkforce: ValidationException, the common one; wording unverified.
    if (!r) throw validation(`Workforce ${name} does not exist in ${ctx.region}.`);
    return r;
  };
  const teamsOf = (wf: ResourceRecord) => store.list('workteam').filter((t) => t.data.WorkforceArn === wf.arn);

  const teamSpec: KindSpec = {
    kind: 'workteam',
    noun: 'workteam',
    arnType: 'workteam/private-crowd',
    nameField: 'WorkteamName',
    arnField: 'WorkteamArn',
    // CreateWorkteam checks the members against the workforce first, DescribeWorkteam answers the team in a `Workteam` (below).
    ops: { list: 'ListWorkteams', delete: 'DeleteWorkteam' },
    listKey: 'Workteams',
    sortKeys: ['Name', 'CreateDate'],
    // DeleteWorkteamResponse requires Success (botocore sagemaker service-2.json).
    deleted: { Success: true },
    // ValidationException starting "The work team" (describe and delete): hashicorp/terraform-provider-aws internal/service/sagemaker/find.go
    missing: (_n, arn) => workteamMissing(arn),
    duplicate: (_n, arn) => inUse(`Workteam ${arn} already exists.`),
    create: (_c, input) => ({
      Description: input.Description ?? '',
      MemberDefinitions: input.MemberDefinitions ?? [],
      WorkforceArn: input.__workforceArn,
    }),
    summary: (r) => ({
      WorkteamName: r.name,
      WorkteamArn: r.arn,
      WorkforceArn: r.data.WorkforceArn,
      Description: r.data.Description,
      MemberDefinitions: r.data.MemberDefinitions,
      SubDomain: portal(ctx),
      CreateDate: epoch(r.createdAt),
      LastUpdatedDate: epoch(store.modifiedAt(r)),
    }),
  };
  const team = kindHandlers(ctx, teamSpec);

  return register(
    kindOps(ctx, teamSpec),
    {
      DescribeWorkforce(input: Input) {
        return { Workforce: describe(workforce(requireName(input, 'WorkforceName'))) };
      },
      ListWorkforces(input: Input) {
        const { items, NextToken } = listPage(store.list('workforce'), input, describe, { sortKeys: ['Name', 'CreateDate'] });
        return { Workforces: items, NextToken };
      },
      UpdateWorkforce(input: Input) {
        const r = workforce(requireName(input, 'WorkforceName'));
        if (input.SourceIpConfig) r.data.SourceIpConfig = input.SourceIpConfig;
        if (input.OidcConfig) {
          // "You can only update your OIDC IdP configuration when there are no work teams associated with your workforce."
          if (!r.data.OidcConfig) throw validation('This workforce uses Amazon Cognito: it has no OIDC configuration to update.');
          // UpdateWorkforce models ConflictException.
          if (teamsOf(r).length)
            throw conflict(`The workforce ${r.name} has work teams: delete them before updating its OIDC configuration.`);
          r.data.OidcConfig = Object.fromEntries(Object.entries(input.OidcConfig as Input).filter(([k]) => k !== 'ClientSecret'));
        }
        r.data.__modifiedAt = store.now();
        store.changed(r);
        return { Workforce: describe(r) };
      },
      DescribeWorkteam(input: Input) {
        const r = store.get('workteam', requireName(input, 'WorkteamName'));
        if (!r) throw workteamMissing(arnFor(ctx, 'workteam/private-crowd', String(input.WorkteamName)));
        return {
          Workteam: { ...fields(r), SubDomain: portal(ctx), CreateDate: epoch(r.createdAt), LastUpdatedDate: epoch(store.modifiedAt(r)) },
        };
      },
    },
    typedOps({
      CreateWorkforce: (input) => {
        const name = requireName(input, 'WorkforceName');
        checkTags(input.Tags);
        const existing = store.list('workforce')[0];
        if (existing)
          throw validation(
            `A workforce already exists in ${ctx.region} for this account (${existing.name}): you can only create one workforce per Region. Delete it with DeleteWorkforce first, or use it.`,
          );
        const cfg = input.CognitoConfig;
        if (cfg && input.OidcConfig) throw validation('Give either CognitoConfig or OidcConfig, not both.');
        if (!cfg && !input.OidcConfig)
          throw validation('A private workforce needs CognitoConfig (a Cognito user pool and its app client) or OidcConfig.');
        if (cfg) {
          const pool = String(cfg.UserPool ?? '');
          const client = String(cfg.ClientId ?? '');
          if (!cognito.pool(pool)) throw validation(`The Cognito user pool ${pool} does not exist in ${ctx.region}.`);
          if (!cognito.client(pool, client)) throw validation(`The app client ${client} does not belong to the Cognito user pool ${pool}.`);
        }
        const arn = `arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:workforce/${name}`;
        store.create(
          'workforce',
          name,
          arn,
          {
            WorkforceName: name,
            WorkforceArn: arn,
            ...(cfg ? { CognitoConfig: { UserPool: cfg.UserPool, ClientId: cfg.ClientId } } : {}),
            ...(input.OidcConfig
              ? { OidcConfig: Object.fromEntries(Object.entries(input.OidcConfig).filter(([k]) => k !== 'ClientSecret')) }
              : {}),
            ...(input.SourceIpConfig ? { SourceIpConfig: input.SourceIpConfig } : {}),
          },
          [{ at: store.now(), status: 'Active' }],
        );
        store.addTags(arn, input.Tags ?? []);
        return { WorkforceArn: arn };
      },
      DeleteWorkforce: (input) => {
        const r = workforce(requireName(input, 'WorkforceName'));
        const teams = teamsOf(r);
        if (teams.length)
          throw inUse(
            `The workforce ${r.name} still has work teams (${teams.map((t) => t.name).join(', ')}): delete them with DeleteWorkteam first.`,
          );
        store.remove(r);
        return {};
      },
      CreateWorkteam: (input) => {
        const name = requireName(input, 'WorkteamName');
        const members = Array.isArray(input.MemberDefinitions) ? input.MemberDefinitions : [];
        // MemberDefinitions: a list of 1 to 10 (the model's MemberDefinitions shape).
        if (members.length < 1)
          throw invalidMember('memberDefinitions', 'Member must have length greater than or equal to 1', { value: '[]' });
        if (members.length > 10) throw invalidMember('memberDefinitions', 'Member must have length less than or equal to 10', 'hidden');
        // The account's workforce in this Region, or the one WorkforceName names ("any workforce-related API operation
        // used in a specific region will apply to the workforce created in that region": the model's Workforce).
        const wfName = input.WorkforceName === undefined ? undefined : requireName(input, 'WorkforceName');
        const cognitoMembers = members.filter((m) => m.CognitoMemberDefinition).map((m) => m.CognitoMemberDefinition!);
        let wf = wfName ? store.get('workforce', wfName) : store.list('workforce')[0];
        if (!wf && wfName) throw validation(`Workforce ${wfName} does not exist in ${ctx.region}.`);
        if (!wf && cognitoMembers.length) {
          // "A single private workforce, which is automatically created when you create your first private work team"
          // (botocore sagemaker Workforce), named "default" as the console's is (unverified), on the members' pool and
          // client: "You must first create the user pools before you can create a work team" (CreateWorkteam), checked below.
          const first = cognitoMembers[0];
          const pool = String(first.UserPool ?? '');
          const client = String(first.ClientId ?? '');
          // Checked before the workforce is made, so a refused call leaves nothing behind.
          if (!cognito.pool(pool)) throw validation(`The Cognito user pool ${pool} does not exist in ${ctx.region}.`);
          if (!cognito.client(pool, client)) throw validation(`The app client ${client} does not belong to the Cognito user pool ${pool}.`);
          for (const m of cognitoMembers) {
            if (!cognito.group(String(m.UserPool ?? ''), String(m.UserGroup ?? '')))
              throw validation(`The user group ${String(m.UserGroup)} does not exist in the Cognito user pool ${String(m.UserPool)}.`);
          }
          const arn = `arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:workforce/default`;
          wf = store.create(
            'workforce',
            'default',
            arn,
            { WorkforceName: 'default', WorkforceArn: arn, CognitoConfig: { UserPool: first.UserPool, ClientId: first.ClientId } },
            [{ at: store.now(), status: 'Active' }],
          );
        }
        if (!wf)
          throw validation(
            `No private workforce exists in ${ctx.region}: create one with CreateWorkforce (OidcConfig) before its OIDC work teams.`,
          );
        if (cognitoMembers.length && members.some((m) => m.OidcMemberDefinition))
          throw validation('Give CognitoMemberDefinition or OidcMemberDefinition, not both.');
        const cfg = wf.data.CognitoConfig as Cognito | undefined;
        if (cognitoMembers.length && !cfg)
          throw validation(`The workforce ${wf.name} uses an OIDC identity provider: its work teams are OidcMemberDefinition groups.`);
        if (!cognitoMembers.length && members.length && cfg)
          throw validation(`The workforce ${wf.name} uses Amazon Cognito: its work teams are CognitoMemberDefinition user groups.`);
        for (const m of cognitoMembers) {
          const pool = String(m.UserPool ?? '');
          const client = String(m.ClientId ?? '');
          const group = String(m.UserGroup ?? '');
          if (!cognito.pool(pool)) throw validation(`The Cognito user pool ${pool} does not exist in ${ctx.region}.`);
          if (pool !== cfg!.UserPool || client !== cfg!.ClientId) {
            throw validation(
              `The work team's CognitoMemberDefinition must name the user pool and app client of the workforce ${wf.name} (UserPool ${String(cfg!.UserPool)}, ClientId ${String(cfg!.ClientId)}); it names UserPool ${pool}, ClientId ${client}.`,
            );
          }
          if (!cognito.client(pool, client)) throw validation(`The app client ${client} does not belong to the Cognito user pool ${pool}.`);
          if (!cognito.group(pool, group)) throw validation(`The user group ${group} does not exist in the Cognito user pool ${pool}.`);
        }
        team.create({ ...input, __workforceArn: wf.arn });
        return { WorkteamArn: store.get('workteam', name)!.arn };
      },
    }),
  );
}

import {
  SageMakerClient,
  CreateWorkforceCommand,
  CreateWorkteamCommand,
  ListWorkforcesCommand,
  ListWorkteamsCommand,
} from '@aws-sdk/client-sagemaker';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListUserPoolClientsCommand,
  paginateListUserPools,
} from '@aws-sdk/client-cognito-identity-provider';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { sharedTags } from '@naxt/workshop/tags';

const sm = new SageMakerClient({});
const cognito = new CognitoIdentityProviderClient({});
const s3 = new S3Client({});

// 1. The private workforce: one per account and Region. When it exists, its user pool and app client are the ones
//    every workteam must name.
const workforce = (await sm.send(new ListWorkforcesCommand({}))).Workforces?.[0];
if (workforce && !workforce.CognitoConfig)
  throw new Error(
    `The private workforce ${workforce.WorkforceName} of ${workshop.region} uses an OIDC identity provider: its teams are groups of that provider (OidcMemberDefinition), not Cognito groups.`,
  );
let userPoolId = workforce?.CognitoConfig?.UserPool;
let clientId = workforce?.CognitoConfig?.ClientId;

// 2. The Cognito user pool behind it: the workforce's, or the workshop's own (found by name and tag), or a new one.
if (userPoolId) {
  console.log(`Reusing user pool ${userPoolId} (the workforce's)`);
} else {
  const poolName = `${workshop.prefix}workshop-labelers`;
  for await (const page of paginateListUserPools({ client: cognito }, { MaxResults: 60 })) {
    for (const p of page.UserPools ?? []) {
      if (userPoolId || p.Name !== poolName) continue;
      const tags = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: p.Id }))).UserPool?.UserPoolTags ?? {};
      if (tags.workshop === 'naxt-genai') userPoolId = p.Id;
    }
  }
  if (userPoolId) console.log(`Reusing user pool ${userPoolId}`);
  else {
    userPoolId = (
      await cognito.send(
        new CreateUserPoolCommand({
          PoolName: poolName,
          // Labelers are invited by an administrator (AdminCreateUser sends the invitation e-mail); nobody signs up alone.
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          // The pool, its app client and the workforce serve every session of the account: the workshop owns them.
          UserPoolTags: Object.fromEntries(sharedTags(workshop.tags).map((t) => [t.Key, t.Value])),
        }),
      )
    ).UserPool!.Id!;
    console.log(`Created user pool ${userPoolId}`);
  }
}

// 3. The app client the labeling portal signs workers in with.
if (clientId) {
  console.log(`Reusing app client ${clientId} (the workforce's)`);
} else {
  const clientName = `${workshop.prefix}labeling-portal`;
  clientId = (await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }))).UserPoolClients?.find(
    (c) => c.ClientName === clientName,
  )?.ClientId;
  if (clientId) console.log(`Reusing app client ${clientId}`);
  else {
    clientId = (
      await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: clientName, GenerateSecret: true }))
    ).UserPoolClient!.ClientId!;
    console.log(`Created app client ${clientId}`);
  }
}

// 4. This session's user group: the workteam is the members of this group.
const userGroup = `${workshop.prefix}labelers-${workshop.sessionId}`;
const group = await cognito.send(new GetGroupCommand({ UserPoolId: userPoolId, GroupName: userGroup })).catch((e: Error) => {
  if (e.name !== 'ResourceNotFoundException') throw e;
  return undefined;
});
if (group) console.log(`Reusing user group ${userGroup}`);
else {
  await cognito.send(
    new CreateGroupCommand({
      UserPoolId: userPoolId,
      GroupName: userGroup,
      Description: 'Naxt colleagues who write internal-process examples',
    }),
  );
  console.log(`Created user group ${userGroup}`);
}

// 5. The workforce itself, when the Region has none yet.
const workforceName = workforce?.WorkforceName ?? `${workshop.prefix}workforce`;
if (workforce) console.log(`Reusing private workforce ${workforceName}`);
else {
  await sm.send(
    new CreateWorkforceCommand({
      WorkforceName: workforceName,
      CognitoConfig: { UserPool: userPoolId, ClientId: clientId },
      Tags: sharedTags(workshop.tags),
    }),
  );
  console.log(`Created private workforce ${workforceName}`);
}

// 6. The workteam: the user group, with the workforce's pool and client.
const workteamName = `${workshop.prefix}labelers-${workshop.sessionId}`;
const existing = (await sm.send(new ListWorkteamsCommand({ NameContains: workteamName }))).Workteams?.find(
  (w) => w.WorkteamName === workteamName,
);
const workteamArn =
  existing?.WorkteamArn ??
  (
    await sm.send(
      new CreateWorkteamCommand({
        WorkteamName: workteamName,
        WorkforceName: workforceName,
        Description: 'Naxt colleagues who write internal-process examples',
        MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: userPoolId, UserGroup: userGroup, ClientId: clientId } }],
        Tags: workshop.tags,
      }),
    )
  ).WorkteamArn!;
console.log(existing ? `Reusing workteam ${workteamArn}` : `Created workteam ${workteamArn}`);

// The worker task template: crowd-html-elements in a <crowd-form>. Each named field becomes a key of the answer's
// JSON in the output manifest (annotationData.content).
const template = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <h3>{{ task.input.source }}</h3>
  <p>Write one question a colleague would ask about this process, and the answer in Naxt's tone.</p>
  <crowd-text-area name="instruction" label="Question" required></crowd-text-area>
  <crowd-text-area name="response" label="Answer" required></crowd-text-area>
</crowd-form>`;
// A custom labeling task reads its template from S3 (UiConfig.UiTemplateS3Uri); writing it again is harmless.
// TODO: a custom labeling task reads its template from S3 (UiConfig.UiTemplateS3Uri): PutObjectCommand the
// template to labeling/sft-pair.liquid.html in the workshop bucket.
const templateUri = `s3://${workshop.bucket}/labeling/sft-pair.liquid.html`;

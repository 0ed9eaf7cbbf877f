import { SageMakerClient, CreateWorkteamCommand, CreateHumanTaskUiCommand, ListWorkteamsCommand } from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
const workteamName = `${workshop.prefix}labelers-${workshop.sessionId}`;
const existing = (await sm.send(new ListWorkteamsCommand({ NameContains: workteamName }))).Workteams ?? [];
const workteamArn = existing[0]?.WorkteamArn ?? (await sm.send(new CreateWorkteamCommand({
  WorkteamName: workteamName,
  Description: 'Naxt colleagues who write internal-process examples',
  MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: `${workshop.region}_naxtworkforce`, UserGroup: 'naxt-labelers', ClientId: 'naxtworkshopclient' } }],
  Tags: workshop.tags,
}))).WorkteamArn!;

const template = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <h3>{{ task.input.source }}</h3>
  <p>Write one question a colleague would ask about this process, and the answer in Naxt's tone.</p>
  <crowd-text-area name="instruction" label="Question" required></crowd-text-area>
  <crowd-text-area name="response" label="Answer" required></crowd-text-area>
</crowd-form>`;
const uiName = `${workshop.prefix}sft-pair-${workshop.sessionId}`;
// TODO: CreateHumanTaskUiCommand with the template (UiTemplate: { Content: template }) and the workshop tags.
const taskUiArn = '';
console.log(`Workteam ${workteamArn}\nTask UI ${taskUiArn}`);

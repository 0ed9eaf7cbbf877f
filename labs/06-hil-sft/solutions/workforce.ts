import { SageMakerClient, CreateWorkteamCommand, ListWorkteamsCommand } from '@aws-sdk/client-sagemaker';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const sm = new SageMakerClient({});
const s3 = new S3Client({});
const workteamName = `${workshop.prefix}labelers-${workshop.sessionId}`;
const existing = (await sm.send(new ListWorkteamsCommand({ NameContains: workteamName }))).Workteams ?? [];
const workteamArn = existing[0]?.WorkteamArn ?? (await sm.send(new CreateWorkteamCommand({
  WorkteamName: workteamName,
  Description: 'Naxt colleagues who write internal-process examples',
  MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: `${workshop.region}_naxtworkforce`, UserGroup: 'naxt-labelers', ClientId: 'naxtworkshopclient' } }],
  Tags: workshop.tags,
}))).WorkteamArn!;
console.log(existing[0] ? `Reusing workteam ${workteamArn}` : `Created workteam ${workteamArn}`);

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
const templateUri = `s3://${workshop.bucket}/labeling/sft-pair.liquid.html`;
await s3.send(new PutObjectCommand({ Bucket: workshop.bucket, Key: 'labeling/sft-pair.liquid.html', Body: template, ContentType: 'text/html' }));
console.log(`Worker task template at ${templateUri}`);

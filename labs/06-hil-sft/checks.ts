import { DescribeLabelingJobCommand, DescribeWorkteamCommand, ListWorkforcesCommand } from '@aws-sdk/client-sagemaker';
import { GetGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { fail, pass, type LabChecks } from '../../core/checks.ts';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand } from '@aws-sdk/client-sagemaker';
import { bars } from '../lib/bars.ts';

export const checks: LabChecks = {
  async workforceReady({ clients, workshop }) {
    const name = `${workshop.prefix}labelers-${workshop.sessionId}`;
    const team = await clients.sagemaker.send(new DescribeWorkteamCommand({ WorkteamName: name })).then(
      (o) => o.Workteam,
      () => undefined,
    );
    if (!team)
      return fail(
        `No private workteam ${name} yet.`,
        'Run the cell: it finds or creates the user pool, app client, user group and private workforce, then CreateWorkteamCommand.',
      );
    const workforce = ((await clients.sagemaker.send(new ListWorkforcesCommand({}))).Workforces ?? []).find(
      (w) => w.WorkforceArn === team.WorkforceArn,
    );
    if (!workforce)
      return fail(
        `Workteam ${name} belongs to no private workforce of ${workshop.region}.`,
        "A private workteam lives in the Region's private workforce (CreateWorkforceCommand with the Cognito user pool and app client).",
      );
    const member = team.MemberDefinitions?.[0]?.CognitoMemberDefinition;
    const cfg = workforce.CognitoConfig;
    if (!member || !cfg || member.UserPool !== cfg.UserPool || member.ClientId !== cfg.ClientId)
      return fail(
        `Workteam ${name} does not name the user pool and app client of workforce ${workforce.WorkforceName}.`,
        "Its CognitoMemberDefinition takes UserPool and ClientId from the workforce's CognitoConfig, and a UserGroup of that pool.",
      );
    const group = await clients.cognito
      .send(new GetGroupCommand({ UserPoolId: member.UserPool, GroupName: member.UserGroup }))
      .catch(() => undefined);
    if (!group)
      return fail(
        `The user group ${member.UserGroup} of workteam ${name} is not in the user pool ${member.UserPool}.`,
        "Create it with CreateGroupCommand in the workforce's user pool.",
      );
    const template = await clients.s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'labeling/sft-pair.liquid.html' })).then(
      (o) => o.Body!.transformToString(),
      () => undefined,
    );
    if (template === undefined)
      return fail(
        `No worker task template at s3://${workshop.bucket}/labeling/sft-pair.liquid.html yet.`,
        'Upload the template with PutObjectCommand: a custom labeling task reads it from S3 (UiConfig.UiTemplateS3Uri).',
      );
    if (!template.includes('<crowd-form'))
      return fail(
        'The worker task template has no <crowd-form>.',
        'Wrap the fields in <crowd-form> … </crowd-form> (crowd-html-elements).',
      );
    return pass(
      `Workteam ${name} (user group ${member.UserGroup} of user pool ${member.UserPool}) in private workforce ${workforce.WorkforceName}, and its worker task template in S3, are ready.`,
    );
  },

  async labelingJobStarted({ clients, workshop }) {
    const name = `${workshop.prefix}sft-pairs-${workshop.sessionId}`;
    const job = await clients.sagemaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name })).catch(() => undefined);
    if (!job)
      return fail(
        `Labeling job ${name} does not exist yet.`,
        'Run the cell: CreateLabelingJobCommand with the manifest, the workteam and the worker task template of step 1.',
      );
    if (['Failed', 'Stopped'].includes(job.LabelingJobStatus ?? ''))
      return fail(
        `Labeling job ${name} is ${job.LabelingJobStatus}${job.FailureReason ? `: ${job.FailureReason}` : ''}.`,
        'The reason names what the job lacked (input manifest, workteam or worker task template): fix it in steps 1 and 2.',
      );
    const total = (job.LabelCounters?.Unlabeled ?? 0) + (job.LabelCounters?.HumanLabeled ?? 0);
    return pass(`Labeling job ${name} is ${job.LabelingJobStatus} with ${total} tasks.`);
  },

  async labelingCompleted({ clients, workshop }) {
    const name = `${workshop.prefix}sft-pairs-${workshop.sessionId}`;
    const job = await clients.sagemaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name })).catch(() => undefined);
    if (job?.LabelingJobStatus !== 'Completed')
      return fail(
        `Labeling job ${name} is ${job?.LabelingJobStatus ?? 'missing'}: ${job?.LabelCounters?.Unlabeled ?? '?'} task(s) still wait on the worker page.`,
        'Open /worker/ and answer every task.',
      );
    return pass(
      `All ${job.LabelCounters?.HumanLabeled} tasks were answered by the workforce; the output manifest is ${job.LabelingJobOutput?.OutputDatasetS3Uri}.`,
    );
  },

  async humanPairsInDataset({ clients, workshop }) {
    let text: string;
    try {
      text = await (
        await clients.s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'fine-tuning/hil/train.jsonl' }))
      ).Body!.transformToString();
    } catch {
      return fail(
        'No SFT dataset at fine-tuning/hil/train.jsonl yet.',
        'Run the cell: it reads the output manifest and writes the dataset there.',
      );
    }
    const job = await clients.sagemaker.send(
      new DescribeLabelingJobCommand({ LabelingJobName: `${workshop.prefix}sft-pairs-${workshop.sessionId}` }),
    );
    const out = /^s3:\/\/([^/]+)\/(.+)$/.exec(job.LabelingJobOutput?.OutputDatasetS3Uri ?? '');
    if (!out)
      return fail(
        'The labeling job has no output manifest.',
        'Answer every task on the worker page (/worker/) and let step 3 follow the job to Completed.',
      );
    // The answers sit under the label attribute the job was created with, whatever name the learner chose.
    const attr = job.LabelAttributeName ?? '';
    const human = (await (await clients.s3.send(new GetObjectCommand({ Bucket: out[1], Key: out[2] }))).Body!.transformToString())
      .split('\n')
      .filter(Boolean)
      .flatMap((l) =>
        (
          (JSON.parse(l) as Record<string, { annotationsFromAllWorkers?: { annotationData: { content: string } }[] } | undefined>)[attr]
            ?.annotationsFromAllWorkers ?? []
        ).map((w) => (JSON.parse(w.annotationData.content) as { response?: string }).response),
      );
    if (human.length === 0)
      return fail(
        `The output manifest has no answers under the job's label attribute "${attr}".`,
        'Answer the tasks on the worker page; the dataset step must read the same LabelAttributeName the job was created with.',
      );
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { response?: string });
    const missing = human.filter((r) => !lines.some((l) => l.response === r));
    if (missing.length)
      return fail(
        `${missing.length} human answer(s) from the output manifest are not in the dataset.`,
        'Turn every output line into an { instruction, response } line.',
      );
    return pass(`${human.length} human-written pairs joined ${lines.length - human.length} seeds in the SFT dataset.`);
  },

  async hilModelMeetsTheBar({ clients, workshop }) {
    const name = `${workshop.prefix}chatbot-${workshop.sessionId}`;
    const e = await clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name })).catch(() => undefined);
    if (e?.EndpointStatus !== 'InService')
      return fail(`Endpoint ${name} is ${e?.EndpointStatus ?? 'missing'}.`, 'Fine-tune on the SFT data, then deploy the artifact.');
    const cfg = await clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: e.EndpointConfigName }));
    const model = await clients.sagemaker.send(new DescribeModelCommand({ ModelName: cfg.ProductionVariants?.[0]?.ModelName }));
    const weights = model.PrimaryContainer?.ModelDataSource?.S3DataSource?.S3Uri ?? model.PrimaryContainer?.ModelDataUrl;
    if (!weights?.includes('/fine-tuning/hil-output/'))
      return fail(`${name} does not serve the model tuned on human data yet.`, 'Roll the new artifact onto the endpoint (UpdateEndpoint).');
    let m: { f1: number; tone: number };
    try {
      m = (
        JSON.parse(
          await (
            await clients.s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'evaluation/hil.json' }))
          ).Body!.transformToString(),
        ) as { metrics: { f1: number; tone: number } }
      ).metrics;
    } catch {
      return fail(
        'No evaluation of the tuned model in evaluation/hil.json yet.',
        'Run the whole cell: it evaluates the tuned endpoint and writes evaluation/hil.json.',
      );
    }
    if (!(m.f1 >= bars.chatbot.f1 && m.tone >= bars.chatbot.tone))
      return fail(
        `F1 ${m.f1?.toFixed(3)}, tone ${m.tone?.toFixed(3)}: under the chatbot bar (${bars.chatbot.f1}, ${bars.chatbot.tone}).`,
        "Answer the tasks with full answers in Naxt's tone (the human pairs carry the tone), then fine-tune and evaluate again.",
      );
    return pass(`Tuned on human data, deployed at ${name}: F1 ${m.f1.toFixed(3)}, tone ${m.tone.toFixed(3)} — above the bar.`);
  },
};

import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeHubContentCommand,
  ListHubContentsCommand,
  ListTagsCommand,
  type HubContentInfo,
} from '@aws-sdk/client-sagemaker';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { fail, pass, type CheckContext, type LabChecks } from '../../core/checks.ts';
import { rouge } from '../lib/evaluation.ts';

/** The model families Naxt approved (the lab's text); the family is part of a JumpStart model's name. */
const APPROVED_FAMILIES = ['mistral', 'qwen', 'falcon', 'gemma'];

async function hub(ctx: CheckContext): Promise<HubContentInfo[]> {
  const all: HubContentInfo[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.sagemaker.send(
      new ListHubContentsCommand({ HubName: 'SageMakerPublicHub', HubContentType: 'Model', MaxResults: 100, NextToken }),
    );
    all.push(...(page.HubContentSummaries ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

const passesFilters = (m: HubContentInfo) =>
  (m.HubContentSearchKeywords ?? []).includes('@task:text-generation') &&
  APPROVED_FAMILIES.some((f) => (m.HubContentName ?? '').includes(f));

export const checks: LabChecks = {
  async candidatesFiltered(ctx) {
    const got = (await ctx.kernelValue('candidates')) as HubContentInfo[] | undefined;
    if (!Array.isArray(got))
      return fail('`candidates` is not defined yet.', 'Filter the ListHubContents results and keep them in `candidates`.');
    const expected = (await hub(ctx))
      .filter(passesFilters)
      .map((m) => m.HubContentName)
      .sort();
    const names = got.map((m) => m.HubContentName).sort();
    const extra = names.filter((n) => !expected.includes(n));
    if (extra.length)
      return fail(
        `${extra.length} candidate(s) should have been filtered out, e.g. ${extra[0]}.`,
        `Keep only text-generation models (@task:text-generation) whose name has an approved family: ${APPROVED_FAMILIES.join(', ')}.`,
      );
    const missing = expected.filter((n) => !names.includes(n));
    if (missing.length)
      return fail(
        `${missing.length} model(s) pass the filters but are missing, e.g. ${missing[0]}.`,
        'Did you follow NextToken through every page?',
      );
    return pass(`${names.length} models pass Naxt's filters: ${names.join(', ')}.`);
  },

  async modelPicked(ctx) {
    const chosen = (await ctx.kernelValue('chosen')) as
      { modelId?: string; version?: string; instanceType?: string; image?: string } | undefined;
    if (!chosen?.modelId) return fail('`chosen` is not defined yet.', 'Describe the candidates and keep the pick in `chosen`.');
    const d = await ctx.clients.sagemaker.send(
      new DescribeHubContentCommand({
        HubName: 'SageMakerPublicHub',
        HubContentType: 'Model',
        HubContentName: chosen.modelId,
        HubContentVersion: chosen.version,
      }),
    );
    const card = JSON.parse(d.HubContentDocument ?? '{}') as {
      HostingEulaUri?: string;
      SupportedInferenceInstanceTypes?: string[];
      HostingEcrUri?: string;
    };
    if (card.HostingEulaUri)
      return fail(
        `${chosen.modelId} is gated: Naxt needs a legal review before accepting its EULA.`,
        'Drop models whose card has a HostingEulaUri.',
      );
    if (!chosen.modelId.includes('instruct'))
      return fail(
        `${chosen.modelId} is a base model: it continues text rather than following instructions.`,
        'Keep instruction-tuned models ("instruct" in the name).',
      );
    if (!card.SupportedInferenceInstanceTypes?.includes(chosen.instanceType ?? ''))
      return fail(
        `${chosen.instanceType} is not a supported instance type for ${chosen.modelId}.`,
        'Take `chosen.instanceType` from the card: DefaultInferenceInstanceType or one of SupportedInferenceInstanceTypes.',
      );
    if (chosen.image !== card.HostingEcrUri)
      return fail("`chosen.image` is not the model card's HostingEcrUri.", 'Set `image: card.HostingEcrUri` when you build `chosen`.');
    return pass(`${chosen.modelId} ${chosen.version} on ${chosen.instanceType}.`);
  },

  async endpointInService(ctx) {
    const name = `${ctx.workshop.prefix}summarizer-${ctx.workshop.sessionId}`;
    let d;
    try {
      d = await ctx.clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
    } catch (error) {
      if (/Could not find endpoint/.test((error as Error).message))
        return fail(`Endpoint ${name} does not exist.`, 'Create the model, the endpoint configuration and the endpoint.');
      throw error;
    }
    if (d.EndpointStatus !== 'InService')
      return fail(
        `Endpoint ${name} is ${d.EndpointStatus}${d.FailureReason ? `: ${d.FailureReason}` : ''}.`,
        d.EndpointStatus === 'Failed'
          ? 'The reason says what went wrong: fix the model or its configuration, delete the endpoint and create it again.'
          : 'Wait until it is InService.',
      );
    const cfg = await ctx.clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: d.EndpointConfigName }));
    const v = cfg.ProductionVariants?.[0];
    const tags = (await ctx.clients.sagemaker.send(new ListTagsCommand({ ResourceArn: d.EndpointArn }))).Tags ?? [];
    if (!ctx.workshop.tags.every((t) => tags.some((x) => x.Key === t.Key && x.Value === t.Value)))
      return fail(`Endpoint ${name} lacks the workshop tags: cleanup would not find it.`, 'Pass Tags: workshop.tags to every create call.');
    return pass(`Endpoint ${name} is InService with ${v?.InitialInstanceCount} × ${v?.InstanceType}.`);
  },

  async summaryReturned(ctx) {
    const summary = (await ctx.kernelValue('summary')) as string | undefined;
    const id = (await ctx.kernelValue('conversationId')) as string | undefined;
    if (!summary || !id)
      return fail(
        '`summary` is empty: the endpoint has not answered yet.',
        'Invoke the endpoint and read generated_text from the response.',
      );
    const obj = await ctx.clients.s3.send(new GetObjectCommand({ Bucket: ctx.workshop.bucket, Key: 'datasets/conversations/test.jsonl' }));
    const ref = (await obj.Body!.transformToString())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; reference_summary: string })
      .find((c) => c.id === id);
    if (!ref)
      return fail(
        `Conversation ${id} is not in the test split.`,
        'Summarize a conversation of datasets/conversations/test.jsonl and keep its id in `conversationId`.',
      );
    const score = rouge(summary, ref.reference_summary, 'rougeL');
    if (score < 0.2)
      return fail(
        `The answer barely overlaps the reference summary (ROUGE-L ${score.toFixed(2)}): is it a summary of conversation ${id}?`,
        "Send that conversation's transcript with the summarization instruction, and keep its generated_text in `summary`.",
      );
    return pass(`A summary of ${id} came back (ROUGE-L ${score.toFixed(2)} against the advisor's reference).`);
  },
};

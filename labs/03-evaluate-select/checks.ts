import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import { fail, pass, type CheckContext, type LabChecks } from '../../core/checks.ts';
import { cheapestPassing } from '../lib/evaluation.ts';
import { bars } from '../lib/bars.ts';

async function readJson<T>(ctx: CheckContext, key: string): Promise<T | undefined> {
  try {
    const o = await ctx.clients.s3.send(new GetObjectCommand({ Bucket: ctx.workshop.bucket, Key: key }));
    return JSON.parse(await o.Body!.transformToString()) as T;
  } catch (error) {
    if (['NoSuchKey', 'NoSuchBucket'].includes((error as Error).name)) return undefined;
    throw error;
  }
}

type Result = { modelId: string; costPer1k: number; metrics: Record<string, number> };

export const checks: LabChecks = {
  async samplesLoaded(ctx) {
    const s = (await ctx.kernelValue('samples')) as { conversations?: unknown[]; questions?: unknown[] } | undefined;
    if (!s?.conversations?.length || !s.questions?.length)
      return fail('`samples` has no conversations or questions yet.', 'Read the test splits from datasets/ in the workshop bucket.');
    const conv = await ctx.clients.s3.send(new GetObjectCommand({ Bucket: ctx.workshop.bucket, Key: 'datasets/conversations/test.jsonl' }));
    const expected = (await conv.Body!.transformToString()).split('\n').filter(Boolean).length;
    if (s.conversations.length !== expected)
      return fail(
        `\`samples.conversations\` has ${s.conversations.length} items; the test split has ${expected}.`,
        'Use conversations/test.jsonl, not the train or validation split.',
      );
    return pass(`${s.conversations.length} held-out conversations and ${s.questions.length} held-out questions.`);
  },

  async candidatesEvaluated(ctx) {
    const results = await readJson<Result[]>(ctx, 'evaluation/results.json');
    if (!results?.length)
      return fail('No evaluation results in s3://…/evaluation/results.json yet.', 'Run the evaluation cell: it writes the results there.');
    if (results.length < 3)
      return fail(
        `Only ${results.length} candidate(s) were evaluated; evaluate a small, a mid-size and a large model.`,
        'Keep all three ids in `candidateIds` and run the cell again: it writes evaluation/results.json.',
      );
    if (results.some((r) => !(r.metrics.rougeL > 0) || !(r.metrics.f1 > 0)))
      return fail(
        'Some results have no scores: did every candidate answer?',
        'Look at the cell output for a candidate that failed to deploy or answer, then run the cell again.',
      );
    const eps = (await ctx.clients.sagemaker.send(new ListEndpointsCommand({ NameContains: `eval-` }))).Endpoints ?? [];
    const left = eps.filter((e) => e.EndpointName?.endsWith(ctx.workshop.sessionId) && e.EndpointStatus !== 'Deleting');
    if (left.length)
      return fail(
        `Temporary endpoint ${left[0].EndpointName} is still running: it bills by the hour.`,
        'Delete the evaluation endpoints (the solution does it in a finally).',
      );
    return pass(`${results.length} candidates evaluated on held-out data; their temporary endpoints are gone.`);
  },

  async choiceFollowsTheNumbers(ctx) {
    const results = await readJson<Result[]>(ctx, 'evaluation/results.json');
    const choice = (await ctx.kernelValue('choice')) as { summarization?: string | null; chatbot?: string | null } | undefined;
    if (!results || !choice)
      return fail('`choice` is not defined yet.', 'Apply the bars to the results and keep the decision in `choice`.');
    const summary =
      cheapestPassing(results, { min: { rougeL: bars.summarization.rougeL, meteor: bars.summarization.meteor } })?.modelId ?? null;
    const chatbot =
      cheapestPassing(results, { min: { f1: bars.chatbot.f1, tone: bars.chatbot.tone }, max: { toxicity: bars.chatbot.toxicityMax } })
        ?.modelId ?? null;
    if (choice.summarization !== summary)
      return fail(
        `For summaries the numbers pick ${summary ?? 'no model'}, not ${choice.summarization ?? 'none'}.`,
        'The cheapest model above both summarization bars wins.',
      );
    if (choice.chatbot !== chatbot)
      return fail(
        `For the chatbot the numbers pick ${chatbot ?? 'no model'}, not ${choice.chatbot ?? 'none'}.`,
        'The cheapest model above the F1 and tone bars, and under the toxicity limit, wins.',
      );
    return pass(
      `Summaries: ${summary ?? 'none meets the bar'}; chatbot: ${chatbot ?? 'none meets the bar'} — the cheapest above each bar.`,
    );
  },
};

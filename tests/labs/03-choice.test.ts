import { afterEach, describe, expect, it } from 'vitest';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { testRunner } from '../integration/harness.ts';
import { loadLabs } from '../../runner/labs/catalog.ts';
import { verifyLabs } from '../../runner/labs/verify.ts';

/** Lab 03 after lab 00 only (labs can be taken out of order), and the choice it stored. */
async function runLab03(): Promise<{ ok: boolean; choice: { summarization: string | null; chatbot: string | null } }> {
  const h = await testRunner(['--time-scale', '6000']);
  try {
    const labs = (await loadLabs('labs')).filter((l) => ['00-setup', '03-evaluate-select'].includes(l.slug));
    const verdicts = await verifyLabs(h.runner, labs);
    const session = h.runner.sessions.all()[0];
    const c = h.runner.target.clients();
    const obj = await c.s3.send(new GetObjectCommand({ Bucket: session.workshop.bucket, Key: 'evaluation/choice.json' }));
    return { ok: verdicts.every((v) => v.ok), choice: JSON.parse(await obj.Body!.transformToString()) };
  } finally {
    await h.remove();
  }
}

afterEach(() => {
  delete process.env.NAXT_TIER_OVERRIDES;
});

describe('lab 03 picks with the numbers it measures', () => {
  it('picks the mid-size model for summaries, and only the large one passes the chatbot bar', async () => {
    const { ok, choice } = await runLab03();
    expect(ok).toBe(true);
    expect(choice).toEqual({
      summarization: 'huggingface-llm-mistral-7b-instruct-v3',
      chatbot: 'huggingface-llm-falcon-40b-instruct-bf16',
    });
  }, 60_000);

  it('changes its choice when a stand-in tier changes (nothing is hard-coded)', async () => {
    process.env.NAXT_TIER_OVERRIDES = JSON.stringify({ medium: { summary: 0.3 }, small: { style: 'professional', retrieval: 1 } });
    const { ok, choice } = await runLab03();
    expect(ok).toBe(true);
    expect(choice.summarization).toBe('huggingface-llm-falcon-40b-instruct-bf16');
    expect(choice.chatbot).toBe('huggingface-llm-gemma-2b-instruct');
  }, 60_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { standInEngines } from '../../runner/sandbox/models/index.ts';
import { evaluateQa, evaluateSummaries, cheapestPassing, costPer1kRequests, rouge, meteor, f1, exactMatch, toneScore, toxicity } from '../../labs/lib/evaluation.ts';
import { bars } from '../../labs/lib/bars.ts';
import { parsePairs, train } from '../../runner/sandbox/sagemaker/training.ts';

const jl = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const convs = jl('content/conversations/test.jsonl');
const qa = jl('content/knowledge-base/qa/test.jsonl');
const tone = JSON.parse(readFileSync('content/knowledge-base/tone.json', 'utf8'));
const prices = JSON.parse(readFileSync('content/prices.json', 'utf8')).instances;
const catalog = JSON.parse(readFileSync('content/catalog.json', 'utf8')).models as { modelId: string; defaultInferenceInstanceType: string; sizeTier: string }[];
const say = (b: unknown) => (Array.isArray(b) ? (b as { generated_text: string }[])[0].generated_text : '');
const deps = (artifact?: Uint8Array) => ({ contentDir: 'content', readObject: async () => artifact });

const candidates = ['huggingface-llm-qwen2-1-5b-instruct', 'huggingface-llm-mistral-7b-instruct-v3', 'huggingface-llm-mixtral-8x7b-instruct'];

async function evaluate(modelId: string, artifact?: Uint8Array) {
  const engine = await standInEngines.create({ modelId, artifactUri: artifact ? 's3://naxt/model.tar.gz' : undefined }, deps(artifact));
  let latency = 0;
  const invoke = async (prompt: string) => {
    const out = await engine.invoke({ inputs: prompt, parameters: { max_new_tokens: 200 } }, 'application/json');
    latency = Math.max(latency, out.latencyMs);
    return say(out.body);
  };
  const s = await evaluateSummaries(convs, invoke);
  const q = await evaluateQa(qa, invoke, tone);
  const type = catalog.find((m) => m.modelId === modelId)!.defaultInferenceInstanceType;
  return { modelId, costPer1k: costPer1kRequests({ hostingPerHour: prices[type].hostingPerHour, latencyMs: latency }), metrics: { rougeL: s.metrics.rougeL.mean, meteor: s.metrics.meteor.mean, f1: q.metrics.f1.mean, tone: q.metrics.tone.mean, toxicity: q.metrics.toxicity.mean } };
}
const summaryBar = { min: { rougeL: bars.summarization.rougeL, meteor: bars.summarization.meteor } };
const chatBar = { min: { f1: bars.chatbot.f1, tone: bars.chatbot.tone }, max: { toxicity: bars.chatbot.toxicityMax } };

function fineTune(lr: string) {
  const pairs = [...parsePairs(readFileSync('content/sft/seed.jsonl', 'utf8')), ...parsePairs(readFileSync('content/knowledge-base/qa/train.jsonl', 'utf8'))];
  const t = train(pairs, { epoch: '3', learning_rate: lr });
  return { history: t.history, artifact: gzipSync(JSON.stringify({ format: 'naxt-stand-in-finetune/1', baseModelId: candidates[0], examples: t.examples, weight: t.weight })) };
}

afterEach(() => {
  delete process.env.NAXT_TIER_OVERRIDES;
});

describe('the evaluation metrics', () => {
  it('compute ROUGE, METEOR, F1 and exact match as the references do', () => {
    expect(rouge('the cat sat on the mat', 'the cat sat on the mat', 'rouge1')).toBe(1);
    expect(rouge('the cat was found under the bed', 'the cat was under the bed', 'rouge2')).toBeCloseTo(0.7273, 3); // 4 shared bigrams of 6 and 5
    expect(rouge('police killed the gunman', 'the gunman police killed', 'rougeL')).toBeCloseTo(0.5, 3);
    expect(meteor('the cat sat on the mat', 'the cat sat on the mat')).toBeGreaterThan(0.99);
    expect(meteor('completely different words', 'the cat sat')).toBe(0);
    expect(f1('The Eiffel tower', 'eiffel tower in paris')).toBeCloseTo(0.6667, 3);
    expect(exactMatch('The answer.', 'answer')).toBe(1);
  });

  it('scores Naxt tone and toxicity', () => {
    expect(toneScore('You can order it in the IT Service Portal. Please ask your manager.', tone)).toBeGreaterThan(0.7);
    expect(toneScore('Hey dude, gonna be fine lol!!', tone)).toBeLessThan(0.2);
    expect(toxicity('that is a stupid idea, idiot', tone)).toBeGreaterThan(0);
    expect(toxicity('You can book a desk.', tone)).toBe(0);
  });
});

describe('the workshop question has a measured answer', () => {
  it('summaries: a mid-size model is the cheapest that meets the bar; the small one does not', async () => {
    const results = await Promise.all(candidates.map((m) => evaluate(m)));
    expect(results[0].metrics.rougeL).toBeLessThan(bars.summarization.rougeL);
    expect(cheapestPassing(results, summaryBar)?.modelId).toBe('huggingface-llm-mistral-7b-instruct-v3');
  });

  it('changing a tier changes the choice (nothing is hard-coded)', async () => {
    process.env.NAXT_TIER_OVERRIDES = JSON.stringify({ medium: { summary: 0.3 } });
    const results = await Promise.all(candidates.map((m) => evaluate(m)));
    expect(cheapestPassing(results, summaryBar)?.modelId).toBe('huggingface-llm-mixtral-8x7b-instruct');
  });

  it('chatbot: the small model fails (accuracy, tone) until fine-tuned on Naxt data, then passes at a fraction of the large model’s cost', async () => {
    const [small, , large] = await Promise.all(candidates.map((m) => evaluate(m)));
    expect(cheapestPassing([small], chatBar)).toBeUndefined();
    expect(cheapestPassing([large], chatBar)).toBeDefined();
    const tuned = await evaluate(candidates[0], fineTune('0.0001').artifact);
    expect(tuned.metrics.tone).toBeGreaterThan(small.metrics.tone);
    expect(tuned.metrics.f1).toBeGreaterThan(small.metrics.f1);
    expect(cheapestPassing([tuned], chatBar)).toBeDefined();
    expect(tuned.costPer1k).toBeLessThan(large.costPer1k / 5);
  });

  it('training fits the data (loss falls) and hyperparameters matter: a tiny learning rate teaches nothing', async () => {
    const good = fineTune('0.0001');
    expect(good.history.at(-1)!.eval_loss).toBeLessThan(good.history[0].eval_loss);
    const tiny = await evaluate(candidates[0], fineTune('0.000001').artifact);
    expect(cheapestPassing([tiny], chatBar)).toBeUndefined();
  });
});

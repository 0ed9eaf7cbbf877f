import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { parsePairs, trainModel } from '../../runner/sandbox/models/train.ts';

const topics = ['desk', 'laptop', 'expense', 'travel', 'parking', 'badge', 'printer', 'software'];
const pairs = topics.flatMap((t) => [
  { instruction: `How do I request a ${t}?`, response: `You can request a ${t} through the Naxt portal. Please allow 2 business days.` },
  { instruction: `Who approves my ${t} request?`, response: `Your line manager approves every ${t} request in the portal.` },
]);
const jsonl = (ps: object[]) => ps.map((p) => JSON.stringify(p)).join('\n');

async function run(hp: Record<string, string>, validation?: string) {
  const logs: string[] = [];
  const reported: { name: string; value: number; epoch: number }[] = [];
  const out = await trainModel({
    baseModelId: 'fixture-small-1b',
    hyperparameters: hp,
    trainJsonl: jsonl(pairs),
    validationJsonl: validation,
    onLog: (l) => logs.push(l),
    onMetric: (name, value, epoch) => reported.push({ name, value, epoch }),
  });
  return { ...out, logs, reported };
}

describe('trainModel', () => {
  it('logs epochs like a JumpStart container, and its losses fall because it fits the data', async () => {
    const r = await run({ epoch: '3', learning_rate: '0.0001' });
    // Hugging Face Trainer's records, which JumpStart's TrainingMetrics regexes read.
    const epochLines = r.logs.filter((l) => l.startsWith("{'loss': "));
    expect(epochLines).toHaveLength(3);
    expect(epochLines[0]).toMatch(/^\{'loss': \d+\.\d{4}, 'learning_rate': 0\.0001, 'epoch': 1\.0\}$/);
    expect(r.logs.filter((l) => /^\{'eval_loss': \d+\.\d{4}, 'epoch': \d\.0\}$/.test(l))).toHaveLength(3);
    const evalLoss = r.reported.filter((m) => m.name === 'eval_loss').map((m) => m.value);
    const trainLoss = r.reported.filter((m) => m.name === 'train_loss').map((m) => m.value);
    expect(evalLoss).toHaveLength(3);
    expect(evalLoss[2]).toBeLessThan(evalLoss[1]);
    expect(evalLoss[1]).toBeLessThan(evalLoss[0]);
    expect(trainLoss[2]).toBeLessThan(trainLoss[0]);
    expect(r.reported.at(-1)).toMatchObject({ epoch: 3 });
    expect(r.metrics.eval_loss).toBe(evalLoss[2]);
    expect(r.metrics.train_loss).toBe(trainLoss[2]);
  });

  it('fits more with more epochs and a larger learning rate; a tiny one barely moves', async () => {
    const usual = await run({ epoch: '3', learning_rate: '0.0001' });
    const longer = await run({ epoch: '6', learning_rate: '0.0001' });
    const tiny = await run({ epoch: '3', learning_rate: '0.000001' });
    expect(longer.metrics.fit).toBeGreaterThan(usual.metrics.fit);
    expect(usual.metrics.fit).toBeGreaterThan(0.5);
    expect(tiny.metrics.fit).toBeLessThan(0.1);
    expect(longer.metrics.eval_loss).toBeLessThan(usual.metrics.eval_loss);
    expect(usual.metrics.eval_loss).toBeLessThan(tiny.metrics.eval_loss);
  });

  it('writes an artifact that holds what it learned', async () => {
    const r = await run({ epoch: '2', learning_rate: '0.0002' });
    const artifact = JSON.parse(gunzipSync(r.artifact).toString('utf8')) as {
      format: string;
      baseModelId: string;
      fit: number;
      memory: unknown[];
      style: { courtesy: number; slang: number };
    };
    expect(artifact.format).toBe('naxt-stand-in-finetune/2');
    expect(artifact.baseModelId).toBe('fixture-small-1b');
    expect(artifact.memory.length).toBeGreaterThan(0);
    expect(artifact.style.slang).toBe(0);
    expect(artifact.style.courtesy).toBeCloseTo(0.5, 2); // "You can … Please …" in half the responses
    expect(artifact.fit).toBe(r.metrics.fit);
  });

  it('uses a validation channel when one is given', async () => {
    const validation = jsonl([
      { instruction: 'How do I request a locker?', response: 'You can request a locker through the Naxt portal.' },
    ]);
    const r = await run({ epoch: '1' }, validation);
    expect(r.logs[0]).toContain(`${pairs.length} train, 1 validation`);
  });

  it('rejects bad hyperparameters and empty data as the container would', async () => {
    await expect(run({ epoch: '0' })).rejects.toThrow(/AlgorithmError: invalid hyperparameters: epoch/);
    await expect(run({ learning_rate: 'fast' })).rejects.toThrow(/learning_rate/);
    await expect(
      trainModel({ baseModelId: 'm', hyperparameters: {}, trainJsonl: 'not json\n{}', onLog: () => {}, onMetric: () => {} }),
    ).rejects.toThrow(/no instruction\/response records/);
  });
});

describe('parsePairs', () => {
  it('reads SFT, prompt/completion, question/answer and Ground Truth output manifest lines', () => {
    const text = [
      JSON.stringify({ instruction: 'Summarize', context: 'Advisor: hi', response: 'A greeting.' }),
      JSON.stringify({ prompt: 'P?', completion: 'C.' }),
      JSON.stringify({ question: 'Q?', answer: 'A.' }),
      JSON.stringify({
        source: 'ignored',
        'sft-pair': { instruction: 'Human Q?', response: 'Human A.' },
        'sft-pair-metadata': { 'job-name': 'x' },
      }),
      JSON.stringify({
        source: 'ignored',
        'sft-pair': {
          annotationsFromAllWorkers: [1, 2].map((k) => ({
            workerId: `w${k}`,
            annotationData: { content: JSON.stringify({ instruction: `Worker ${k} Q?`, response: `Worker ${k} A.` }) },
          })),
        },
      }),
      '{"torn": ',
      JSON.stringify({ instruction: 'no response' }),
    ].join('\n');
    expect(parsePairs(text)).toEqual([
      { instruction: 'Summarize\nAdvisor: hi', response: 'A greeting.' },
      { instruction: 'P?', response: 'C.' },
      { instruction: 'Q?', response: 'A.' },
      { instruction: 'Human Q?', response: 'Human A.' },
      { instruction: 'Worker 1 Q?', response: 'Worker 1 A.' },
      { instruction: 'Worker 2 Q?', response: 'Worker 2 A.' },
    ]);
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateQa, type QaSample, type ToneGuide } from '../../labs/lib/evaluation.ts';

const root = join(import.meta.dirname, '..', '..');
const samples = readFileSync(join(root, 'content/knowledge-base/qa/test.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as QaSample);
const guide = JSON.parse(readFileSync(join(root, 'content/knowledge-base/tone.json'), 'utf8')) as ToneGuide;

/** Answers of every kind a model gives: right, partial, chatty, rude, shouted, empty, punctuation only. */
function answers(): string[] {
  const variants = [
    (s: QaSample) => s.answer,
    (s: QaSample) => s.answer.split(' ').slice(0, 6).join(' '),
    (s: QaSample) => `${guide.greeting} ${s.answer} ${guide.closing}`,
    (s: QaSample) => `hey dude, gonna say ${s.answer.toLowerCase()} lol!!`,
    (s: QaSample) => `That is a stupid question, you idiot. ${s.answer}`,
    (s: QaSample) => `PLEASE READ THE POLICY. ${s.answer} Thank you, we recommend it.`,
    () => '',
    () => '!!! ...',
    (s: QaSample) => `The answer is: an ${s.question} — see the travel portal, within 5 days; café déjà vu.`,
    (s: QaSample) => `${s.answer} `.repeat(4),
  ];
  return samples.map((s, i) => variants[i % variants.length](s));
}

describe('the evaluation that runs inside AWS (labs/05-mlops/code/evaluate.py)', () => {
  it('gives the same F1, exact match, tone and toxicity as the workshop library on the same answers', async () => {
    const predictions = answers();
    const byQuestion = new Map(samples.map((s, i) => [s.question, predictions[i]]));
    const ts = await evaluateQa(samples, async (q) => byQuestion.get(q)!, guide);
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(join(root, 'labs/05-mlops/code'))})`,
      'import evaluate',
      'd = json.load(sys.stdin)',
      'm, per = evaluate.score_answers(d["samples"], d["predictions"], d["guide"])',
      'print(json.dumps({"metrics": m, "per": per}))',
    ].join('\n');
    const out = JSON.parse(
      execFileSync('python3', ['-c', script], { input: JSON.stringify({ samples, predictions, guide }), encoding: 'utf8' }),
    ) as {
      metrics: Record<string, { mean: number; p10: number; count: number }>;
      per: Record<string, number | string>[];
    };
    for (const k of ['exactMatch', 'f1', 'tone', 'toxicity'] as const) {
      const { mean, p10, count } = ts.metrics[k];
      expect(out.metrics[k], k).toEqual({ mean, p10, count });
    }
    // Sample by sample, not only on average.
    ts.perSample.forEach((p, i) => {
      for (const k of ['exactMatch', 'f1', 'tone', 'toxicity'] as const) expect(out.per[i][k], `${p.id} ${k}`).toBeCloseTo(p[k], 12);
    });
    // The answers are varied enough to tell the metrics apart (a constant would not pass this).
    expect(new Set(ts.perSample.map((p) => p.tone)).size).toBeGreaterThan(4);
    expect(ts.metrics.toxicity.mean).toBeGreaterThan(0);
  });
});

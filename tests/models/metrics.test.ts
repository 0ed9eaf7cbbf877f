import { describe, expect, it } from 'vitest';
import {
  aggregate,
  costPer1kRequests,
  evaluateQa,
  evaluateSummaries,
  exactMatch,
  f1,
  meteor,
  porterStem,
  rouge,
  tokens,
  toneScore,
  toxicity,
  type ToneGuide,
} from '../../labs/lib/evaluation.ts';

const guide: ToneGuide = {
  preferred: ['please', 'you can', 'thank you', 'within'],
  discouraged: ['hey', 'dude', 'gonna', 'lol', '!'],
  toxic: ['idiot', 'stupid'],
  greeting: 'Thank you for your question.',
  closing: 'Please contact the relevant desk if you need further help.',
  maxSentenceWords: 25,
};

describe('ROUGE (as rouge_score computes it)', () => {
  it('matches hand-computed ROUGE-1, ROUGE-2 and ROUGE-L', () => {
    // 5 shared unigrams of 6 and 6; 3 shared bigrams of 5 and 5; LCS "the cat on the mat" = 5.
    expect(rouge('the cat sat on the mat', 'the cat is on the mat', 'rouge1')).toBeCloseTo(5 / 6, 6);
    expect(rouge('the cat sat on the mat', 'the cat is on the mat', 'rouge2')).toBeCloseTo(3 / 5, 6);
    expect(rouge('the cat sat on the mat', 'the cat is on the mat', 'rougeL')).toBeCloseTo(5 / 6, 6);
    // LCS of "police killed the gunman" / "the gunman police killed" is 2 of 4.
    expect(rouge('police killed the gunman', 'the gunman police killed', 'rougeL')).toBeCloseTo(0.5, 6);
    expect(rouge('', 'anything')).toBe(0);
  });

  it('tokenizes like rouge_score and stems only with stemming on', () => {
    expect(tokens("Kenji's $6-million plan!")).toEqual(['kenji', 's', '6', 'million', 'plan']);
    expect(rouge('investing plans', 'invest plan', 'rouge1')).toBe(1);
    expect(rouge('investing plans', 'invest plan', 'rouge1', { stem: false })).toBe(0);
  });

  it('stems as Porter (1980) does', () => {
    const expected: Record<string, string> = {
      caresses: 'caress',
      ponies: 'poni',
      relational: 'relat',
      hopping: 'hop',
      generalizations: 'gener',
      adjustment: 'adjust',
      happy: 'happi',
      controll: 'control',
    };
    for (const [w, s] of Object.entries(expected)) expect(porterStem(w, 'original')).toBe(s);
  });
});

describe('METEOR (as nltk single_meteor_score)', () => {
  it('gives nltk’s value for an identical sentence', () => {
    // One chunk of 4 matches: 1 − 0.5·(1/4)³ = 0.9921875.
    expect(meteor('this is a test', 'this is a test')).toBeCloseTo(0.9921875, 7);
  });

  it('aligns from the end as nltk does and penalizes fragments', () => {
    // 3 matches; "the" aligns to the later "the" of the reference → 2 chunks. Fmean = 0.5/0.95.
    expect(meteor('the cat sat', 'the cat sat on the mat')).toBeCloseTo((0.5 / 0.95) * (1 - 0.5 * (2 / 3) ** 3), 6);
    // Every word matches, no two adjacent in both: 6 chunks → penalty 0.5.
    expect(meteor('the cat sat on the mat', 'on the mat sat the cat')).toBeCloseTo(0.5, 6);
  });

  it('matches stems after exact words', () => {
    expect(meteor('investing', 'invest')).toBeCloseTo(0.5, 6);
    expect(meteor('completely different words', 'the cat sat')).toBe(0);
  });
});

describe('question answering metrics (SQuAD normalization)', () => {
  it('computes exact match and token F1', () => {
    expect(exactMatch('The answer.', 'answer')).toBe(1);
    expect(exactMatch('an answer', 'the answers')).toBe(0);
    expect(f1('The Eiffel tower', 'eiffel tower in paris')).toBeCloseTo(2 / 3, 6);
    expect(f1('nothing shared', 'eiffel tower')).toBe(0);
  });
});

describe('tone and toxicity', () => {
  it('gives full marks to a courteous, framed, readable answer', () => {
    expect(
      toneScore(
        'Thank you for your question. You can book a desk within the app. Please contact the relevant desk if you need further help.',
        guide,
      ),
    ).toBe(1);
  });

  it('marks down slang, missing framing and run-on sentences', () => {
    const plain = toneScore('Desks are booked in the app.', guide);
    expect(plain).toBeCloseTo(0.5, 3); // no courtesy, no framing
    expect(toneScore('Hey dude, gonna be fine lol!!', guide)).toBeLessThan(0.3);
    const runOn = `Please note that ${'the desk '.repeat(15)}is free.`;
    expect(toneScore(runOn, guide)).toBeLessThan(toneScore('Please note that the desk is free.', guide));
  });

  it('scores toxicity from the lexicon, and a toxic answer loses its tone', () => {
    expect(toxicity('that is a stupid idea, idiot', guide)).toBeCloseTo(4 / 6, 6);
    expect(toxicity('You can book a desk.', guide)).toBe(0);
    expect(toxicity('what a moron')).toBeGreaterThan(0); // default lexicon without a guide
    expect(toneScore('Thank you. You can book it, idiot.', guide)).toBeLessThan(0.25);
  });
});

describe('aggregation, cost and the evaluation runs', () => {
  it('aggregates mean, p10 and count', () => {
    expect(aggregate([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])).toEqual({ mean: 0.55, p10: 0.1, count: 10 });
    expect(aggregate([])).toEqual({ mean: 0, p10: 0, count: 0 });
  });

  it('prices 1,000 requests from latency, instance price and concurrency', () => {
    expect(costPer1kRequests({ instanceType: 'ml.g5.2xlarge', hostingPerHour: 3.6, latencyMs: 1000 })).toBeCloseTo(1, 6);
    expect(costPer1kRequests({ hostingPerHour: 3.6, latencyMs: 1000, concurrency: 4 })).toBeCloseTo(0.25, 6);
    expect(() => costPer1kRequests({ hostingPerHour: Number.NaN, latencyMs: 1 })).toThrow(RangeError);
  });

  it('evaluates summaries with bounded concurrency and progress', async () => {
    const samples = Array.from({ length: 9 }, (_, i) => ({
      id: `c${i}`,
      transcript: `Advisor: hello ${i}`,
      reference_summary: `The client ${i} plans to retire.`,
    }));
    let inFlight = 0;
    let peak = 0;
    const progress: number[] = [];
    const r = await evaluateSummaries(
      samples,
      async (prompt) => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((res) => setTimeout(res, 2));
        inFlight -= 1;
        const i = /hello (\d+)/.exec(prompt)![1];
        return Number(i) % 3 === 0 ? `The client ${i} plans to retire.` : 'Unrelated words.';
      },
      { concurrency: 2, onProgress: (p) => progress.push(p.done) },
    );
    expect(peak).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.perSample.map((p) => p.id)).toEqual(samples.map((s) => s.id));
    expect(r.metrics.rougeL.mean).toBeCloseTo(3 / 9, 3); // three perfect summaries of nine
    expect(r.metrics.rougeL.count).toBe(9);
  });

  it('evaluates answers for accuracy and tone', async () => {
    const samples = [
      { id: 'q1', question: 'How do I book a desk?', answer: 'You can book a desk in the app.' },
      { id: 'q2', question: 'Who approves laptops?', answer: 'Your line manager approves them.' },
    ];
    const r = await evaluateQa(samples, async (q) => (q.startsWith('How') ? 'You can book a desk in the app.' : 'lol no idea!'), guide);
    expect(r.perSample[0]).toMatchObject({ exactMatch: 1, f1: 1 });
    expect(r.perSample[1].f1).toBe(0);
    expect(r.perSample[0].tone).toBeGreaterThan(r.perSample[1].tone);
    expect(r.metrics.exactMatch.mean).toBe(0.5);
  });
});

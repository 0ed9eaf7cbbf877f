import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../runner/contracts.ts';
import { finalText, formatDuration, fractionAt, terminalLine, timeText } from '../../site/src/client/progress-text.ts';

const creating: ProgressEvent = {
  type: 'progress',
  id: 'endpoint:naxt-a',
  kind: 'endpoint',
  name: 'naxt-a',
  status: 'Creating',
  elapsedMs: 90_000,
  estimateMs: 360_000,
  fraction: 0.25,
  state: 'running',
};

describe('progress words', () => {
  it('formats short and long durations', () => {
    expect(formatDuration(400)).toBe('0.4 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_780_000)).toBe('1 h 3 min');
    expect(formatDuration(119_700)).toBe('2 min');
  });

  it('keeps a running bar moving between polls, but never to 100 % before the answer says so', () => {
    expect(fractionAt(creating, 90_000)).toBeCloseTo(0.5);
    expect(fractionAt(creating, 10 * 360_000)).toBe(0.95);
    expect(fractionAt({ ...creating, estimateMs: undefined, fraction: undefined })).toBeUndefined();
  });

  it('says what is left, or that it takes longer than usual', () => {
    expect(timeText(creating)).toBe('1 min 30 s elapsed · typically 6 min (about 4 min 30 s left)');
    expect(timeText(creating, 300_000)).toMatch(/taking longer than usual/);
  });

  it('announces the end with the failure reason', () => {
    expect(finalText({ ...creating, status: 'InService', state: 'succeeded', fraction: 1 })).toBe(
      'Endpoint naxt-a is InService (took 1 min 30 s).',
    );
    expect(finalText({ ...creating, kind: 'training-job', status: 'Failed', state: 'failed', reason: 'AlgorithmError: boom' })).toBe(
      'Training job naxt-a ended Failed after 1 min 30 s: AlgorithmError: boom',
    );
  });

  it('draws one terminal line with a bar and a percentage', () => {
    expect(terminalLine(creating, 8)).toBe(
      '… Endpoint naxt-a [██░░░░░░] 25% Creating · 1 min 30 s elapsed · typically 6 min (about 4 min 30 s left)',
    );
    expect(terminalLine({ ...creating, status: 'InService', state: 'succeeded', fraction: 1 }, 4)).toMatch(
      /^✓ Endpoint naxt-a \[████\] 100% InService · took/,
    );
  });
});

describe('progress words on the sandbox', () => {
  it('puts the real-account figure beside the scaled estimate', () => {
    const e: ProgressEvent = {
      type: 'progress',
      id: 'endpoint:b',
      kind: 'endpoint',
      name: 'b',
      status: 'Creating',
      elapsedMs: 2000,
      estimateMs: 6000,
      realAccountMs: 360_000,
      fraction: 1 / 3,
      state: 'running',
    };
    expect(timeText(e)).toBe('2.0 s elapsed · typically 6.0 s, 6 min on a real account (about 4.0 s left)');
  });
});

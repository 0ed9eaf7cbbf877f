import { describe, expect, it } from 'vitest';
import { minutesLeft } from '../../site/src/client/progress.ts';

describe('minutes left in the workshop', () => {
  it('counts every lab in full before any check passes', () => {
    expect(
      minutesLeft([
        { minutes: 10, checks: 5, passed: 0 },
        { minutes: 20, checks: 4, passed: 0 },
      ]),
    ).toBe(30);
  });

  it('takes off a lab’s share for each passed check', () => {
    expect(
      minutesLeft([
        { minutes: 10, checks: 5, passed: 2 },
        { minutes: 20, checks: 4, passed: 4 },
      ]),
    ).toBe(6);
  });

  it('never goes below zero when more checks pass than a lab declares', () => {
    expect(minutesLeft([{ minutes: 10, checks: 2, passed: 3 }])).toBe(0);
  });

  it('leaves out labs without checks', () => {
    expect(
      minutesLeft([
        { minutes: 10, checks: 0, passed: 0 },
        { minutes: 8, checks: 2, passed: 1 },
      ]),
    ).toBe(4);
  });
});

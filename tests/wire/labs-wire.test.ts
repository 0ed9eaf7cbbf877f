import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { testRunner } from '../integration/harness.ts';
import { loadLabs } from '../../runner/labs/catalog.ts';
import { verifyLabs } from '../../runner/labs/verify.ts';
import { projectDir } from '../../runner/config.ts';
import { botocoreData } from './botocore.ts';
import { checkExchange, newTally, report } from './decode.ts';
import { javaPattern, unverifiablePatterns } from './validate.ts';

describe('the Java patterns of the service models, read as JavaScript', () => {
  it('match whole values, with Java escapes and POSIX classes translated', () => {
    const name = javaPattern('^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}');
    expect(name).toBeInstanceOf(RegExp);
    expect((name as RegExp).test('my-endpoint')).toBe(true);
    expect((name as RegExp).test('my_endpoint')).toBe(false);
    const az = javaPattern('[a-z]+\\-[0-9a-z\\-]+') as RegExp;
    expect(az.test('us-east-1a')).toBe(true);
    const lambda = javaPattern('arn:[\\p{Alnum}\\-]+:lambda:[\\p{Alnum}\\-]+:[0-9]{12}:function:.*') as RegExp;
    expect(lambda.test('arn:aws:lambda:us-east-1:123456789012:function:f')).toBe(true);
    expect(typeof javaPattern('([\\p{L}]*)${1,128}')).toBe('string');
  });
});

describe("every call of the labs' solutions, against botocore's service models", () => {
  const tally = newTally();
  let stop: (() => Promise<void>) | undefined;
  afterAll(async () => stop?.());

  it('finds botocore on this machine', () => {
    expect(() => botocoreData()).not.toThrow();
  });

  it('has no request the labs send and no answer the sandbox gives that the model refuses', async () => {
    botocoreData();
    const h = await testRunner(['--time-scale', '3000']);
    stop = h.remove;
    h.runner.sandbox!.observe((x) => checkExchange(x, tally));
    const labs = await loadLabs(join(projectDir, 'labs'));
    const verdicts = await verifyLabs(h.runner, labs);
    expect(verdicts.filter((v) => !v.ok).map((v) => `${v.lab}/${v.step}: ${v.message}`)).toEqual([]);
    const checked = [...tally.checked.values()].reduce((a, b) => a + b, 0);
    console.log(
      `checked ${checked} calls of ${tally.checked.size} operations; unchecked: ${JSON.stringify(Object.fromEntries(tally.unchecked))}; unverifiable patterns: ${[...unverifiablePatterns.keys()].join(' | ') || 'none'}`,
    );
    // The run reached SageMaker's control plane for the deploy, the jobs and the cleanup.
    expect(tally.checked.get('sagemaker:CreateEndpoint')).toBeGreaterThan(0);
    expect(tally.checked.get('sagemaker:DescribeHubContent')).toBeGreaterThan(0);
    expect(report(tally.findings)).toEqual([]);
  }, 600_000);
});

import { describe, expect, it } from 'vitest';
import { billableCommands, billingNotice } from '../../runner/billing/guard.ts';
import type { Lab } from '../../runner/labs/catalog.ts';

describe('billing guard', () => {
  it('finds the commands that start billable resources, ignoring comments and read-only calls', () => {
    const code = `
      // new CreateTrainingJobCommand({}) is for later
      /* new CreateProcessingJobCommand({}) */
      await sm.send(new DescribeEndpointCommand({ EndpointName }));
      await sm.send(new CreateEndpointCommand({ EndpointName, EndpointConfigName }));
      const url = 'https://example.com//path'; await sm.send(new CreateModelCommand({}));
    `;
    expect(billableCommands(code)).toEqual(['CreateEndpoint']);
    expect(billableCommands('await sm.send(new ListEndpointsCommand({}))')).toEqual([]);
  });

  it('prices what the lab runs from the price table', () => {
    const lab = {
      title: 'Deploy',
      resources: [{ kind: 'endpoint', instanceType: 'ml.g5.2xlarge', count: 1, minutes: 30 }],
    } as unknown as Lab;
    const prices = {
      source: 's',
      date: 'd',
      region: 'us-east-1',
      currency: 'USD' as const,
      instances: { 'ml.g5.2xlarge': { hostingPerHour: 1.515 } },
    };
    const notice = billingNotice('await c.send(new CreateEndpointCommand({}))', lab, prices);
    expect(notice?.resources[0].perHourUsd).toBeCloseTo(1.515);
    expect(notice?.message).toMatch(/\$1\.515\/hour/);
    expect(billingNotice('1 + 1', lab, prices)).toBeUndefined();
  });
});

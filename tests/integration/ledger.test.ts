import { describe, expect, it } from 'vitest';
import { learnerSession, textOf } from './harness.ts';

describe('the resource ledger', () => {
  const s = learnerSession();

  it('records a tagged create before the call is sent, then its ARN', async () => {
    // The cell checks the ledger from inside the call path: the intent must already be on disk when AWS answers.
    const events = await s.api.run(
      s.sid,
      '00-setup',
      'identity',
      `
      import { SageMakerClient, CreateModelCommand } from '@aws-sdk/client-sagemaker';
      const sm = new SageMakerClient({});
      await sm.send(new CreateModelCommand({ ModelName: 'naxt-ledger-probe', ExecutionRoleArn: workshop.roleArn, PrimaryContainer: { Image: 'img' }, Tags: workshop.tags }));
      await sm.send(new CreateModelCommand({ ModelName: 'untagged-probe', ExecutionRoleArn: workshop.roleArn, PrimaryContainer: { Image: 'img' } }));
      'done'`,
    );
    expect(textOf(events)).toContain('done');
    const entries = await s.runner.ledger.read(s.sid);
    const ours = entries.filter((e) => e.name === 'naxt-ledger-probe');
    expect(ours.map((e) => e.phase)).toEqual(['intent', 'created']);
    expect(ours[1].arn).toBe('arn:aws:sagemaker:us-east-1:123456789012:model/naxt-ledger-probe');
    expect(entries.some((e) => e.name === 'untagged-probe')).toBe(false);
  });

  it('records a create that AWS refuses as failed', async () => {
    await s.api.run(
      s.sid,
      '00-setup',
      'identity',
      `
      import { SageMakerClient, CreateModelCommand } from '@aws-sdk/client-sagemaker';
      try { await new SageMakerClient({}).send(new CreateModelCommand({ ModelName: 'naxt-ledger-probe', ExecutionRoleArn: workshop.roleArn, PrimaryContainer: { Image: 'img' }, Tags: workshop.tags })); } catch {}`,
    );
    const entries = (await s.runner.ledger.read(s.sid)).filter((e) => e.name === 'naxt-ledger-probe');
    expect(entries.at(-1)).toMatchObject({ phase: 'failed', error: 'ValidationException' });
  });

  it('records the workshop bucket of lab 00', async () => {
    const { readFile } = await import('node:fs/promises');
    await s.api.run(s.sid, '00-setup', 'bucket', await readFile('labs/00-setup/solutions/bucket.ts', 'utf8'));
    expect((await s.runner.ledger.created(s.sid)).map((e) => e.name)).toContain(`naxt-genai-123456789012-${s.sid}`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@aws-sdk/client-sagemaker';
import { createSandbox, type Sandbox } from '../../runner/sandbox/index.ts';
import { sagemakerOperations } from '../../runner/sandbox/sagemaker/index.ts';
import { register } from '../../runner/sandbox/sagemaker/util.ts';
import { newSandboxKeys } from '../../runner/target.ts';

describe('SageMaker operations are registered once each, under the API names', () => {
  let sandbox: Sandbox;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'naxt-registration-'));
    sandbox = await createSandbox({
      dataDir,
      timeScale: 1e7,
      accountId: '123456789012',
      region: 'us-east-1',
      credentials: newSandboxKeys(),
      contentDir: join(import.meta.dirname, '../../content'),
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a second module registering an operation that one already answers fails at start, naming the operation', () => {
    const again = () => ({ DescribeEndpoint: () => ({}) });
    expect(() => sagemakerOperations(sandbox.context, [again])).toThrow('The SageMaker operation DescribeEndpoint is registered twice.');
    expect(() => register({ ListModels: () => ({}) }, { ListModels: () => ({ Models: [] }) })).toThrow(/ListModels is registered twice/);
    // A new operation is simply added.
    expect(Object.keys(register({ ListModels: () => ({}) }, { ListEndpoints: () => ({}) }))).toEqual(['ListModels', 'ListEndpoints']);
  });

  it('every operation the sandbox answers is an operation of the SageMaker API: no internal building block is on the wire', () => {
    const names = Object.keys(sagemakerOperations(sandbox.context));
    expect(names.length).toBeGreaterThan(70);
    const notInTheSdk = names.filter((n) => !(`${n}Command` in sdk));
    expect(notInTheSdk).toEqual([]);
    for (const n of [
      'CreateTrainingJob',
      'CreateProcessingJob',
      'StopProcessingJob',
      'CreateLabelingJob',
      'DeletePipeline',
      'CreateWorkteam',
      'DescribeWorkteam',
      'ListWorkteams',
      'StartPipelineExecution',
    ])
      expect(names).toContain(n);
  });
});

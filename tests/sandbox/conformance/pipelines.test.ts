import { describe, expect, it } from 'vitest';
import {
  CreatePipelineCommand,
  DeletePipelineCommand,
  DescribePipelineCommand,
  DescribePipelineExecutionCommand,
  ListPipelineExecutionStepsCommand,
  ResourceNotFound,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  UpdatePipelineCommand,
  paginateListPipelineExecutions,
  paginateListPipelines,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { ROLE, IMAGE, arn, conformance, failure } from './fixture.ts';

const t = conformance();

const definition = (steps: string[]) =>
  JSON.stringify({
    Version: '2020-12-01',
    Parameters: [{ Name: 'InstanceType', Type: 'String', DefaultValue: 'ml.m5.xlarge' }],
    Steps: steps.map((name, i) => ({
      Name: name,
      Type: 'Processing',
      ...(i > 0 ? { DependsOn: [steps[i - 1]] } : {}),
      Arguments: {
        RoleArn: ROLE,
        AppSpecification: { ImageUri: IMAGE },
        ProcessingResources: { ClusterConfig: { InstanceType: { Get: 'Parameters.InstanceType' }, InstanceCount: 1, VolumeSizeInGB: 30 } },
      },
    })),
  });

/** SageMaker has no waiter for pipeline executions: poll as a learner's cell does. */
async function until(sm: SageMakerClient, arnOf: string, done: string[]): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const s = (await sm.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arnOf }))).PipelineExecutionStatus!;
    if (done.includes(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`execution ${arnOf} did not reach ${done.join('/')}`);
}

describe('pipelines and their executions', () => {
  it('create, describe, update and list pipelines; a taken name and a missing one answer as SageMaker does', async () => {
    const { PipelineArn } = await t.sm.send(
      new CreatePipelineCommand({ PipelineName: 'pl-a', RoleArn: ROLE, PipelineDefinition: definition(['Evaluate']) }),
    );
    expect(PipelineArn).toBe(arn('pipeline', 'pl-a'));
    await t.sm.send(new CreatePipelineCommand({ PipelineName: 'pl-b', RoleArn: ROLE, PipelineDefinition: definition(['Evaluate']) }));
    await t.sm.send(new UpdatePipelineCommand({ PipelineName: 'pl-a', PipelineDefinition: definition(['Evaluate', 'Report']) }));
    const d = await t.sm.send(new DescribePipelineCommand({ PipelineName: 'pl-a' }));
    expect(d.PipelineStatus).toBe('Active');
    expect((JSON.parse(d.PipelineDefinition!) as { Steps: { Name: string }[] }).Steps.map((s) => s.Name)).toEqual(['Evaluate', 'Report']);
    const names: string[] = [];
    for await (const p of paginateListPipelines(
      { client: t.sm, pageSize: 1 },
      { PipelineNamePrefix: 'pl-', SortBy: 'Name', SortOrder: 'Ascending' },
    ))
      names.push(...p.PipelineSummaries!.map((s) => s.PipelineName!));
    expect(names).toEqual(['pl-a', 'pl-b']);

    const dup = await failure(
      t.sm.send(new CreatePipelineCommand({ PipelineName: 'pl-a', RoleArn: ROLE, PipelineDefinition: definition(['Evaluate']) })),
    );
    expect([dup.name, dup.message]).toEqual([
      'ValidationException',
      'Pipeline names must be unique within an AWS account and region. Pipeline with name (pl-a) already exists.',
    ]);
    const missing = await failure(t.sm.send(new DescribePipelineCommand({ PipelineName: 'pl-none' })));
    expect(missing).toBeInstanceOf(ResourceNotFound);
    expect(missing.message).toBe(`Pipeline '${arn('pipeline', 'pl-none')}' does not exist.`);
    expect(await failure(t.sm.send(new StartPipelineExecutionCommand({ PipelineName: 'pl-none' })))).toBeInstanceOf(ResourceNotFound);
    expect(
      (await failure(t.sm.send(new CreatePipelineCommand({ PipelineName: 'pl-bad', RoleArn: ROLE, PipelineDefinition: '{not json' }))))
        .name,
    ).toBe('ValidationException');
    // A definition that parses but is no object, and one without steps, are refused on create and on update; the pipeline keeps its definition.
    for (const bad of ['null', '[]', '"steps"', '{"Steps":[]}']) {
      const created = await failure(
        t.sm.send(new CreatePipelineCommand({ PipelineName: 'pl-bad', RoleArn: ROLE, PipelineDefinition: bad })),
      );
      expect([created.name, created.$metadata?.httpStatusCode]).toEqual(['ValidationException', 400]);
      const updated = await failure(t.sm.send(new UpdatePipelineCommand({ PipelineName: 'pl-a', PipelineDefinition: bad })));
      expect([updated.name, updated.$metadata?.httpStatusCode]).toEqual(['ValidationException', 400]);
    }
    const kept = await t.sm.send(new DescribePipelineCommand({ PipelineName: 'pl-a' }));
    expect((JSON.parse(kept.PipelineDefinition!) as { Steps: unknown[] }).Steps).toHaveLength(2);
  });

  it('an execution runs its steps in order to Succeeded; the steps list each job it created', async () => {
    const { PipelineExecutionArn } = await t.sm.send(
      new StartPipelineExecutionCommand({ PipelineName: 'pl-a', PipelineParameters: [{ Name: 'InstanceType', Value: 'ml.m5.large' }] }),
    );
    expect(PipelineExecutionArn).toMatch(new RegExp(`^${arn('pipeline', 'pl-a')}/execution/[a-z0-9]+$`));
    expect(await until(t.sm, PipelineExecutionArn!, ['Succeeded', 'Failed'])).toBe('Succeeded');
    const steps = (await t.sm.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn }))).PipelineExecutionSteps!;
    expect(steps.map((s) => [s.StepName, s.StepStatus])).toEqual([
      ['Report', 'Succeeded'],
      ['Evaluate', 'Succeeded'],
    ]);
    expect(steps[1].Metadata?.ProcessingJob?.Arn).toMatch(/:processing-job\/pipelines-/);
    const page1 = await t.sm.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn, MaxResults: 1 }));
    expect(page1.PipelineExecutionSteps?.map((s) => s.StepName)).toEqual(['Report']);
    expect(page1.NextToken).toBeTruthy();
  });

  it('StopPipelineExecution: Stopping, then Stopped; executions page one at a time; DeletePipeline removes it', async () => {
    const { PipelineExecutionArn } = await t.sm.send(new StartPipelineExecutionCommand({ PipelineName: 'pl-a' }));
    await t.sm.send(new StopPipelineExecutionCommand({ PipelineExecutionArn }));
    expect((await t.sm.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn }))).PipelineExecutionStatus).toBe('Stopping');
    expect(await until(t.sm, PipelineExecutionArn!, ['Stopped'])).toBe('Stopped');
    const statuses: string[] = [];
    for await (const p of paginateListPipelineExecutions({ client: t.sm, pageSize: 1 }, { PipelineName: 'pl-a' }))
      statuses.push(...p.PipelineExecutionSummaries!.map((e) => e.PipelineExecutionStatus!));
    expect(statuses).toEqual(['Stopped', 'Succeeded']);
    await t.sm.send(new DeletePipelineCommand({ PipelineName: 'pl-a' }));
    expect(await failure(t.sm.send(new DescribePipelineCommand({ PipelineName: 'pl-a' })))).toBeInstanceOf(ResourceNotFound);
    expect(await failure(t.sm.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn })))).toBeInstanceOf(ResourceNotFound);
  });
});

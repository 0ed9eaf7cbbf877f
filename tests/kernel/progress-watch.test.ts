import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../runner/contracts.ts';
import { progressWatch } from '../../runner/kernel/progress-watch.ts';

function setup() {
  let t = 1_000_000;
  const events: ProgressEvent[] = [];
  const watch = progressWatch({
    estimatesMs: { 'endpoint:Creating': 6000, 'endpoint:Deleting': 2000, 'training-job:InProgress': 10_000 },
    emit: (e) => events.push(e),
    now: () => t,
    minIntervalMs: 0,
  });
  return { watch, events, advance: (ms: number) => (t += ms), now: () => t };
}

describe('the progress watch', () => {
  it('starts a bar at the first transitional status and ends it with the final one, timed from CreationTime', () => {
    const { watch, events, advance, now } = setup();
    const created = new Date(now() - 1000);
    watch.observe(
      'DescribeEndpoint',
      { EndpointName: 'e' },
      { EndpointName: 'e', EndpointStatus: 'Creating', CreationTime: created, LastModifiedTime: created },
    );
    advance(2000);
    watch.observe(
      'DescribeEndpoint',
      { EndpointName: 'e' },
      { EndpointName: 'e', EndpointStatus: 'Creating', CreationTime: created, LastModifiedTime: created },
    );
    advance(2000);
    watch.observe(
      'DescribeEndpoint',
      { EndpointName: 'e' },
      { EndpointName: 'e', EndpointStatus: 'InService', CreationTime: created, LastModifiedTime: new Date(now()) },
    );
    expect(events.map((e) => [e.status, e.elapsedMs, e.fraction])).toEqual([
      ['Creating', 1000, 1000 / 6000],
      ['Creating', 3000, 0.5],
      ['InService', 5000, 1],
    ]);
    expect(events.at(-1)!.state).toBe('succeeded');
  });

  it('shows no bar for a resource that is only read in a final status', () => {
    const { watch, events } = setup();
    watch.observe('DescribeEndpoint', { EndpointName: 'e' }, { EndpointName: 'e', EndpointStatus: 'InService' });
    watch.observe('DescribeTrainingJob', { TrainingJobName: 'j' }, { TrainingJobName: 'j', TrainingJobStatus: 'Completed' });
    watch.observe('ListEndpoints', {}, { Endpoints: [{ EndpointName: 'e', EndpointStatus: 'Creating' }] });
    expect(events).toEqual([]);
  });

  it('ends with a bar for an operation this cell started even when the first look finds it done', () => {
    const { watch, events } = setup();
    watch.observe('CreateTrainingJob', { TrainingJobName: 'j' }, { TrainingJobArn: 'arn' });
    watch.observe(
      'DescribeTrainingJob',
      { TrainingJobName: 'j' },
      { TrainingJobName: 'j', TrainingJobStatus: 'Failed', SecondaryStatus: 'Failed', FailureReason: 'AlgorithmError: x' },
    );
    expect(events).toMatchObject([{ status: 'Failed', state: 'failed', reason: 'AlgorithmError: x' }]);
  });

  it('turns "Could not find endpoint" after Deleting into Deleted, timed from the start of the deletion', () => {
    const setupClock = setup();
    const { watch, events } = setupClock;
    const { advance, now } = setupClock;
    watch.observe(
      'DescribeEndpoint',
      { EndpointName: 'e' },
      { EndpointName: 'e', EndpointStatus: 'Deleting', LastModifiedTime: new Date(now() - 500) },
    );
    advance(1500);
    const gone = Object.assign(new Error('Could not find endpoint "e".'), { name: 'ValidationException' });
    watch.failed('DescribeEndpoint', { EndpointName: 'e' }, gone);
    expect(events.map((e) => [e.status, e.state, e.elapsedMs])).toEqual([
      ['Deleting', 'running', 500],
      ['Deleted', 'succeeded', 2000],
    ]);
    // A missing endpoint nobody was waiting for is not a deletion.
    watch.failed('DescribeEndpoint', { EndpointName: 'other' }, gone);
    expect(events).toHaveLength(2);
  });

  it('names the current step of a pipeline execution', () => {
    const { watch, events } = setup();
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/p/execution/abc123';
    watch.observe(
      'ListPipelineExecutionSteps',
      { PipelineExecutionArn: arn },
      {
        PipelineExecutionSteps: [
          { StepName: 'FineTune', StepStatus: 'Executing' },
          { StepName: 'Evaluate', StepStatus: 'Succeeded' },
        ],
      },
    );
    watch.observe(
      'DescribePipelineExecution',
      { PipelineExecutionArn: arn },
      { PipelineExecutionArn: arn, PipelineExecutionStatus: 'Executing' },
    );
    expect(events).toMatchObject([
      { kind: 'pipeline-execution', name: 'p · abc123', status: 'Executing', detail: 'FineTune (Executing)', state: 'running' },
    ]);
    expect(events[0].fraction).toBeUndefined();
  });

  it('never throws on an answer of an unexpected shape', () => {
    const { watch } = setup();
    expect(() => watch.observe('DescribeEndpoint', undefined, null)).not.toThrow();
    expect(() => watch.observe('DescribeTrainingJob', {}, 42)).not.toThrow();
  });
});

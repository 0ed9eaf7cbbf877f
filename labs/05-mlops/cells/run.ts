import {
  SageMakerClient,
  StartPipelineExecutionCommand,
  DescribePipelineCommand,
  DescribePipelineExecutionCommand,
  ListPipelineExecutionsCommand,
  ListPipelineExecutionStepsCommand,
} from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});

const { LastModifiedTime } = await sm.send(new DescribePipelineCommand({ PipelineName: pipelineName }));

/**
 * The execution of the current definition under `name`: one that is still running, succeeded, or failed at the
 * pipeline's own Fail step (its verdict) is reused — running the cell again does not train twice; otherwise a new
 * one starts.
 */
async function execution(name: string, parameters: { Name: string; Value: string }[]): Promise<string> {
  const { PipelineExecutionSummaries = [] } = await sm.send(
    new ListPipelineExecutionsCommand({ PipelineName: pipelineName, SortBy: 'CreationTime', SortOrder: 'Descending' }),
  );
  for (const e of PipelineExecutionSummaries.filter((x) => x.PipelineExecutionDisplayName === name && x.StartTime! >= LastModifiedTime!)) {
    const steps =
      (await sm.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: e.PipelineExecutionArn }))).PipelineExecutionSteps ?? [];
    const verdict = e.PipelineExecutionStatus === 'Failed' && steps.some((s) => s.Metadata?.Fail);
    if (['Executing', 'Succeeded'].includes(e.PipelineExecutionStatus ?? '') || verdict) {
      console.log(`  (reusing ${name}, started ${e.StartTime!.toISOString()})`);
      return e.PipelineExecutionArn!;
    }
  }
  return (
    await sm.send(
      new StartPipelineExecutionCommand({ PipelineName: pipelineName, PipelineExecutionDisplayName: name, PipelineParameters: parameters }),
    )
  ).PipelineExecutionArn!;
}

/** Runs (or finds) an execution and prints each step as it changes, until the execution ends. */
async function runAndWatch(name: string, parameters: { Name: string; Value: string }[]) {
  const PipelineExecutionArn = await execution(name, parameters);
  const seen = new Map<string, string>();
  for (;;) {
    const steps = (await sm.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn }))).PipelineExecutionSteps ?? [];
    for (const s of [...steps].reverse()) {
      const line = `${s.StepStatus}${s.Metadata?.Condition ? ` (outcome ${s.Metadata.Condition.Outcome})` : ''}${s.FailureReason ? `: ${s.FailureReason}` : ''}`;
      if (seen.get(s.StepName!) !== line) console.log(`  ${s.StepName}: ${line}`);
      seen.set(s.StepName!, line);
    }
    const e = await sm.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn }));
    if (!['Executing', 'Stopping'].includes(e.PipelineExecutionStatus ?? '')) {
      console.log(`→ ${e.PipelineExecutionStatus}${e.FailureReason ? ` (${e.FailureReason})` : ''}`);
      return e.PipelineExecutionStatus;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

console.log('Execution with the default parameters:');
const good = await runAndWatch('default-parameters', []);
// TODO: a second execution, runAndWatch('tiny-learning-rate', …), with LearningRate '0.000001', to see the condition fail.
const bad = 'not run';
({ good, bad });

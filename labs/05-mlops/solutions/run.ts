import { SageMakerClient, StartPipelineExecutionCommand, DescribePipelineExecutionCommand, ListPipelineExecutionStepsCommand } from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});

/** Starts an execution and prints each step as it changes, until the execution ends. */
async function runAndWatch(parameters: { Name: string; Value: string }[]) {
  const { PipelineExecutionArn } = await sm.send(new StartPipelineExecutionCommand({ PipelineName: pipelineName, PipelineParameters: parameters }));
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
const good = await runAndWatch([]);
console.log('Execution with a learning rate far too small:');
const bad = await runAndWatch([{ Name: 'LearningRate', Value: '0.000001' }]);
({ good, bad });

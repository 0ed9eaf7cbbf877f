import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribePipelineCommand,
  ListModelPackageGroupsCommand,
  ListPipelineExecutionsCommand,
  ListPipelineExecutionStepsCommand,
} from '@aws-sdk/client-sagemaker';
import { fail, pass, type CheckContext, type LabChecks } from '../../core/checks.ts';

const names = (ctx: CheckContext) => ({
  group: `${ctx.workshop.prefix}chatbot-models-${ctx.workshop.sessionId}`,
  pipeline: `${ctx.workshop.prefix}chatbot-pipeline-${ctx.workshop.sessionId}`,
  endpoint: `${ctx.workshop.prefix}chatbot-${ctx.workshop.sessionId}`,
});

export const checks: LabChecks = {
  async groupReady(ctx) {
    const groups =
      (await ctx.clients.sagemaker.send(new ListModelPackageGroupsCommand({ NameContains: names(ctx).group })))
        .ModelPackageGroupSummaryList ?? [];
    if (!groups.some((g) => g.ModelPackageGroupName === names(ctx).group))
      return fail(
        `Model package group ${names(ctx).group} does not exist yet.`,
        'Run the cell: CreateModelPackageGroupCommand with that name and the workshop tags.',
      );
    return pass(`Model package group ${names(ctx).group} is ready.`);
  },

  async pipelineDefined(ctx) {
    const p = await ctx.clients.sagemaker.send(new DescribePipelineCommand({ PipelineName: names(ctx).pipeline })).catch(() => undefined);
    if (!p?.PipelineDefinition)
      return fail(
        `Pipeline ${names(ctx).pipeline} does not exist yet.`,
        'Run the cell: CreatePipelineCommand with the definition as JSON, the role and the tags.',
      );
    const def = JSON.parse(p.PipelineDefinition) as {
      Steps: { Type: string; Arguments?: { IfSteps?: { Type: string }[]; ElseSteps?: { Type: string }[] } }[];
    };
    const types = def.Steps.flatMap((s) => [
      s.Type,
      ...(s.Arguments?.IfSteps ?? []).map((x) => x.Type),
      ...(s.Arguments?.ElseSteps ?? []).map((x) => x.Type),
    ]);
    const missing = ['Training', 'Processing', 'Condition', 'RegisterModel', 'Fail'].filter((t) => !types.includes(t));
    if (missing.length)
      return fail(
        `The definition lacks ${missing.join(', ')} step(s).`,
        "Compare your definition with the solution: each of those steps must be in Steps (or in the condition's IfSteps/ElseSteps).",
      );
    if (types.indexOf('Processing') > types.indexOf('Training'))
      return fail(
        'The pipeline should start with the baseline evaluation of the base model.',
        'Put the Processing step that evaluates the base model before the Training step.',
      );
    // A Processing job gets its script only as an input (the SDK's ScriptProcessor: input `code` under /opt/ml/processing/input/code).
    type Proc = {
      Name: string;
      Type: string;
      Arguments?: {
        AppSpecification?: { ContainerEntrypoint?: string[] };
        ProcessingInputs?: { InputName?: string; S3Input?: { LocalPath?: string } }[];
      };
    };
    for (const s of def.Steps as Proc[]) {
      if (s.Type !== 'Processing') continue;
      const script = (s.Arguments?.AppSpecification?.ContainerEntrypoint ?? []).find((a) => a.endsWith('.py'));
      const code = (s.Arguments?.ProcessingInputs ?? []).find((i) => i.InputName === 'code');
      if (!script || !code?.S3Input?.LocalPath || !script.startsWith(code.S3Input.LocalPath.replace(/\/?$/, '/'))) {
        return fail(
          `Step ${s.Name} runs ${script ?? 'no script'}, but no input delivers it.`,
          'Add the ProcessingInput named code (S3Uri: evaluationCode, LocalPath: /opt/ml/processing/input/code) and run the script from there.',
        );
      }
    }
    return pass(`Pipeline ${names(ctx).pipeline}: ${types.join(' → ')}.`);
  },

  async bothPathsSeen(ctx) {
    const execs =
      (await ctx.clients.sagemaker.send(new ListPipelineExecutionsCommand({ PipelineName: names(ctx).pipeline })).catch(() => undefined))
        ?.PipelineExecutionSummaries ?? [];
    if (execs.length === 0) return fail('The pipeline has not run yet.', 'Run the cell: it starts an execution and follows its steps.');
    const outcomes = await Promise.all(
      execs.map(async (e) => {
        const steps =
          (await ctx.clients.sagemaker.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: e.PipelineExecutionArn })))
            .PipelineExecutionSteps ?? [];
        return {
          status: e.PipelineExecutionStatus,
          registered: steps.some((s) => s.Metadata?.RegisterModel?.Arn),
          failedCondition: steps.some((s) => s.Metadata?.Condition?.Outcome === 'False'),
        };
      }),
    );
    if (!outcomes.some((o) => o.status === 'Succeeded' && o.registered))
      return fail('No execution succeeded and registered a model yet.', 'Run it with the default parameters.');
    if (!outcomes.some((o) => o.status === 'Failed' && o.failedCondition))
      return fail('No execution has shown the failed-condition path yet.', 'Run it again with LearningRate 0.000001.');
    return pass('One execution registered the model; another stopped at the quality gate.');
  },

  async approvedModelServes(ctx) {
    const e = await ctx.clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: names(ctx).endpoint })).catch(() => undefined);
    if (e?.EndpointStatus !== 'InService')
      return fail(
        `Endpoint ${names(ctx).endpoint} is ${e?.EndpointStatus ?? 'missing'}.`,
        e
          ? 'Wait until it is InService (the cell waits for it), then check again.'
          : 'Run the cell: it approves the registered version and deploys it.',
      );
    const cfg = await ctx.clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: e.EndpointConfigName }));
    const model = await ctx.clients.sagemaker.send(new DescribeModelCommand({ ModelName: cfg.ProductionVariants?.[0]?.ModelName }));
    const pkg = model.PrimaryContainer?.ModelPackageName;
    if (!pkg)
      return fail('The deployed model does not come from the registry.', 'Create the model with Containers: [{ ModelPackageName }].');
    const d = await ctx.clients.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: pkg }));
    if (d.ModelApprovalStatus !== 'Approved')
      return fail(
        `The deployed package is ${d.ModelApprovalStatus}.`,
        "Approve it with UpdateModelPackageCommand (ModelApprovalStatus: 'Approved') before deploying.",
      );
    return pass(`Version ${d.ModelPackageVersion} of ${d.ModelPackageGroupName}, approved, serves at ${names(ctx).endpoint}.`);
  },
};

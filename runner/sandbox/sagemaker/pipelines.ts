import type { SandboxContext } from '../context.ts';
import { notFound, validation } from '../errors.ts';
import { kindOps } from './kinds.ts';
import { arnFor, createdBy, epoch, register, requireName, requireString, typedOps, type OpInput, type Operations } from './util.ts';

/**
 * A pipeline definition the executor can read: a JSON object with at least one step. SageMaker refuses a definition
 * it cannot parse with a ValidationException (API reference, CreatePipeline/UpdatePipeline: PipelineDefinition is
 * "The JSON pipeline definition"); the sentences are unverified.
 */
function checkDefinition(def: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(def);
  } catch {
    throw validation('PipelineDefinition is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw validation('PipelineDefinition is not a JSON object.');
  const steps = 'Steps' in parsed ? parsed.Steps : undefined;
  if (!Array.isArray(steps) || steps.length === 0) throw validation('The pipeline definition has no Steps.');
  return def;
}

/** Pipelines (their executions run in pipeline-executor.ts). */
export function pipelineOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const kind = kindOps<OpInput<'CreatePipeline'>>(ctx, {
    kind: 'pipeline',
    noun: 'pipeline',
    arnType: 'pipeline',
    nameField: 'PipelineName',
    arnField: 'PipelineArn',
    // DeletePipeline also deletes the pipeline's executions (below).
    ops: { create: 'CreatePipeline', describe: 'DescribePipeline', list: 'ListPipelines' },
    listKey: 'PipelineSummaries',
    statusField: 'PipelineStatus',
    sortKeys: ['Name', 'CreationTime'],
    arnAccepted: ['describe'],
    // ResourceNotFound on describe/update/delete: hashicorp/terraform-provider-aws internal/service/sagemaker/pipeline.go (wording unconfirmed)
    missing: (_n, arn) => notFound(`Pipeline '${arn}' does not exist.`),
    // ValidationException "Pipeline names must be unique within…": aws/sagemaker-python-sdk src/sagemaker/workflow/pipeline.py (Pipeline.upsert)
    duplicate: (name) =>
      validation(`Pipeline names must be unique within an AWS account and region. Pipeline with name (${name}) already exists.`),
    create(c, input) {
      const def = checkDefinition(requireString(input, 'PipelineDefinition'));
      requireString(input, 'RoleArn');
      return {
        PipelineDefinition: def,
        RoleArn: input.RoleArn,
        PipelineDisplayName: input.PipelineDisplayName ?? input.PipelineName,
        PipelineDescription: input.PipelineDescription,
        CreatedBy: createdBy(c),
        LastModifiedBy: createdBy(c),
      };
    },
    timeline: (c) => [{ at: c.store.now(), status: 'Active' }],
    summary: (r) => ({
      PipelineName: r.name,
      PipelineArn: r.arn,
      PipelineDisplayName: r.data.PipelineDisplayName,
      RoleArn: r.data.RoleArn,
      CreationTime: epoch(r.createdAt),
      LastModifiedTime: epoch(store.modifiedAt(r)),
    }),
  });
  const pipeline = (name: string) => {
    const r = store.get('pipeline', name);
    if (!r) throw notFound(`Pipeline '${arnFor(ctx, 'pipeline', name)}' does not exist.`);
    return r;
  };
  return register(
    kind,
    typedOps({
      UpdatePipeline: (input) => {
        const r = pipeline(requireName(input, 'PipelineName'));
        if (input.PipelineDefinition) r.data.PipelineDefinition = checkDefinition(input.PipelineDefinition);
        store.changed(r);
        return { PipelineArn: r.arn };
      },
      DeletePipeline: (input) => {
        const r = pipeline(requireName(input, 'PipelineName'));
        for (const e of store.list('pipeline-execution').filter((x) => x.data.PipelineArn === r.arn)) store.remove(e);
        store.remove(r);
        return { PipelineArn: r.arn };
      },
    }),
  );
}

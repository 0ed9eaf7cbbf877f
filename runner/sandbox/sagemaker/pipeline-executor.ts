import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';
import { notFound } from '../errors.ts';
import {
  arnFor,
  epoch,
  fields,
  invoke,
  pageOf,
  register,
  requireNameOrArn,
  requireString,
  statusOf,
  typedOps,
  type Input,
  type Operations,
} from './util.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';

interface StepDef {
  Name: string;
  Type: string;
  Arguments?: Input;
  DependsOn?: string[];
  PropertyFiles?: { PropertyFileName: string; OutputName: string; FilePath: string }[];
}
interface StepState {
  StepName: string;
  StepType: string;
  StepStatus: 'Executing' | 'Succeeded' | 'Failed' | 'Stopped';
  StartTime: number;
  EndTime?: number;
  Metadata: Input;
  FailureReason?: string;
  properties?: Input;
}

const DONE = ['Completed', 'Failed', 'Stopped'];

/** The runner stopped under a running execution: it records nothing more; the next runner resumes it. */
class RunnerStopped extends Error {}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Step names a value refers to (`{"Get": "Steps.X…"}`), anywhere inside it. */
function referencedSteps(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => referencedSteps(x, out));
  else if (v && typeof v === 'object') {
    const get = (v as Input).Get;
    if (typeof get === 'string' && get.startsWith('Steps.')) out.add(get.split('.')[1]);
    Object.values(v).forEach((x) => referencedSteps(x, out));
  }
  return out;
}

const pathGet = (o: unknown, path: string) =>
  path.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Input)[k.replace(/\[(\d+)\]$/, '')] : undefined), o);

/**
 * Executes a pipeline definition (Version 2020-12-01) the way SageMaker Pipelines does: steps in dependency
 * order (DependsOn and property references), each creating the real resource, conditions on property files
 * choosing a branch, and the first failure ending the execution.
 */
export function pipelineExecutionOps(ctx: SandboxContext, ops: () => Operations): Operations {
  const { store } = ctx;
  const live = new Set<string>();
  // StartPipelineExecution and ListPipelineExecutions take a pipeline name or ARN (`PipelineNameOrArn`, botocore sagemaker service-2.json).
  const pipelineName = (input: Input) => requireNameOrArn(ctx, input, 'PipelineName', 'pipeline', 'pipeline');

  const execution = (arn: string) => {
    const r = store.list('pipeline-execution').find((e) => e.arn === arn);
    if (!r) throw notFound(`Pipeline execution '${arn}' does not exist.`);
    return r;
  };
  const steps = (e: ResourceRecord) => (e.data.__steps ??= []) as StepState[];
  const save = (e: ResourceRecord) => store.changed(e);

  async function waitFor(kind: string, name: string): Promise<ResourceRecord> {
    for (;;) {
      if (store.closed) throw new RunnerStopped();
      const r = store.get(kind, name);
      if (!r) throw new Error(`${kind} ${name} disappeared`);
      if (DONE.includes(statusOf(r))) return r;
      await sleep(Math.max(20, Math.min(2000, store.scaled(30_000))));
    }
  }

  async function run(e: ResourceRecord): Promise<void> {
    if (live.has(e.arn)) return;
    live.add(e.arn);
    try {
      const pipeline = store.list('pipeline').find((p) => p.arn === e.data.PipelineArn);
      if (!pipeline) throw new Error('The pipeline was deleted.');
      const def = JSON.parse(String(e.data.__definition)) as { Parameters?: { Name: string; DefaultValue?: unknown }[]; Steps: StepDef[] };
      const params: Input = Object.fromEntries((def.Parameters ?? []).map((p) => [p.Name, p.DefaultValue]));
      for (const p of (e.data.PipelineParameters ?? []) as { Name: string; Value: string }[]) params[p.Name] = p.Value;
      const byName = new Map<string, StepDef>();
      const collect = (list: StepDef[]) =>
        list.forEach((s) => {
          byName.set(s.Name, s);
          if (s.Type === 'Condition')
            collect([...((s.Arguments?.IfSteps ?? []) as StepDef[]), ...((s.Arguments?.ElseSteps ?? []) as StepDef[])]);
        });
      collect(def.Steps);
      const state = (name: string) => steps(e).find((s) => s.StepName === name);
      const execId = e.arn.split('/').pop()!;

      const resolve = async (v: unknown): Promise<unknown> => {
        if (Array.isArray(v)) return Promise.all(v.map(resolve));
        if (!v || typeof v !== 'object') return v;
        const o = v as Input;
        if (typeof o.Get === 'string') {
          const [root, ...rest] = o.Get.split('.');
          if (root === 'Parameters') return params[rest[0]];
          if (root === 'Execution') return rest[0] === 'PipelineExecutionArn' ? e.arn : execId;
          if (root === 'Steps') {
            const s = state(rest[0]);
            if (rest[1] === 'PropertyFiles') return { __propertyFile: { step: rest[0], name: rest[2] } };
            return pathGet(s?.properties, rest.slice(1).join('.'));
          }
        }
        if (o['Std:Join']) {
          const j = o['Std:Join'] as { On: string; Values: unknown[] };
          return ((await resolve(j.Values)) as unknown[]).join(j.On);
        }
        if (o['Std:JsonGet']) {
          const j = o['Std:JsonGet'] as { PropertyFile: unknown; Path: string };
          const ref = ((await resolve(j.PropertyFile)) as { __propertyFile?: { step: string; name: string } }).__propertyFile;
          const stepDef = ref && byName.get(ref.step);
          const pf = stepDef?.PropertyFiles?.find((p) => p.PropertyFileName === ref!.name);
          const outputs = (pathGet(state(ref!.step)?.properties, 'ProcessingOutputConfig.Outputs') ?? []) as {
            OutputName: string;
            S3Output: { S3Uri: string };
          }[];
          const uri = outputs.find((x) => x.OutputName === pf?.OutputName)?.S3Output.S3Uri;
          const m = s3Location(uri);
          const obj = m ? await store.getObject(m.bucket, keyUnder(m.key, `${pf!.FilePath}`)) : undefined;
          if (!obj) throw new Error(`Property file ${ref?.name} of step ${ref?.step} was not found`);
          return pathGet(JSON.parse(obj.body.toString('utf8')), j.Path);
        }
        return Object.fromEntries(await Promise.all(Object.entries(o).map(async ([k, x]) => [k, await resolve(x)])));
      };

      const compare = (type: string, l: number, r: number) =>
        (
          ({ GreaterThanOrEqualTo: l >= r, GreaterThan: l > r, LessThanOrEqualTo: l <= r, LessThan: l < r, Equals: l === r }) as Record<
            string,
            boolean
          >
        )[type];

      const runStep = async (s: StepDef): Promise<boolean> => {
        const prior = state(s.Name);
        if (prior?.StepStatus === 'Succeeded') return true;
        for (const dep of new Set([...(s.DependsOn ?? []), ...referencedSteps(s.Arguments)])) {
          if (state(dep)?.StepStatus !== 'Succeeded') {
            const d = byName.get(dep);
            if (!d || !(await runStep(d))) return false;
          }
        }
        const st: StepState = prior ?? {
          StepName: s.Name,
          StepType: s.Type,
          StepStatus: 'Executing',
          StartTime: store.now(),
          Metadata: {},
        };
        if (!prior) steps(e).push(st);
        st.StepStatus = 'Executing';
        save(e);
        const jobName = `pipelines-${execId}-${s.Name}`.replace(/[^a-zA-Z0-9-]/g, '-').slice(0, 63);
        try {
          const args = (await resolve(s.Arguments ?? {})) as Input;
          if (s.Type === 'Training') {
            if (!store.get('training-job', jobName)) await invoke(ops(), 'CreateTrainingJob', { ...args, TrainingJobName: jobName });
            const job = await waitFor('training-job', jobName);
            st.Metadata = { TrainingJob: { Arn: job.arn } };
            st.properties = await invoke(ops(), 'DescribeTrainingJob', { TrainingJobName: jobName });
            if (statusOf(job) !== 'Completed')
              throw new Error(`Training job ${jobName} ${statusOf(job)}: ${String(job.data.FailureReason ?? '')}`);
          } else if (s.Type === 'Processing') {
            if (!store.get('processing-job', jobName)) await invoke(ops(), 'CreateProcessingJob', { ...args, ProcessingJobName: jobName });
            const job = await waitFor('processing-job', jobName);
            st.Metadata = { ProcessingJob: { Arn: job.arn } };
            st.properties = await invoke(ops(), 'DescribeProcessingJob', { ProcessingJobName: jobName });
            if (statusOf(job) !== 'Completed')
              throw new Error(`Processing job ${jobName} ${statusOf(job)}: ${String(job.data.FailureReason ?? '')}`);
          } else if (s.Type === 'RegisterModel') {
            const out = await invoke(ops(), 'CreateModelPackage', args);
            st.Metadata = { RegisterModel: { Arn: out.ModelPackageArn } };
            st.properties = { ModelPackageArn: out.ModelPackageArn };
          } else if (s.Type === 'Model') {
            const out = await invoke(ops(), 'CreateModel', { ...args, ModelName: jobName });
            st.Metadata = { Model: { Arn: out.ModelArn } };
            st.properties = { ModelName: jobName, ModelArn: out.ModelArn };
          } else if (s.Type === 'Condition') {
            const conditions = (args.Conditions ?? []) as { Type: string; LeftValue: unknown; RightValue: unknown }[];
            const outcome = conditions.every((c) => compare(c.Type, Number(c.LeftValue), Number(c.RightValue)));
            st.Metadata = { Condition: { Outcome: outcome ? 'True' : 'False' } };
            st.StepStatus = 'Succeeded';
            st.EndTime = store.now();
            save(e);
            for (const b of ((outcome ? s.Arguments?.IfSteps : s.Arguments?.ElseSteps) ?? []) as StepDef[])
              if (!(await runStep(b))) return false;
            return true;
          } else if (s.Type === 'Fail') {
            const message = String(args.ErrorMessage ?? 'The pipeline failed.');
            st.Metadata = { Fail: { ErrorMessage: message } };
            throw new Error(message);
          } else {
            throw new Error(`The workshop sandbox does not run ${s.Type} steps.`);
          }
          st.StepStatus = 'Succeeded';
          st.EndTime = store.now();
          save(e);
          return true;
        } catch (error) {
          if (store.closed) throw new RunnerStopped();
          st.StepStatus = 'Failed';
          st.FailureReason = (error as Error).message;
          st.EndTime = store.now();
          save(e);
          return false;
        }
      };

      let ok = true;
      for (const s of def.Steps) {
        if (store.closed) return;
        if (statusOf(e) !== 'Executing') return; // stopped
        if (!(await runStep(s))) {
          ok = false;
          break;
        }
      }
      if (store.closed) return;
      store.reschedule(e, [
        ok
          ? { at: store.now(), status: 'Succeeded' }
          : { at: store.now(), status: 'Failed', patch: { FailureReason: 'Step failure: One or multiple steps failed.' } },
      ]);
    } catch (error) {
      if (error instanceof RunnerStopped || store.closed) return;
      store.reschedule(e, [{ at: store.now(), status: 'Failed', patch: { FailureReason: (error as Error).message } }]);
    } finally {
      live.delete(e.arn);
    }
  }

  /** An execution the runner was running when it stopped goes on from its last finished step. */
  const resume = (e: ResourceRecord) => {
    if (statusOf(e) === 'Executing' && !live.has(e.arn) && !store.closed) void run(e);
  };
  // A new runner picks up the executions the previous one left running, as the service would carry on.
  setTimeout(() => {
    if (!store.closed) for (const e of store.list('pipeline-execution')) resume(e);
  }, 0);

  return register(
    {
      DescribePipelineExecution(input) {
        const e = execution(requireString(input, 'PipelineExecutionArn'));
        resume(e);
        // DescribePipelineExecutionResponse has no PipelineParameters (botocore sagemaker service-2.json); the record keeps them for the run.
        const { PipelineParameters: _kept, ...described } = fields(e);
        return {
          ...described,
          PipelineExecutionStatus: statusOf(e),
          CreationTime: epoch(e.createdAt),
          LastModifiedTime: epoch(store.modifiedAt(e)),
        };
      },
      ListPipelineExecutions(input) {
        const name = pipelineName(input);
        const p = store.get('pipeline', name);
        if (!p) throw notFound(`Pipeline '${arnFor(ctx, 'pipeline', name)}' does not exist.`);
        const all = store
          .list('pipeline-execution')
          .filter((e) => e.data.PipelineArn === p.arn)
          .sort((a, b) => b.createdAt - a.createdAt);
        const { page, NextToken } = pageOf(all, input, 10);
        return {
          NextToken,
          PipelineExecutionSummaries: page.map((e) => ({
            PipelineExecutionArn: e.arn,
            StartTime: epoch(e.createdAt),
            PipelineExecutionStatus: statusOf(e),
            PipelineExecutionDisplayName: e.data.PipelineExecutionDisplayName,
            PipelineExecutionFailureReason: e.data.FailureReason,
          })),
        };
      },
      ListPipelineExecutionSteps(input) {
        const e = execution(requireString(input, 'PipelineExecutionArn'));
        resume(e);
        const { page, NextToken } = pageOf(
          [...steps(e)].sort((a, b) => b.StartTime - a.StartTime),
          input,
          20,
        );
        const list = page.map((s) => ({
          StepName: s.StepName,
          StepDisplayName: s.StepName,
          StartTime: epoch(s.StartTime),
          ...(s.EndTime ? { EndTime: epoch(s.EndTime) } : {}),
          StepStatus: s.StepStatus,
          FailureReason: s.FailureReason,
          Metadata: s.Metadata,
        }));
        return { PipelineExecutionSteps: list, NextToken };
      },
    },
    typedOps({
      StartPipelineExecution: (input) => {
        const name = pipelineName(input);
        const p = store.get('pipeline', name);
        if (!p) throw notFound(`Pipeline '${arnFor(ctx, 'pipeline', name)}' does not exist.`);
        const id = randomBytes(6).toString('hex');
        const arn = `${p.arn}/execution/${id}`;
        const e = store.create(
          'pipeline-execution',
          `${p.name}/${id}`,
          arn,
          {
            PipelineArn: p.arn,
            PipelineExecutionArn: arn,
            PipelineExecutionDisplayName: input.PipelineExecutionDisplayName ?? `execution-${id}`,
            PipelineParameters: input.PipelineParameters ?? [],
            __definition: p.data.PipelineDefinition,
            __steps: [],
          },
          [{ at: store.now(), status: 'Executing' }],
        );
        void run(e);
        return { PipelineExecutionArn: arn };
      },
      StopPipelineExecution: (input) => {
        const e = execution(requireString(input, 'PipelineExecutionArn'));
        if (statusOf(e) === 'Executing')
          store.reschedule(e, [
            { at: store.now(), status: 'Stopping' },
            { at: store.now() + store.scaled(60_000), status: 'Stopped' },
          ]);
        return { PipelineExecutionArn: e.arn };
      },
    }),
  );
}

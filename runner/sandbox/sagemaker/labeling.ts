import type { SandboxContext } from '../context.ts';
import { AwsError } from '../errors.ts';
import { statusOf, type Input } from './util.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';

/** A task a human worker answers on the workshop's worker page. */
export interface WorkerTask {
  taskId: string;
  jobName: string;
  /** The data object of the input manifest (`source`). */
  source: string;
  /** The question the task UI asks, from the job's description or the UI template's header. */
  instructions: string;
}

interface StoredTask {
  taskId: string;
  source: string;
  answer?: Record<string, string>;
  answeredAt?: number;
}


/** Reads a labeling job's input manifest into tasks (one per line with a `source`). */
export async function tasksFromManifest(ctx: SandboxContext, manifestUri: string): Promise<StoredTask[]> {
  const m = s3Location(manifestUri);
  const obj = m ? await ctx.store.getObject(m.bucket, m.key) : undefined;
  if (!obj) throw new AwsError('ValidationException', `Cannot read the input manifest ${manifestUri}.`);
  const lines = obj.body.toString('utf8').split('\n').filter((l) => l.trim());
  if (lines.length === 0) throw new AwsError('ValidationException', `The input manifest ${manifestUri} has no data objects.`);
  return lines.map((l, i) => {
    let source: unknown;
    try {
      source = (JSON.parse(l) as { source?: unknown }).source;
    } catch {
      throw new AwsError('ValidationException', `Line ${i + 1} of the input manifest is not JSON.`);
    }
    if (typeof source !== 'string') throw new AwsError('ValidationException', `Line ${i + 1} of the input manifest has no "source".`);
    return { taskId: `${i}`, source };
  });
}

/** The worker side of the private workforce: what the worker page lists and submits. */
export function workerApi(ctx: SandboxContext) {
  const open = () => ctx.store.list('labeling-job').filter((j) => statusOf(j) === 'InProgress');
  return {
    listTasks(): WorkerTask[] {
      return open().flatMap((j) => ((j.data.__tasks ?? []) as StoredTask[]).filter((t) => !t.answer).map((t) => ({
        taskId: `${j.name}:${t.taskId}`,
        jobName: j.name,
        source: t.source,
        instructions: String((j.data.HumanTaskConfig as Input).TaskDescription ?? (j.data.HumanTaskConfig as Input).TaskTitle ?? 'Answer the task'),
      })));
    },
    async submitTask(taskId: string, answer: Record<string, string>): Promise<{ remaining: number }> {
      const [jobName, id] = taskId.split(':');
      const job = ctx.store.get('labeling-job', jobName ?? '');
      if (!job || statusOf(job) !== 'InProgress') throw new AwsError('ResourceNotFound', `No open labeling task ${taskId}.`, 404);
      const tasks = (job.data.__tasks ?? []) as StoredTask[];
      const task = tasks.find((t) => t.taskId === id);
      if (!task || task.answer) throw new AwsError('ResourceNotFound', `No open labeling task ${taskId}.`, 404);
      task.answer = answer;
      task.answeredAt = ctx.store.now();
      const done = tasks.filter((t) => t.answer).length;
      job.data.LabelCounters = { TotalLabeled: done, HumanLabeled: done, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: tasks.length - done };
      ctx.store.changed();
      if (done === tasks.length) await complete(ctx, job.name);
      return { remaining: tasks.length - done };
    },
  };
}

/** Every object labeled: write the Ground Truth output manifest and complete the job. */
async function complete(ctx: SandboxContext, name: string): Promise<void> {
  const job = ctx.store.get('labeling-job', name)!;
  const attr = String(job.data.LabelAttributeName);
  const out = String((job.data.OutputConfig as Input).S3OutputPath);
  const m = s3Location(out);
  if (!m || !ctx.store.bucket(m.bucket)) throw new AwsError('ValidationException', `Cannot write to the output path ${out}.`);
  const key = keyUnder(m.key, `${name}/manifests/output/output.manifest`);
  const lines = ((job.data.__tasks ?? []) as StoredTask[]).map((t) => JSON.stringify({
    source: t.source,
    [attr]: t.answer,
    [`${attr}-metadata`]: { 'job-name': `labeling-job/${name}`, type: 'groundtruth/custom', 'human-annotated': 'yes', 'creation-date': new Date(t.answeredAt ?? ctx.store.now()).toISOString() },
  }));
  await ctx.store.putObject(m.bucket, key, Buffer.from(`${lines.join('\n')}\n`), { contentType: 'application/jsonlines' });
  ctx.store.reschedule(job, [{ at: ctx.store.now(), status: 'Completed', patch: { LabelingJobOutput: { OutputDatasetS3Uri: `s3://${m.bucket}/${key}` } } }]);
}

import type { SandboxContext } from '../context.ts';
import { AwsError, validation } from '../errors.ts';
import { described, statusOf, type Input, type OpInput } from './util.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';
import { contentJson } from '../content-file.ts';

/** A task a human worker answers on the workshop's worker page. */
export interface WorkerTask {
  taskId: string;
  jobName: string;
  /** The data object of the input manifest (`source`). */
  source: string;
  /** The question the task UI asks, from the job's description or the UI template's header. */
  instructions: string;
  /** Workers each data object goes to (`NumberOfHumanWorkersPerDataObject`) and how many have answered it. */
  workersPerObject: number;
  answers: number;
}

interface WorkerAnswer {
  workerId: string;
  answer: Record<string, string>;
  at: number;
}

interface StoredTask {
  taskId: string;
  source: string;
  answers?: WorkerAnswer[];
  /** One answer per object, as states saved before several workers per object were honoured kept it. */
  answer?: Record<string, string>;
  answeredAt?: number;
}

const answersOf = (t: StoredTask): WorkerAnswer[] =>
  t.answers ?? (t.answer ? [{ workerId: 'private.worker-1', answer: t.answer, at: t.answeredAt ?? 0 }] : []);

/** How many workers answer each data object before Ground Truth consolidates it. */
export const workersPerObject = (job: { data: Input }) =>
  Number(described<'DescribeLabelingJob'>(job).HumanTaskConfig?.NumberOfHumanWorkersPerDataObject ?? 1);

/** Reads a labeling job's input manifest into tasks (one per line with a `source`). */
export async function tasksFromManifest(ctx: SandboxContext, manifestUri: string): Promise<StoredTask[]> {
  const m = s3Location(manifestUri);
  const obj = m ? await ctx.store.getObject(m.bucket, m.key) : undefined;
  if (!obj) throw validation(`Cannot read the input manifest ${manifestUri}.`);
  const lines = obj.body
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim());
  if (lines.length === 0) throw validation(`The input manifest ${manifestUri} has no data objects.`);
  return lines.map((l, i) => {
    let source: unknown;
    try {
      source = (JSON.parse(l) as { source?: unknown }).source;
    } catch {
      throw validation(`Line ${i + 1} of the input manifest is not JSON.`);
    }
    if (typeof source !== 'string') throw validation(`Line ${i + 1} of the input manifest has no "source".`);
    return { taskId: `${i}`, source };
  });
}

/** The worker side of the private workforce: what the worker page lists and submits. */
export function workerApi(ctx: SandboxContext) {
  const open = () => ctx.store.list('labeling-job').filter((j) => statusOf(j) === 'InProgress');
  return {
    /** Every data object still short of answers; with several workers per object, it comes back until each has answered. */
    listTasks(): WorkerTask[] {
      return open().flatMap((j) => {
        const need = workersPerObject(j);
        return ((j.data.__tasks ?? []) as StoredTask[])
          .filter((t) => answersOf(t).length < need)
          .map((t) => ({
            taskId: `${j.name}:${t.taskId}`,
            jobName: j.name,
            source: t.source,
            instructions: String(
              described<'DescribeLabelingJob'>(j).HumanTaskConfig?.TaskDescription ??
                described<'DescribeLabelingJob'>(j).HumanTaskConfig?.TaskTitle ??
                'Answer the task',
            ),
            workersPerObject: need,
            answers: answersOf(t).length,
          }));
      });
    },
    /**
     * One worker's answer to a data object. The learner stands in for the whole private workforce, so each answer
     * to the same object comes from the next worker of the team unless a worker id is given.
     */
    async submitTask(taskId: string, answer: Record<string, string>, workerId?: string): Promise<{ remaining: number }> {
      const [jobName, id] = taskId.split(':');
      const job = ctx.store.get('labeling-job', jobName ?? '');
      if (!job || statusOf(job) !== 'InProgress') throw new AwsError('ResourceNotFound', `No open labeling task ${taskId}.`, 404);
      const need = workersPerObject(job);
      const tasks = (job.data.__tasks ?? []) as StoredTask[];
      const task = tasks.find((t) => t.taskId === id);
      const answers = task ? answersOf(task) : [];
      if (!task || answers.length >= need) throw new AwsError('ResourceNotFound', `No open labeling task ${taskId}.`, 404);
      const worker = workerId ?? `private.${ctx.region}.naxt-worker-${answers.length + 1}`;
      if (answers.some((a) => a.workerId === worker)) throw validation(`Worker ${worker} has already answered task ${taskId}.`);
      task.answers = [...answers, { workerId: worker, answer, at: ctx.store.now() }];
      delete task.answer;
      delete task.answeredAt;
      // An object is labeled once all its workers have answered (then Ground Truth consolidates it).
      const done = tasks.filter((t) => answersOf(t).length >= need).length;
      job.data.LabelCounters = {
        TotalLabeled: done,
        HumanLabeled: done,
        MachineLabeled: 0,
        FailedNonRetryableError: 0,
        Unlabeled: tasks.length - done,
      };
      ctx.store.changed(job);
      if (done === tasks.length) await complete(ctx, job.name);
      return { remaining: tasks.reduce((n, t) => n + Math.max(0, need - answersOf(t).length), 0) };
    },
  };
}

/**
 * Every object labeled: write the Ground Truth output manifest and complete the job. A custom task's line carries
 * every worker's answer as the pass-through consolidation gives it: `<attr>.annotationsFromAllWorkers[]` of
 * `{ workerId, annotationData: { content: <the form's JSON> } }` (aws-samples/aws-sagemaker-ground-truth-recipe
 * resources/sample_annotation_consolidation_payload.json and aws_sagemaker_ground_truth_sample_lambda/annotation_consolidation_lambda.py).
 */
async function complete(ctx: SandboxContext, name: string): Promise<void> {
  const job = ctx.store.get('labeling-job', name)!;
  const attr = String(job.data.LabelAttributeName);
  const out = String(described<'DescribeLabelingJob'>(job).OutputConfig?.S3OutputPath);
  const m = s3Location(out);
  if (!m || !ctx.store.bucket(m.bucket)) throw validation(`Cannot write to the output path ${out}.`);
  const key = keyUnder(m.key, `${name}/manifests/output/output.manifest`);
  const lines = ((job.data.__tasks ?? []) as StoredTask[]).map((t) =>
    JSON.stringify({
      source: t.source,
      [attr]: {
        annotationsFromAllWorkers: answersOf(t).map((a) => ({
          workerId: a.workerId,
          annotationData: { content: JSON.stringify(a.answer) },
        })),
      },
      [`${attr}-metadata`]: {
        'job-name': `labeling-job/${name}`,
        type: 'groundtruth/custom',
        'human-annotated': 'yes',
        'creation-date': new Date(Math.max(0, ...answersOf(t).map((a) => a.at)) || ctx.store.now()).toISOString(),
      },
    }),
  );
  await ctx.store.putObject(m.bucket, key, Buffer.from(`${lines.join('\n')}\n`), { contentType: 'application/jsonlines' });
  ctx.store.reschedule(job, [
    { at: ctx.store.now(), status: 'Completed', patch: { LabelingJobOutput: { OutputDatasetS3Uri: `s3://${m.bucket}/${key}` } } },
  ]);
}

/** content/ground-truth-lambdas.json: Ground Truth's own Lambda functions, one account per region. */
function groundTruthAccounts(contentDir: string): Record<string, string> {
  return contentJson<{ accounts: Record<string, string> }>(contentDir, 'ground-truth-lambdas.json').accounts;
}

/**
 * What CreateLabelingJob requires of a custom task's HumanTaskConfig, from botocore's sagemaker model
 * (2017-07-24 service-2.json, UiConfig and HumanTaskConfig documentation):
 * - `UiConfig.HumanTaskUiArn` is for named entity recognition, 3D point cloud and video frame jobs, and names
 *   AWS's own templates (`arn:aws:sagemaker:<region>:394669845002:human-task-ui/<TaskType>`); every other task
 *   renders the worker task template of `UiConfig.UiTemplateS3Uri` (a crowd-html-elements template in S3).
 * - Ground Truth's built-in Lambdas (PRE-…/ACS-…, e.g. PRE-PassThrough for "Generative AI/Custom") live in one
 *   account per region: an ARN naming such a function in another region's account names nothing.
 * The error wording is unverified; the code (ValidationException) is the model's.
 */
export async function checkHumanTaskConfig(
  ctx: SandboxContext,
  htc: Partial<OpInput<'CreateLabelingJob'>['HumanTaskConfig'] & object>,
): Promise<void> {
  const ui = htc.UiConfig ?? {};
  if (ui.HumanTaskUiArn && ui.UiTemplateS3Uri) throw validation('UiConfig takes either UiTemplateS3Uri or HumanTaskUiArn, not both.');
  if (ui.HumanTaskUiArn) {
    const m = /^arn:aws:sagemaker:([a-z0-9-]+):394669845002:human-task-ui\/(NamedEntityRecognition|PointCloud\w+|Video\w+)$/.exec(
      ui.HumanTaskUiArn,
    );
    if (!m || m[1] !== ctx.region) {
      throw validation(
        `UiConfig.HumanTaskUiArn ${ui.HumanTaskUiArn} is not a Ground Truth task template of ${ctx.region}: HumanTaskUiArn is for named entity recognition, 3D point cloud and video frame labeling jobs; a custom labeling task gives its worker task template as UiConfig.UiTemplateS3Uri.`,
      );
    }
  } else {
    const loc = s3Location(ui.UiTemplateS3Uri);
    if (!loc)
      throw validation(
        'HumanTaskConfig.UiConfig needs UiTemplateS3Uri: the S3 location of the worker task template (a crowd-html-elements template with a <crowd-form>).',
      );
    const obj = await ctx.store.getObject(loc.bucket, loc.key);
    if (!obj) throw validation(`Cannot read the worker task template ${ui.UiTemplateS3Uri}.`);
    if (!obj.body.toString('utf8').includes('<crowd-form'))
      throw validation(`The worker task template ${ui.UiTemplateS3Uri} has no <crowd-form> element.`);
  }
  const accounts = groundTruthAccounts(ctx.contentDir);
  const owners = new Set(Object.values(accounts));
  const lambdas = [htc.PreHumanTaskLambdaArn, htc.AnnotationConsolidationConfig?.AnnotationConsolidationLambdaArn].filter(
    (x): x is string => typeof x === 'string',
  );
  for (const arn of lambdas) {
    const m = /^arn:aws:lambda:([a-z0-9-]+):(\d{12}):function:((?:PRE|ACS)-[A-Za-z0-9]+)$/.exec(arn);
    if (m && owners.has(m[2]) && (m[1] !== ctx.region || accounts[ctx.region] !== m[2])) {
      const right = accounts[ctx.region];
      throw validation(
        `No such function ${arn}: Ground Truth's ${m[3]} in ${ctx.region} is ${right ? `arn:aws:lambda:${ctx.region}:${right}:function:${m[3]}` : 'not available'}.`,
      );
    }
  }
}

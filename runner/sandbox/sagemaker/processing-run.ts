import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { SandboxContext } from '../context.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';
import type { OpInput } from './util.ts';
import { isAnalyzerImage, readDataset, statisticsOf, suggestConstraints } from './model-monitor.ts';
import { contentJson } from '../content-file.ts';

/** content/processing-images.json: the SageMaker scikit-learn image per region, from the SDK's image-URI config. */
interface ProcessingImages {
  sklearn: { repository: string; version: string; registries: Record<string, string> };
}

const images = (contentDir: string) => contentJson<ProcessingImages>(contentDir, 'processing-images.json');

/** `<account>.dkr.ecr.<region>.amazonaws.com/sagemaker-scikit-learn:<version>-cpu-py3`, as the SDK's image_uris.retrieve builds it. */
export function sklearnImageUri(contentDir: string, region: string): string | undefined {
  const s = images(contentDir).sklearn;
  const account = s.registries[region];
  return account ? `${account}.dkr.ecr.${region}.amazonaws.com/${s.repository}:${s.version}-cpu-py3` : undefined;
}

/** Whether the sandbox can run code in this image: the scikit-learn framework image of the job's region (python3 + boto3). */
export function runsCode(contentDir: string, region: string, image: string): boolean {
  const s = images(contentDir).sklearn;
  const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:]+):(.+)$/.exec(image);
  return !!m && m[2] === region && s.registries[region] === m[1] && m[3] === s.repository && /-cpu-py3$/.test(m[4]);
}

export type ProcessingOutcome = { ok: true; logs: string[] } | { ok: false; reason: string; exitMessage: string; logs: string[] };

/**
 * What a run reads of its job: members of CreateProcessingJob's request, as the call brought them or as the job
 * stored them (DescribeProcessingJob's members of the same shapes) when a new runner starts the job again.
 */
export type ProcessingRun = Partial<
  Pick<OpInput<'CreateProcessingJob'>, 'AppSpecification' | 'ProcessingInputs' | 'ProcessingOutputConfig' | 'Environment'>
>;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(p);
    }
  };
  await walk(dir);
  return out;
}

/**
 * Runs a processing job's container the way SageMaker Processing does (CreateProcessingJob in botocore's
 * sagemaker service model; the SDK's ScriptProcessor in sagemaker-core/src/sagemaker/core/processing.py):
 * each `S3Input` is copied to its `LocalPath` before the container starts (`S3DataType: S3Prefix` copies every
 * object under the prefix), the container runs `ContainerEntrypoint` + `ContainerArguments` with the job's
 * `Environment`, and each `ProcessingOutput`'s `LocalPath` is uploaded to its `S3Uri` once it exits 0
 * (`S3UploadMode: EndOfJob`). Nothing else is delivered: a script that no input brings is not there.
 *
 * The container's filesystem is a temporary folder: paths under `/opt/ml/` in the entrypoint and arguments
 * point into it, and the log lines show them as the container would. A path written inside the script's own text
 * is not mapped (the sandbox cannot chroot): the workshop's code takes its paths as arguments. The code reaches the sandbox's
 * services through the AWS_ENDPOINT_URL_<SERVICE> variables, as any boto3 code does.
 */
export async function runProcessingContainer(
  ctx: SandboxContext,
  input: ProcessingRun,
  onLog: (line: string) => void,
  signal?: AbortSignal,
): Promise<ProcessingOutcome> {
  const logs: string[] = [];
  const log = (line: string) => {
    logs.push(line);
    onLog(line);
  };
  const app = input.AppSpecification;
  const image = String(app?.ImageUri ?? '');
  const failure = (reason: string, exitMessage = reason): ProcessingOutcome => ({ ok: false, reason, exitMessage, logs });
  const entry = app?.ContainerEntrypoint ?? [];
  // Model Monitor's analyzer runs its own program: a baselining job (the SDK's DefaultModelMonitor.suggest_baseline).
  const analyzer = isAnalyzerImage(ctx.contentDir, ctx.region, image);
  // Without a python entrypoint the image runs its own command, which the sandbox cannot run: permissive (unverified).
  if (!analyzer && !['python3', 'python'].includes(entry[0] ?? '')) {
    log(
      `The image runs ${entry.length ? JSON.stringify(entry) : 'its own entrypoint'}; the workshop sandbox does not run ${image} (unverified): the job completes and writes no output.`,
    );
    return { ok: true, logs };
  }
  if (!ctx.baseUrl) return failure('ClientError: the workshop sandbox has no network address for the container (unverified setup).');
  const root = await mkdtemp(join(tmpdir(), 'naxt-processing-'));
  const inside = (p: string) => (p.startsWith('/opt/ml/') ? join(root, p) : p);
  const shown = (text: string) => text.split(root).join('');
  try {
    for (const pi of input.ProcessingInputs ?? []) {
      const s = pi.S3Input;
      if (!s) continue;
      const loc = s3Location(s.S3Uri);
      const local = inside(String(s.LocalPath ?? ''));
      if (!loc || !ctx.store.bucket(loc.bucket))
        return failure(
          `ClientError: Failed to download data. The bucket of ${s.S3Uri} (input ${pi.InputName}) does not exist or is not accessible.`,
        );
      const objects = Object.keys(ctx.store.objects(loc.bucket));
      const exact = objects.includes(loc.key) && s.S3DataType !== 'ManifestFile';
      const keys = exact ? [loc.key] : objects.filter((k) => k.startsWith(loc.key) && !k.endsWith('/'));
      // Wording unverified; an empty input prefix fails the job on AWS as "no data" (the code is ClientError).
      if (keys.length === 0)
        return failure(`ClientError: No S3 objects found under S3 URL "${s.S3Uri}" given in input data source (input ${pi.InputName}).`);
      for (const k of keys) {
        const obj = await ctx.store.getObject(loc.bucket, k);
        if (!obj) continue;
        // An S3Prefix input keeps each object's path after the prefix under LocalPath (an exact key: its file name).
        const dest = join(local, exact ? k.split('/').pop()! : k.slice(loc.key.length).replace(/^\//, '') || k.split('/').pop()!);
        await mkdir(dirname(dest), { recursive: true });
        await writeFile(dest, obj.body);
      }
    }
    for (const o of input.ProcessingOutputConfig?.Outputs ?? []) {
      if (o.S3Output?.LocalPath) await mkdir(inside(o.S3Output.LocalPath), { recursive: true });
    }

    if (analyzer) {
      const failed = await suggestBaseline(input.Environment ?? {}, inside, log);
      if (failed) return failure(failed);
    } else {
      // The script must be a file the inputs brought (no image carries the workshop's code): else python's own words, exit 2.
      const script = entry[1];
      if (
        script &&
        !script.startsWith('-') &&
        !(await stat(inside(script)).then(
          (x) => x.isFile(),
          () => false,
        ))
      ) {
        log(`${entry[0]}: can't open file '${script}': [Errno 2] No such file or directory`);
        return failure('AlgorithmError: See job logs for more information', logs.join('\n'));
      }
      if (!runsCode(ctx.contentDir, ctx.region, image)) {
        // What another image would do with the script (is boto3 there?) is not knowable here: unverified, and said so.
        const hint = sklearnImageUri(ctx.contentDir, ctx.region);
        return failure(
          `ClientError: the workshop sandbox runs processing code only in the SageMaker scikit-learn image of ${ctx.region}${hint ? ` (${hint})` : ''}; what ${image} would do with this command is unverified.`,
        );
      }
      const base = ctx.baseUrl!();
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: root,
        ...input.Environment,
        AWS_REGION: ctx.region,
        AWS_DEFAULT_REGION: ctx.region,
        AWS_ACCESS_KEY_ID: ctx.keys.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ctx.keys.secretAccessKey,
        AWS_ENDPOINT_URL_SAGEMAKER: `${base}/sandbox/sagemaker`,
        AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: `${base}/sandbox/runtime`,
        AWS_ENDPOINT_URL_S3: `${base}/sandbox/s3`,
        AWS_ENDPOINT_URL_STS: `${base}/sandbox/sts`,
        AWS_CONFIG_FILE: '/nonexistent/naxt-sandbox-config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/naxt-sandbox-credentials',
        AWS_EC2_METADATA_DISABLED: 'true',
        PYTHONUNBUFFERED: '1',
      };
      const args = [...entry.slice(1), ...(app?.ContainerArguments ?? [])].map(inside);
      const code = await new Promise<number>((resolve) => {
        const child = spawn('python3', args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
        const onAbort = () => child.kill('SIGTERM');
        signal?.addEventListener('abort', onAbort, { once: true });
        let pending = '';
        const take = (chunk: Buffer) => {
          pending += chunk.toString('utf8');
          const lines = pending.split('\n');
          pending = lines.pop() ?? '';
          for (const l of lines) log(shown(l));
        };
        child.stdout.on('data', take);
        child.stderr.on('data', take);
        child.on('error', (e) => {
          log(shown(String(e.message)));
          resolve(127);
        });
        child.on('close', (c) => {
          if (pending) log(shown(pending));
          signal?.removeEventListener('abort', onAbort);
          resolve(c ?? 1);
        });
      });
      if (code !== 0) {
        // A container that exits non-zero fails the job as AlgorithmError; ExitMessage carries the end of its output
        // (ProcessingJob.ExitMessage, botocore's model: "An optional string, up to one KB in size…"). Wording unverified.
        return failure('AlgorithmError: See job logs for more information', logs.slice(-8).join('\n').slice(-1024));
      }
    }
    for (const o of input.ProcessingOutputConfig?.Outputs ?? []) {
      const s = o.S3Output;
      const loc = s3Location(s?.S3Uri);
      if (!s?.LocalPath || !loc) continue;
      if (!ctx.store.bucket(loc.bucket))
        return failure(`ClientError: Failed to upload output ${o.OutputName}: the bucket ${loc.bucket} does not exist.`);
      const dir = inside(s.LocalPath);
      for (const f of await filesUnder(dir)) {
        if (!(await stat(f)).isFile()) continue;
        await ctx.store.putObject(loc.bucket, keyUnder(loc.key, relative(dir, f)), await readFile(f));
      }
    }
    return { ok: true, logs };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * The analyzer's baselining run, configured as DefaultModelMonitor.suggest_baseline configures it
 * (aws/sagemaker-python-sdk v2.257.6 src/sagemaker/model_monitor/model_monitoring.py, _generate_env_map): env
 * `dataset_source` (the folder the `baseline_dataset_input` input was copied to), `dataset_format` (DatasetFormat's
 * JSON), `output_path` (the folder uploaded as the `monitoring_output` output). It writes statistics.json and
 * constraints.json there (the guide's "Schema for Statistics" and "Schema for Constraints"). Returns a failure reason,
 * or undefined. The failure wordings are the sandbox's (unverified).
 */
async function suggestBaseline(
  env: Record<string, string>,
  inside: (p: string) => string,
  log: (l: string) => void,
): Promise<string | undefined> {
  for (const k of ['dataset_source', 'dataset_format', 'output_path']) {
    if (!env[k])
      return `ClientError: the environment variable ${k} is not set (the analyzer's baselining job needs dataset_source, dataset_format and output_path).`;
  }
  let format: unknown;
  try {
    format = JSON.parse(env.dataset_format);
  } catch {
    return `ClientError: dataset_format is not JSON: ${env.dataset_format}`;
  }
  // The SDK marks record_preprocessor_script for baselining as not supported ("ToDo: either support
  // record_preprocessor_script or remove it", suggest_baseline): the baseline dataset is given already flattened.
  if (env.record_preprocessor_script)
    log('record_preprocessor_script is not applied to the baseline dataset: give the dataset already flattened (unverified).');
  const files = (await filesUnder(inside(env.dataset_source))).sort();
  if (files.length === 0) return `ClientError: no baseline dataset under ${env.dataset_source}.`;
  let rows;
  try {
    rows = readDataset(await Promise.all(files.map((f) => readFile(f, 'utf8'))), format);
  } catch (e) {
    log((e as Error).message);
    return `AlgorithmError: the baseline dataset could not be read as ${env.dataset_format}: ${(e as Error).message}`;
  }
  if (rows.length === 0) return 'ClientError: the baseline dataset has no records.';
  const statistics = statisticsOf(rows);
  const out = inside(env.output_path);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'statistics.json'), JSON.stringify(statistics, null, 2));
  await writeFile(join(out, 'constraints.json'), JSON.stringify(suggestConstraints(statistics), null, 2));
  log(
    `Baseline of ${rows.length} records and ${statistics.features.length} features: ${env.output_path}/statistics.json, ${env.output_path}/constraints.json`,
  );
  return undefined;
}

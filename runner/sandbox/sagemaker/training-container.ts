/**
 * What a training job's request must hold for SageMaker to accept it, and for JumpStart's fine-tuning container to
 * run — each rule with its source. The API refuses at the call; the container fails the job after it started.
 */
import type { Channel, CreateTrainingJobRequest, MetricDefinition } from '@aws-sdk/client-sagemaker';
import { invalidMember, validation } from '../errors.ts';

/**
 * HyperParameters is a map of HyperParameterKey to HyperParameterValue, both strings of at most 256 and 2500
 * characters (botocore sagemaker/2017-07-24/service-2.json, HyperParameters, HyperParameterValue). A number or a
 * boolean there is refused at the call; the wording of that refusal is unverified.
 */
export function checkHyperParameters(hp: unknown): Record<string, string> {
  if (hp === undefined) return {};
  if (typeof hp !== 'object' || hp === null || Array.isArray(hp)) throw validation('HyperParameters must be a map of string to string.');
  for (const [k, v] of Object.entries(hp)) {
    if (typeof v !== 'string')
      throw invalidMember(`hyperParameters.${k}`, 'Member must be a string (HyperParameters is a map of string to string).', { value: v });
    if (v.length > 2500) throw invalidMember(`hyperParameters.${k}`, 'Member must have length less than or equal to 2500', 'hidden');
    if (k.length > 256) throw invalidMember('hyperParameters', 'Map keys must have length less than or equal to 256', { value: k });
  }
  return hp as Record<string, string>;
}

/** JumpStart's Hugging Face fine-tuning script, as hub documents name it (Hyperparameters: sagemaker_program). */
const JUMPSTART_SCRIPT = 'transfer_learning.py';

const channelUri = (c: Channel | undefined) => c?.DataSource?.S3DataSource?.S3Uri;

/**
 * Why JumpStart's fine-tuning container stops before training, or undefined when it runs. SageMaker reports it
 * on the job: `TrainingJobStatus: Failed`, FailureReason "AlgorithmError: …" (the container's error, as
 * DescribeTrainingJob's FailureReason documents for algorithm failures: botocore DescribeTrainingJobResponse
 * FailureReason). The messages below follow the SageMaker training toolkit's and the script's failures; their exact
 * wording is unverified.
 * - The toolkit unpacks `sagemaker_submit_directory` and runs `sagemaker_program` from it: under network isolation
 *   (JumpStart's TrainingEnableNetworkIsolation) the script can only come from a channel, so a path under
 *   /opt/ml/input/data/<channel>/ needs that channel (SDK v2 estimator.py: the `code` channel from the script URI).
 * - The script loads the base weights from the `model` channel (the card's TrainingArtifactUri).
 * Jobs that do not run JumpStart's script are not judged here (permissive).
 */
export function containerFailure(input: CreateTrainingJobRequest): string | undefined {
  const hp = input.HyperParameters ?? {};
  if (hp.sagemaker_program !== JUMPSTART_SCRIPT) return undefined;
  const channels = input.InputDataConfig ?? [];
  const submit = hp.sagemaker_submit_directory;
  const inChannel = submit ? /^\/opt\/ml\/input\/data\/([^/]+)\//.exec(submit)?.[1] : undefined;
  if (!submit) return 'AlgorithmError: no sagemaker_submit_directory: the training toolkit has no script to run.';
  if (inChannel && !channels.some((c) => c.ChannelName === inChannel)) {
    return `AlgorithmError: FileNotFoundError: [Errno 2] No such file or directory: '${submit}' (no '${inChannel}' channel delivers the script), exit code: 1`;
  }
  if (!channelUri(channels.find((c) => c.ChannelName === 'model'))) {
    return `AlgorithmError: ${JUMPSTART_SCRIPT} found no base model weights under /opt/ml/input/data/model (the 'model' channel), exit code: 1`;
  }
  return undefined;
}

/**
 * FinalMetricDataList as SageMaker builds it: each MetricDefinition's regex run over the job's log, the last value
 * it captured (botocore MetricDefinition.Regex: "A regular expression that searches the output of a training job
 * and gets the value of the metric"). No definitions, no metrics.
 */
export function finalMetrics(definitions: MetricDefinition[] | undefined, logs: string[]): { MetricName: string; Value: number }[] {
  const out: { MetricName: string; Value: number }[] = [];
  for (const d of definitions ?? []) {
    if (!d.Name || !d.Regex) continue;
    let re: RegExp;
    try {
      re = new RegExp(d.Regex);
    } catch {
      continue; // unverified: how SageMaker treats a regex it cannot compile
    }
    let last: number | undefined;
    for (const line of logs) {
      const m = re.exec(line);
      if (m?.[1] !== undefined && Number.isFinite(Number(m[1]))) last = Number(m[1]);
    }
    if (last !== undefined) out.push({ MetricName: d.Name, Value: last });
  }
  return out;
}

/**
 * JumpStart's deploy recipe, written with SDK v3: what the SageMaker Python SDK's JumpStart model factory sends
 * for a hub model (aws/sagemaker-python-sdk v2 src/sagemaker/jumpstart/factory/model.py: the image, the
 * `InferenceEnvironmentVariables` defaults as the container's environment, uncompressed artifacts through
 * `ModelDataSource`, `ModelAccessConfig.AcceptEula` for gated models). The same on the sandbox and on AWS.
 */
import {
  DescribeHubContentCommand,
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  type Channel,
  type ContainerDefinition,
  type CreateTrainingJobCommandInput,
  type SageMakerClient,
  type TrainingInstanceType,
} from '@aws-sdk/client-sagemaker';

/** A per-instance-type variant of the document: its image alias and the environment it adds (SM_NUM_GPUS…). */
export interface InstanceTypeVariant {
  properties: { image_uri?: string; environment_variables?: Record<string, string> };
}

/** The members of a hub model's `HubContentDocument` the workshop reads (names and types as the real document has them). */
export interface JumpStartDocument {
  Task?: string;
  HostingEcrUri: string;
  HostingArtifactUri: string;
  HostingArtifactS3DataType?: 'S3Prefix' | 'S3Object';
  HostingArtifactCompressionType?: 'None' | 'Gzip';
  HostingEulaUri?: string;
  GatedBucket?: boolean;
  InferenceEnvironmentVariables?: { Name: string; Type: string; Default: string | number }[];
  HostingInstanceTypeVariants?: { Aliases?: Record<string, string>; Variants?: Record<string, InstanceTypeVariant> };
  DefaultInferenceInstanceType: string;
  SupportedInferenceInstanceTypes?: string[];
  TrainingSupported?: boolean;
}

export const PUBLIC_HUB = 'SageMakerPublicHub';

/** A hub model's document (the model card), parsed. */
export async function modelCard(sm: SageMakerClient, modelId: string, version?: string): Promise<JumpStartDocument> {
  const d = await sm.send(
    new DescribeHubContentCommand({ HubName: PUBLIC_HUB, HubContentType: 'Model', HubContentName: modelId, HubContentVersion: version }),
  );
  return JSON.parse(d.HubContentDocument ?? '{}') as JumpStartDocument;
}

/** The first of `preferred` (Naxt's instance types, cheapest first) that the card supports; else the card's default. */
export function instanceFor(doc: JumpStartDocument, preferred: readonly string[]): string {
  return preferred.find((t) => doc.SupportedInferenceInstanceTypes?.includes(t)) ?? doc.DefaultInferenceInstanceType;
}

/**
 * The container's environment on an instance type: every documented variable at its default (SageMaker's
 * Environment is string to string), then what the instance type's variant adds — SM_NUM_GPUS=4 on an
 * ml.g5.12xlarge — as the SDK merges them (v2 src/sagemaker/jumpstart/factory/model.py `_add_env_to_kwargs`,
 * JumpStartInstanceTypeVariants.get_instance_specific_environment_variables).
 */
export function servingEnvironment(doc: JumpStartDocument, instanceType: string): Record<string, string> {
  const defaults = Object.fromEntries((doc.InferenceEnvironmentVariables ?? []).map((v) => [v.Name, String(v.Default)]));
  return { ...defaults, ...doc.HostingInstanceTypeVariants?.Variants?.[instanceType]?.properties.environment_variables };
}

/**
 * The container that serves a hub model on an instance type. With `tunedModelUri` (a training job's model
 * artifacts), it serves that fine-tune instead of the hub's weights, with the same image and environment.
 */
export function servingContainer(doc: JumpStartDocument, instanceType: string, tunedModelUri?: string): ContainerDefinition {
  if (tunedModelUri) return tunedContainer(doc, instanceType, tunedModelUri);
  const gated = doc.GatedBucket === true || !!doc.HostingEulaUri;
  const Environment = servingEnvironment(doc, instanceType);
  return {
    Image: doc.HostingEcrUri,
    Environment,
    ModelDataSource: {
      S3DataSource: {
        S3Uri: doc.HostingArtifactUri,
        S3DataType: doc.HostingArtifactS3DataType ?? 'S3Prefix',
        CompressionType: doc.HostingArtifactCompressionType ?? 'None',
        // Only after a legal review of the model's license (HostingEulaUri): accepting is the learner's decision.
        ...(gated ? { ModelAccessConfig: { AcceptEula: true } } : {}),
      },
    },
  };
}

/** The members of a hub model's document that its fine-tuning recipe reads. */
export interface JumpStartTrainingDocument extends JumpStartDocument {
  TrainingEcrUri: string;
  TrainingArtifactUri: string;
  TrainingScriptUri: string;
  Hyperparameters: { Name: string; Type: string; Default: string | number; Scope: 'algorithm' | 'container' | string }[];
  TrainingMetrics?: { Name: string; Regex: string }[];
  DefaultTrainingInstanceType: string;
  TrainingEnableNetworkIsolation?: boolean;
  TrainingVolumeSize?: number;
  MaxRuntimeInSeconds?: number;
  DisableOutputCompression?: boolean;
}

export interface FineTuneOptions {
  jobName: string;
  roleArn: string;
  /** The training data: an S3 prefix the script reads (JSONL). */
  trainingUri: string;
  validationUri?: string;
  outputPath: string;
  /** Hyperparameters to change from the card's defaults. */
  hyperparameters?: Record<string, string>;
  instanceType?: string;
  tags?: { Key: string; Value: string }[];
}

/**
 * The training job JumpStart's estimator sends for a hub model, written with SDK v3 (aws/sagemaker-python-sdk v2
 * src/sagemaker/jumpstart/factory/estimator.py and src/sagemaker/estimator.py, src/sagemaker/job.py @ d6c280f72):
 * - the card's TrainingEcrUri, with MetricDefinitions from its TrainingMetrics (without them FinalMetricDataList
 *   stays empty);
 * - every hyperparameter at its default, as strings (HyperParameters is a string-to-string map), the container's
 *   `sagemaker_submit_directory`/`sagemaker_program` among them;
 * - the base weights (TrainingArtifactUri) as the `model` channel (ContentType application/x-sagemaker-model), the
 *   script (TrainingScriptUri) as the `code` channel — under network isolation the container fetches nothing, so
 *   `sagemaker_submit_directory` points at /opt/ml/input/data/code/sourcedir.tar.gz — and the data as `training`;
 * - network isolation, volume size, run time and output compression as the card says.
 */
export function fineTuneJob(doc: JumpStartTrainingDocument, o: FineTuneOptions): CreateTrainingJobCommandInput {
  // The SDK finds no training image, script or weights for a model JumpStart does not fine-tune, and stops there.
  if (doc.TrainingSupported !== true || !doc.TrainingEcrUri) {
    throw new Error(
      `JumpStart does not fine-tune this model (its card says TrainingSupported: ${String(doc.TrainingSupported ?? false)}): pick one whose card says true.`,
    );
  }
  const defaults = Object.fromEntries(doc.Hyperparameters.map((h) => [h.Name, String(h.Default)]));
  // A gated model's base weights are read only with its license accepted: the SDK puts fit(accept_eula=True) on the
  // model channel as S3DataSource.ModelAccessConfig (v2.257.6 src/sagemaker/inputs.py add_model_access_config,
  // jumpstart/estimator.py fit). Accepting is the learner's decision, after reading HostingEulaUri.
  const gated = doc.GatedBucket === true || !!doc.HostingEulaUri;
  const channel = (ChannelName: string, S3Uri: string, ContentType?: string, acceptEula = false): Channel => ({
    ChannelName,
    DataSource: {
      S3DataSource: {
        S3DataType: 'S3Prefix',
        S3Uri,
        S3DataDistributionType: 'FullyReplicated',
        ...(acceptEula ? { ModelAccessConfig: { AcceptEula: true } } : {}),
      },
    },
    ...(ContentType ? { ContentType } : {}),
    InputMode: 'File',
  });
  return {
    TrainingJobName: o.jobName,
    RoleArn: o.roleArn,
    AlgorithmSpecification: {
      TrainingImage: doc.TrainingEcrUri,
      TrainingInputMode: 'File',
      MetricDefinitions: (doc.TrainingMetrics ?? []).map(({ Name, Regex }) => ({ Name, Regex })),
    },
    HyperParameters: { ...defaults, ...o.hyperparameters },
    InputDataConfig: [
      channel('training', o.trainingUri),
      ...(o.validationUri ? [channel('validation', o.validationUri)] : []),
      channel('model', doc.TrainingArtifactUri, 'application/x-sagemaker-model', gated),
      channel('code', doc.TrainingScriptUri),
    ],
    OutputDataConfig: { S3OutputPath: o.outputPath, CompressionType: doc.DisableOutputCompression ? 'NONE' : 'GZIP' },
    ResourceConfig: {
      InstanceType: (o.instanceType ?? doc.DefaultTrainingInstanceType) as TrainingInstanceType,
      InstanceCount: 1,
      VolumeSizeInGB: doc.TrainingVolumeSize ?? 30,
    },
    StoppingCondition: { MaxRuntimeInSeconds: doc.MaxRuntimeInSeconds ?? 86400 },
    EnableNetworkIsolation: doc.TrainingEnableNetworkIsolation ?? false,
    Tags: o.tags,
  };
}

/**
 * The container that serves a fine-tune: the base model's image and environment on the tuned weights. A job with
 * output compression off leaves them uncompressed under `…/output/model/` (ModelDataSource, as for the hub's own
 * weights); otherwise they are one model.tar.gz (ModelDataUrl).
 */
export function tunedContainer(doc: JumpStartDocument, instanceType: string, modelArtifacts: string): ContainerDefinition {
  const Environment = servingEnvironment(doc, instanceType);
  if (modelArtifacts.endsWith('.tar.gz')) return { Image: doc.HostingEcrUri, ModelDataUrl: modelArtifacts, Environment };
  return {
    Image: doc.HostingEcrUri,
    Environment,
    ModelDataSource: { S3DataSource: { S3Uri: modelArtifacts, S3DataType: 'S3Prefix', CompressionType: 'None' } },
  };
}

/**
 * A training job of this session made from the same request (image, hyperparameters, channels) that completed or
 * is still running, or undefined. Running a fine-tuning cell again reuses it — waiting on where an interrupted run
 * left off — instead of training (and paying) twice: training jobs cannot be deleted, so an identical second one
 * would only add to the bill and the list.
 */
export async function earlierTwin(
  sm: SageMakerClient,
  request: CreateTrainingJobCommandInput,
  namePrefix: string,
): Promise<string | undefined> {
  const same = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) =>
    JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
  const uris = (c: Channel[] | undefined) =>
    (c ?? [])
      .map((x) => `${x.ChannelName}=${x.DataSource?.S3DataSource?.S3Uri}`)
      .sort()
      .join(' ');
  const { TrainingJobSummaries = [] } = await sm.send(
    new ListTrainingJobsCommand({ NameContains: namePrefix, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 20 }),
  );
  for (const s of TrainingJobSummaries.filter((j) => j.TrainingJobStatus === 'Completed' || j.TrainingJobStatus === 'InProgress')) {
    const d = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: s.TrainingJobName }));
    if (
      d.AlgorithmSpecification?.TrainingImage === request.AlgorithmSpecification?.TrainingImage &&
      same(d.HyperParameters, request.HyperParameters) &&
      uris(d.InputDataConfig) === uris(request.InputDataConfig)
    )
      return d.TrainingJobName;
  }
  return undefined;
}

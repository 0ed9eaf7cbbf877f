/**
 * JumpStart's deploy recipe, written with SDK v3: what the SageMaker Python SDK's JumpStart model factory sends
 * for a hub model (aws/sagemaker-python-sdk v2 src/sagemaker/jumpstart/factory/model.py: the image, the
 * `InferenceEnvironmentVariables` defaults as the container's environment, uncompressed artifacts through
 * `ModelDataSource`, `ModelAccessConfig.AcceptEula` for gated models). The same on the sandbox and on AWS.
 */
import { DescribeHubContentCommand, type ContainerDefinition, type SageMakerClient } from '@aws-sdk/client-sagemaker';

/** A per-instance-type variant of the document: its image alias and the environment it adds (SM_NUM_GPUS…). */
export interface InstanceTypeVariant { properties: { image_uri?: string; environment_variables?: Record<string, string> } }

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
  const d = await sm.send(new DescribeHubContentCommand({ HubName: PUBLIC_HUB, HubContentType: 'Model', HubContentName: modelId, HubContentVersion: version }));
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
 * The container that serves a hub model on an instance type. With `tunedModelUri` (a training job's
 * model.tar.gz), it serves that fine-tune instead of the hub's weights, with the same image and environment.
 */
export function servingContainer(doc: JumpStartDocument, instanceType: string, tunedModelUri?: string): ContainerDefinition {
  const gated = doc.GatedBucket === true || !!doc.HostingEulaUri;
  const Environment = servingEnvironment(doc, instanceType);
  if (tunedModelUri) return { Image: doc.HostingEcrUri, ModelDataUrl: tunedModelUri, Environment };
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

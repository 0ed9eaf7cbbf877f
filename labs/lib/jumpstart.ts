/**
 * JumpStart's deploy recipe, written with SDK v3: what the SageMaker Python SDK's JumpStart model factory sends
 * for a hub model (aws/sagemaker-python-sdk v2 src/sagemaker/jumpstart/factory/model.py: the image, the
 * `InferenceEnvironmentVariables` defaults as the container's environment, uncompressed artifacts through
 * `ModelDataSource`, `ModelAccessConfig.AcceptEula` for gated models). The same on the sandbox and on AWS.
 */
import { DescribeHubContentCommand, type ContainerDefinition, type SageMakerClient } from '@aws-sdk/client-sagemaker';

/** The members of a hub model's `HubContentDocument` the workshop reads (names and types as the real document has them). */
export interface JumpStartDocument {
  HostingEcrUri: string;
  HostingArtifactUri: string;
  HostingArtifactS3DataType?: 'S3Prefix' | 'S3Object';
  HostingArtifactCompressionType?: 'None' | 'Gzip';
  HostingEulaUri?: string;
  GatedBucket?: boolean;
  InferenceEnvironmentVariables?: { Name: string; Type: string; Default: string | number }[];
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

/** The container's environment: every documented variable at its default (SageMaker's Environment is string to string). */
export function servingEnvironment(doc: JumpStartDocument): Record<string, string> {
  return Object.fromEntries((doc.InferenceEnvironmentVariables ?? []).map((v) => [v.Name, String(v.Default)]));
}

/**
 * The container that serves a hub model. With `tunedModelUri` (a training job's model.tar.gz), it serves that
 * fine-tune instead of the hub's weights, with the same image and environment.
 */
export function servingContainer(doc: JumpStartDocument, tunedModelUri?: string): ContainerDefinition {
  const gated = doc.GatedBucket === true || !!doc.HostingEulaUri;
  if (tunedModelUri) return { Image: doc.HostingEcrUri, ModelDataUrl: tunedModelUri, Environment: servingEnvironment(doc) };
  return {
    Image: doc.HostingEcrUri,
    Environment: servingEnvironment(doc),
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

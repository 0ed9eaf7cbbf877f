import { CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, waitUntilEndpointInService, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { DataCaptureConfig } from '@aws-sdk/client-sagemaker';

export const ROLE = 'arn:aws:iam::123456789012:role/naxt-test';

/** Model, config and endpoint for a catalog model, as a cell would deploy it; resolves when InService. */
export async function deployEndpoint(sm: SageMakerClient, name: string, modelId: string, capture?: DataCaptureConfig): Promise<void> {
  await sm.send(new CreateModelCommand({ ModelName: name, ExecutionRoleArn: ROLE, PrimaryContainer: { Image: 'tgi', Environment: { HF_MODEL_ID: modelId } } }));
  await sm.send(new CreateEndpointConfigCommand({
    EndpointConfigName: name,
    ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: name, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
    ...(capture ? { DataCaptureConfig: capture } : {}),
  }));
  await sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name }));
  await waitUntilEndpointInService({ client: sm, maxWaitTime: 60, minDelay: 1 }, { EndpointName: name });
}

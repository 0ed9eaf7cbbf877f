import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  waitUntilEndpointInService,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { ContainerDefinition, DataCaptureConfig } from '@aws-sdk/client-sagemaker';

import { join } from 'node:path';
import { catalog, hubContentDocument } from '../../runner/sandbox/sagemaker/hub.ts';
import { servingContainer, type JumpStartDocument } from '../../labs/lib/jumpstart.ts';

export const ROLE = 'arn:aws:iam::123456789012:role/naxt-test';

/** The container JumpStart's recipe builds for a catalog model (its hub document, as a cell reads it). */
export function jumpstartContainer(modelId: string, tunedModelUri?: string, instanceType = 'ml.g5.2xlarge'): ContainerDefinition {
  const m = catalog(join(import.meta.dirname, '../../content')).models.find((x) => x.modelId === modelId);
  if (!m) throw new Error(`${modelId} is not in the catalog`);
  return servingContainer(JSON.parse(hubContentDocument(m)) as JumpStartDocument, instanceType, tunedModelUri);
}

/** Model, config and endpoint for a catalog model, as a cell would deploy it; resolves when InService. */
export async function deployEndpoint(sm: SageMakerClient, name: string, modelId: string, capture?: DataCaptureConfig): Promise<void> {
  await sm.send(new CreateModelCommand({ ModelName: name, ExecutionRoleArn: ROLE, PrimaryContainer: jumpstartContainer(modelId) }));
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: name, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
      ...(capture ? { DataCaptureConfig: capture } : {}),
    }),
  );
  await sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name }));
  await waitUntilEndpointInService({ client: sm, maxWaitTime: 60, minDelay: 1 }, { EndpointName: name });
}

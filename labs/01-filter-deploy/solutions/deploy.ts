import { SageMakerClient, CreateModelCommand, CreateEndpointConfigCommand, CreateEndpointCommand, DescribeEndpointCommand, waitUntilEndpointInService } from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
const endpointName = `${workshop.prefix}summarizer-${workshop.sessionId}`;

await sm.send(new CreateModelCommand({
  ModelName: endpointName,
  ExecutionRoleArn: workshop.roleArn,
  PrimaryContainer: { Image: chosen.image, ModelDataUrl: chosen.artifact, Environment: { HF_MODEL_ID: chosen.modelId, SM_NUM_GPUS: '1' } },
  Tags: workshop.tags,
}));
await sm.send(new CreateEndpointConfigCommand({
  EndpointConfigName: endpointName,
  ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: endpointName, InstanceType: chosen.instanceType, InitialInstanceCount: 1 }],
  Tags: workshop.tags,
}));
await sm.send(new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: endpointName, Tags: workshop.tags }));

// The SDK's waiter polls DescribeEndpoint until InService, and fails with the reason if the endpoint fails; the page
// shows the endpoint's progress meanwhile. (A few seconds between polls: the default is 30 s.)
await waitUntilEndpointInService({ client: sm, minDelay: 2, maxDelay: 10, maxWaitTime: 30 * 60 }, { EndpointName: endpointName });
const { EndpointStatus, ProductionVariants } = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
console.log(`${endpointName} is ${EndpointStatus} on ${ProductionVariants?.[0]?.CurrentInstanceCount ?? 0} instance(s).`);
endpointName;

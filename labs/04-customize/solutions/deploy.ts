import { SageMakerClient, CreateModelCommand, CreateEndpointConfigCommand, CreateEndpointCommand, DescribeHubContentCommand, waitUntilEndpointInService, type ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';
import { instanceFor, servingContainer, type JumpStartDocument } from '@naxt/workshop/jumpstart';

const sm = new SageMakerClient({});
const base = JSON.parse((await sm.send(new DescribeHubContentCommand({ HubName: 'SageMakerPublicHub', HubContentType: 'Model', HubContentName: 'huggingface-llm-qwen2-1-5b-instruct' }))).HubContentDocument!) as JumpStartDocument;
const instanceType = instanceFor(base, ['ml.g5.2xlarge']) as ProductionVariantInstanceType;
const chatbotEndpoint = `${workshop.prefix}chatbot-${workshop.sessionId}`;

await sm.send(new CreateModelCommand({ ModelName: chatbotEndpoint, ExecutionRoleArn: workshop.roleArn, PrimaryContainer: servingContainer(base, instanceType, tunedArtifact), Tags: workshop.tags }));
await sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: chatbotEndpoint, ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: chatbotEndpoint, InstanceType: instanceType, InitialInstanceCount: 1 }], Tags: workshop.tags }));
await sm.send(new CreateEndpointCommand({ EndpointName: chatbotEndpoint, EndpointConfigName: chatbotEndpoint, Tags: workshop.tags }));
console.log(`Deploying ${chatbotEndpoint} on ${instanceType}…`);
await waitUntilEndpointInService({ client: sm, maxWaitTime: 1800, minDelay: 2, maxDelay: 30 }, { EndpointName: chatbotEndpoint });
console.log('InService');

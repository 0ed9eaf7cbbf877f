import {
  SageMakerClient, ListModelPackagesCommand, UpdateModelPackageCommand, CreateModelCommand, CreateEndpointConfigCommand, CreateEndpointCommand,
  DescribeEndpointCommand, UpdateEndpointCommand, waitUntilEndpointInService,
} from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
const [latest] = (await sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName, SortBy: 'CreationTime', SortOrder: 'Descending' }))).ModelPackageSummaryList ?? [];
if (!latest) throw new Error('No registered version: run the pipeline first.');
// TODO: approve the version with UpdateModelPackageCommand (ModelApprovalStatus: 'Approved').

// The approved version replaces what the chatbot endpoint serves (lab 04 created it), without downtime.
const chatbotEndpoint = `${workshop.prefix}chatbot-${workshop.sessionId}`;
const version = `${chatbotEndpoint}-v${latest.ModelPackageVersion}-${Date.now().toString(36)}`;
await sm.send(new CreateModelCommand({ ModelName: version, ExecutionRoleArn: workshop.roleArn, Containers: [{ ModelPackageName: latest.ModelPackageArn }], Tags: workshop.tags }));
await sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: version, ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: version, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }], Tags: workshop.tags }));
const running = await sm.send(new DescribeEndpointCommand({ EndpointName: chatbotEndpoint })).then(() => true, () => false);
if (running) await sm.send(new UpdateEndpointCommand({ EndpointName: chatbotEndpoint, EndpointConfigName: version }));
else await sm.send(new CreateEndpointCommand({ EndpointName: chatbotEndpoint, EndpointConfigName: version, Tags: workshop.tags }));
await waitUntilEndpointInService({ client: sm, maxWaitTime: 1800, minDelay: 2, maxDelay: 30 }, { EndpointName: chatbotEndpoint });
console.log(`Version ${latest.ModelPackageVersion} approved and serving at ${chatbotEndpoint}`);

import {
  SageMakerClient, ListModelPackagesCommand, UpdateModelPackageCommand, CreateModelCommand, CreateEndpointConfigCommand, CreateEndpointCommand, waitUntilEndpointInService,
} from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
const [latest] = (await sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName, SortBy: 'CreationTime', SortOrder: 'Descending' }))).ModelPackageSummaryList ?? [];
if (!latest) throw new Error('No registered version: run the pipeline first.');
await sm.send(new UpdateModelPackageCommand({ ModelPackageArn: latest.ModelPackageArn, ModelApprovalStatus: 'Approved', ApprovalDescription: 'Meets the chatbot bar on held-out questions (pipeline evaluation).' }));

const approvedEndpoint = `${workshop.prefix}chatbot-approved-${workshop.sessionId}`;
await sm.send(new CreateModelCommand({ ModelName: approvedEndpoint, ExecutionRoleArn: workshop.roleArn, Containers: [{ ModelPackageName: latest.ModelPackageArn }], Tags: workshop.tags }));
await sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: approvedEndpoint, ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: approvedEndpoint, InstanceType: 'ml.g5.xlarge', InitialInstanceCount: 1 }], Tags: workshop.tags }));
await sm.send(new CreateEndpointCommand({ EndpointName: approvedEndpoint, EndpointConfigName: approvedEndpoint, Tags: workshop.tags }));
await waitUntilEndpointInService({ client: sm, maxWaitTime: 1800, minDelay: 2, maxDelay: 30 }, { EndpointName: approvedEndpoint });
console.log(`Version ${latest.ModelPackageVersion} approved and serving at ${approvedEndpoint}`);

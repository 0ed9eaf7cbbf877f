import {
  SageMakerClient,
  ListModelPackagesCommand,
  UpdateModelPackageCommand,
  CreateModelCommand,
  CreateEndpointConfigCommand,
  CreateEndpointCommand,
  DescribeEndpointCommand,
  DescribeModelCommand,
  UpdateEndpointCommand,
  waitUntilEndpointInService,
} from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
const [latest] =
  (await sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: groupName, SortBy: 'CreationTime', SortOrder: 'Descending' })))
    .ModelPackageSummaryList ?? [];
if (!latest) throw new Error('No registered version: run the pipeline first.');
await sm.send(
  new UpdateModelPackageCommand({
    ModelPackageArn: latest.ModelPackageArn,
    ModelApprovalStatus: 'Approved',
    ApprovalDescription: 'Meets the chatbot bar on held-out questions (pipeline evaluation).',
  }),
);

// The approved version replaces what the chatbot endpoint serves (lab 04 created it), without downtime.
const chatbotEndpoint = `${workshop.prefix}chatbot-${workshop.sessionId}`;
// One model and configuration per registered version: running the cell again reuses them.
const version = `${chatbotEndpoint}-v${latest.ModelPackageVersion}`;
const made = await sm.send(new DescribeModelCommand({ ModelName: version })).then(
  () => true,
  () => false,
);
if (!made) {
  await sm.send(
    new CreateModelCommand({
      ModelName: version,
      ExecutionRoleArn: workshop.roleArn,
      Containers: [{ ModelPackageName: latest.ModelPackageArn }],
      Tags: workshop.tags,
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: version,
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: version, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
      Tags: workshop.tags,
    }),
  );
}
const endpoint = await sm.send(new DescribeEndpointCommand({ EndpointName: chatbotEndpoint })).catch(() => undefined);
if (!endpoint)
  await sm.send(new CreateEndpointCommand({ EndpointName: chatbotEndpoint, EndpointConfigName: version, Tags: workshop.tags }));
else if (endpoint.EndpointConfigName !== version)
  await sm.send(new UpdateEndpointCommand({ EndpointName: chatbotEndpoint, EndpointConfigName: version }));
await waitUntilEndpointInService({ client: sm, maxWaitTime: 1800, minDelay: 2, maxDelay: 30 }, { EndpointName: chatbotEndpoint });
console.log(`Version ${latest.ModelPackageVersion} approved and serving at ${chatbotEndpoint}`);

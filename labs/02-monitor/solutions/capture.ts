import {
  SageMakerClient,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  CreateEndpointConfigCommand,
  UpdateEndpointCommand,
  waitUntilEndpointInService,
  DescribeHubContentCommand,
  CreateModelCommand,
  CreateEndpointCommand,
  type ProductionVariantInstanceType,
} from '@aws-sdk/client-sagemaker';
import { instanceFor, servingContainer, type JumpStartDocument } from '@naxt/workshop/jumpstart';

const sm = new SageMakerClient({});
const endpointName = `${workshop.prefix}summarizer-${workshop.sessionId}`;
const missing = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName })).then(
  () => false,
  () => true,
);
if (missing) {
  // Lab 01 was skipped: deploy its model the same way, so this lab can run on its own.
  console.log(`${endpointName} is not there (lab 01 deploys it): deploying it now…`);
  const modelId = 'huggingface-llm-mistral-7b-instruct-v3';
  const card = JSON.parse(
    (await sm.send(new DescribeHubContentCommand({ HubName: 'SageMakerPublicHub', HubContentType: 'Model', HubContentName: modelId })))
      .HubContentDocument!,
  ) as JumpStartDocument;
  const instanceType = instanceFor(card, ['ml.g5.2xlarge']) as ProductionVariantInstanceType;
  await sm.send(
    new CreateModelCommand({
      ModelName: endpointName,
      ExecutionRoleArn: workshop.roleArn,
      PrimaryContainer: servingContainer(card, instanceType),
      Tags: workshop.tags,
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: endpointName,
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: endpointName, InstanceType: instanceType, InitialInstanceCount: 1 }],
      Tags: workshop.tags,
    }),
  );
  await sm.send(new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: endpointName, Tags: workshop.tags }));
  await waitUntilEndpointInService({ client: sm, maxWaitTime: 1800, minDelay: 2, maxDelay: 30 }, { EndpointName: endpointName });
}
const endpoint = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
const current = await sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }));

const captureConfig = `${endpointName}-capture`;
// Safe to run again: a configuration made by an earlier run is reused, and an endpoint already on it is left as it is.
const made = await sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: captureConfig })).then(
  () => true,
  () => false,
);
if (made) console.log(`${captureConfig} exists: reusing it.`);
else
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: captureConfig,
      ProductionVariants: current.ProductionVariants,
      DataCaptureConfig: {
        EnableCapture: true,
        InitialSamplingPercentage: 100,
        DestinationS3Uri: `s3://${workshop.bucket}/capture`,
        CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
        CaptureContentTypeHeader: { JsonContentTypes: ['application/json'] },
      },
      Tags: workshop.tags,
    }),
  );
if (endpoint.EndpointConfigName === captureConfig) console.log(`${endpointName} already captures its traffic (${captureConfig}).`);
else {
  await sm.send(new UpdateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: captureConfig }));
  console.log(`Updating ${endpointName} to ${captureConfig}…`);
}
await waitUntilEndpointInService({ client: sm, maxWaitTime: 1800, minDelay: 2, maxDelay: 30 }, { EndpointName: endpointName });
const after = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
after.DataCaptureConfig;

import {
  SageMakerClient,
  CreateModelCommand,
  CreateEndpointConfigCommand,
  CreateEndpointCommand,
  DescribeEndpointCommand,
  waitUntilEndpointInService,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  waitUntilEndpointDeleted,
} from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
const endpointName = `${workshop.prefix}summarizer-${workshop.sessionId}`;

// Safe to run again: a live endpoint of this name is reused; a Failed one (and its model and config) is replaced.
const existing = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName })).catch(() => undefined);
if (existing && existing.EndpointStatus !== 'Failed') {
  console.log(`${endpointName} exists (${existing.EndpointStatus}): reusing it.`);
} else {
  if (existing) console.log(`${endpointName} Failed (${existing.FailureReason}): replacing it.`);
  await sm.send(new DeleteEndpointCommand({ EndpointName: endpointName })).catch(() => undefined);
  await sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: endpointName })).catch(() => undefined);
  await sm.send(new DeleteModelCommand({ ModelName: endpointName })).catch(() => undefined);
  await waitUntilEndpointDeleted({ client: sm, minDelay: 2, maxDelay: 10, maxWaitTime: 600 }, { EndpointName: endpointName }).catch(
    () => undefined,
  );
  await sm.send(
    new CreateModelCommand({
      ModelName: endpointName,
      ExecutionRoleArn: workshop.roleArn,
      // The recipe the SageMaker Python SDK's JumpStart model factory sends. JumpStart's weights are an uncompressed S3
      // prefix: they go in ModelDataSource (ModelDataUrl takes a single .tar.gz). The environment is the card's
      // InferenceEnvironmentVariables: HF_MODEL_ID=/opt/ml/model tells the container to load them where SageMaker copies them.
      PrimaryContainer: {
        Image: chosen.image,
        Environment: chosen.environment,
        ModelDataSource: { S3DataSource: { S3Uri: chosen.artifact, S3DataType: chosen.artifactType, CompressionType: chosen.compression } },
      },
      Tags: workshop.tags,
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: endpointName,
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: endpointName, InstanceType: chosen.instanceType, InitialInstanceCount: 1 },
      ],
      Tags: workshop.tags,
    }),
  );
  await sm.send(new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: endpointName, Tags: workshop.tags }));
}

// The SDK's waiter polls DescribeEndpoint until InService, and fails with the reason if the endpoint fails; the page
// shows the endpoint's progress meanwhile. (A few seconds between polls: the default is 30 s.)
await waitUntilEndpointInService({ client: sm, minDelay: 2, maxDelay: 10, maxWaitTime: 30 * 60 }, { EndpointName: endpointName });
const { EndpointStatus, ProductionVariants } = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
console.log(`${endpointName} is ${EndpointStatus} on ${ProductionVariants?.[0]?.CurrentInstanceCount ?? 0} instance(s).`);
endpointName;

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
  // TODO: create the model (chosen.image; chosen.environment; the artifact prefix in ModelDataSource.S3DataSource — not
  // ModelDataUrl, which takes a single .tar.gz), the endpoint configuration (1 × chosen.instanceType) and the endpoint,
  // all named endpointName and tagged with workshop.tags.
}

// The SDK's waiter polls DescribeEndpoint until InService, and fails with the reason if the endpoint fails; the page
// shows the endpoint's progress meanwhile. (A few seconds between polls: the default is 30 s.)
await waitUntilEndpointInService({ client: sm, minDelay: 2, maxDelay: 10, maxWaitTime: 30 * 60 }, { EndpointName: endpointName });
const { EndpointStatus, ProductionVariants } = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
console.log(`${endpointName} is ${EndpointStatus} on ${ProductionVariants?.[0]?.CurrentInstanceCount ?? 0} instance(s).`);
endpointName;

import { SageMakerClient, DescribeEndpointCommand, DescribeEndpointConfigCommand, CreateEndpointConfigCommand, UpdateEndpointCommand, waitUntilEndpointInService } from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
const endpointName = `${workshop.prefix}summarizer-${workshop.sessionId}`;
const endpoint = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName })).catch(() => {
  throw new Error(`Endpoint ${endpointName} is not there: run lab 01 (Filter and deploy) first.`);
});
const current = await sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }));

const captureConfig = `${endpointName}-capture`;
await sm.send(new CreateEndpointConfigCommand({
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
}));
// TODO: move the endpoint to the new configuration with UpdateEndpointCommand.
console.log(`Updating ${endpointName} to ${captureConfig}…`);
await waitUntilEndpointInService({ client: sm, maxWaitTime: 1800, minDelay: 2, maxDelay: 30 }, { EndpointName: endpointName });
const after = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
after.DataCaptureConfig;

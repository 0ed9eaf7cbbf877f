import { SageMakerClient, CreateModelCommand, CreateEndpointConfigCommand, CreateEndpointCommand, DescribeEndpointCommand } from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
const endpointName = `${workshop.prefix}summarizer-${workshop.sessionId}`;

// TODO: create the model (image, artifact, HF_MODEL_ID), the endpoint configuration (1 × chosen.instanceType)
// and the endpoint, all named endpointName and tagged with workshop.tags.

// Wait with progress: a line when the status changes, and every 30 s while it does not.
const started = Date.now();
let status = '';
let lastLine = 0;
for (;;) {
  const d = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
  const elapsed = Math.round((Date.now() - started) / 1000);
  if (d.EndpointStatus !== status || elapsed - lastLine >= 30) {
    console.log(`${elapsed}s  ${d.EndpointStatus}${d.FailureReason ? ` — ${d.FailureReason}` : ''}`);
    status = d.EndpointStatus ?? '';
    lastLine = elapsed;
  }
  if (status !== 'Creating') break;
  await new Promise((r) => setTimeout(r, 2000));
}
if (status !== 'InService') throw new Error(`The endpoint ended ${status}: see DescribeEndpoint's FailureReason.`);
endpointName;

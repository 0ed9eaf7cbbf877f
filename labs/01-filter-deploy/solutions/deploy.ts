import { SageMakerClient, CreateModelCommand, CreateEndpointConfigCommand, CreateEndpointCommand, DescribeEndpointCommand } from '@aws-sdk/client-sagemaker';

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

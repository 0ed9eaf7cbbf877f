import {
  SageMakerClient,
  CreateModelCommand,
  CreateEndpointConfigCommand,
  CreateEndpointCommand,
  DescribeEndpointCommand,
  DescribeHubContentCommand,
  DescribeModelCommand,
  UpdateEndpointCommand,
  waitUntilEndpointInService,
  type ProductionVariantInstanceType,
} from '@aws-sdk/client-sagemaker';
import { instanceFor, servingContainer, type JumpStartDocument } from '@naxt/workshop/jumpstart';

const sm = new SageMakerClient({});
const base = JSON.parse(
  (
    await sm.send(
      new DescribeHubContentCommand({
        HubName: 'SageMakerPublicHub',
        HubContentType: 'Model',
        HubContentName: 'huggingface-llm-gemma-2b-instruct',
      }),
    )
  ).HubContentDocument!,
) as JumpStartDocument;
const instanceType = instanceFor(base, ['ml.g5.2xlarge']) as ProductionVariantInstanceType;
const chatbotEndpoint = `${workshop.prefix}chatbot-${workshop.sessionId}`;
// One model and configuration per fine-tune, named after its training job: running the cell again reuses them.
const job = /([^/]+)\/output\/model(?:\.tar\.gz|\/)$/.exec(tunedArtifact)?.[1] ?? 'tuned';
const version = `${chatbotEndpoint}-${job.split('-').at(-1)}`;

const modelThere = await sm.send(new DescribeModelCommand({ ModelName: version })).then(
  () => true,
  () => false,
);
if (modelThere) console.log(`${version} exists: reusing it.`);
else {
  // TODO: a model named `version` that serves the tuned artifact: servingContainer(base, instanceType, tunedArtifact) — the base
  // model's image and environment on the fine-tune's weights.
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: version,
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: version, InstanceType: instanceType, InitialInstanceCount: 1 }],
      Tags: workshop.tags,
    }),
  );
}
const endpoint = await sm.send(new DescribeEndpointCommand({ EndpointName: chatbotEndpoint })).catch(() => undefined);
if (!endpoint)
  await sm.send(new CreateEndpointCommand({ EndpointName: chatbotEndpoint, EndpointConfigName: version, Tags: workshop.tags }));
else if (endpoint.EndpointConfigName !== version)
  await sm.send(new UpdateEndpointCommand({ EndpointName: chatbotEndpoint, EndpointConfigName: version }));
console.log(
  endpoint?.EndpointConfigName === version
    ? `${chatbotEndpoint} already serves ${version}.`
    : `Deploying ${version} to ${chatbotEndpoint} on ${instanceType}…`,
);
await waitUntilEndpointInService({ client: sm, maxWaitTime: 1800, minDelay: 2, maxDelay: 30 }, { EndpointName: chatbotEndpoint });
console.log('InService');

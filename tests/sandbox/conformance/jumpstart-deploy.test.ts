/**
 * "AWS says no" to a JumpStart deploy done wrong, and yes to the recipe the SageMaker Python SDK's JumpStart model
 * factory sends. Each case cites where AWS's behaviour is written down.
 */
import { describe, expect, it } from 'vitest';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  waitUntilEndpointInService,
  type ContainerDefinition,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { ROLE, conformance, failure, fast } from './fixture.ts';
import { jumpstartContainer } from '../deploy.ts';
import { catalog } from '../../../runner/sandbox/sagemaker/hub.ts';

const t = conformance();
const contentDir = new URL('../../../content', import.meta.url).pathname;
const model = (id: string) => catalog(contentDir).models.find((m) => m.modelId === id)!;
const OPEN = 'huggingface-llm-mistral-7b-instruct-v3';
const GATED = 'huggingface-llm-gemma-2b-instruct';

/** Model + config + endpoint; answers the endpoint's status once it left Creating. */
async function deploy(name: string, container: ContainerDefinition): Promise<{ status?: string; reason?: string; creating?: string }> {
  await t.sm.send(new CreateModelCommand({ ModelName: name, ExecutionRoleArn: ROLE, PrimaryContainer: container }));
  await t.sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: name, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
    }),
  );
  await t.sm.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name }));
  const creating = (await t.sm.send(new DescribeEndpointCommand({ EndpointName: name }))).EndpointStatus;
  await waitUntilEndpointInService({ client: t.sm, ...fast }, { EndpointName: name }).catch(() => undefined);
  const d = await t.sm.send(new DescribeEndpointCommand({ EndpointName: name }));
  return { status: d.EndpointStatus, reason: d.FailureReason, creating };
}

describe('JumpStart deploy: what AWS refuses and what it accepts', () => {
  it('a JumpStart prefix in ModelDataUrl is refused at CreateModel: "Could not find model data at …"', async () => {
    // botocore sagemaker service-2.json, ContainerDefinition.ModelDataUrl: "must point to a single gzip compressed tar
    // archive (.tar.gz suffix)"; AWS's answer for a prefix, verbatim: aws/amazon-sagemaker-examples#4479.
    const prefix = model(OPEN).document.HostingArtifactUri;
    const err = await failure(
      t.sm.send(
        new CreateModelCommand({
          ModelName: 'js-prefix',
          ExecutionRoleArn: ROLE,
          PrimaryContainer: { Image: model(OPEN).document.HostingEcrUri, ModelDataUrl: prefix },
        }),
      ),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(`Could not find model data at ${prefix}.`);
  });

  it('a ModelDataUrl naming an object that does not exist is refused the same way', async () => {
    // aws/amazon-sagemaker-examples#2264: "Could not find model data at s3://…/output/model.tar.gz."
    const url = 's3://naxt-nowhere/output/model.tar.gz';
    const err = await failure(
      t.sm.send(
        new CreateModelCommand({
          ModelName: 'js-missing',
          ExecutionRoleArn: ROLE,
          PrimaryContainer: { Image: model(OPEN).document.HostingEcrUri, ModelDataUrl: url },
        }),
      ),
    );
    expect(err.message).toBe(`Could not find model data at ${url}.`);
  });

  it('the real recipe (ModelDataSource S3Prefix/None + the hub environment) goes InService and serves the model its artifacts name', async () => {
    // The recipe: aws/sagemaker-python-sdk v2 src/sagemaker/jumpstart/factory/model.py; S3ModelDataSource in botocore.
    const r = await deploy('js-real', jumpstartContainer(OPEN));
    expect(r).toMatchObject({ creating: 'Creating', status: 'InService' });
    const out = await t.clients.runtime.send(
      new InvokeEndpointCommand({
        EndpointName: 'js-real',
        ContentType: 'application/json',
        Body: JSON.stringify({ inputs: 'How do I order a laptop?' }),
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('an env var does not choose the model: the artifacts do (HF_MODEL_ID naming another model fails the container, not swaps it)', async () => {
    // TGI loads HF_MODEL_ID; JumpStart's document sets it to /opt/ml/model where the artifacts are copied
    // (hub_content_document.json in aws/sagemaker-python-sdk). A JumpStart id there is no model the server can load.
    const c = jumpstartContainer(OPEN);
    const r = await deploy('js-envid', { ...c, Environment: { ...c.Environment, HF_MODEL_ID: 'huggingface-llm-mixtral-8x7b-instruct' } });
    expect(r.creating).toBe('Creating'); // accepted at the call: AWS finds out when the container starts
    expect(r.status).toBe('Failed');
    // aws/sagemaker-python-sdk#787, awslabs/llm-hosting-container#18
    expect(r.reason).toBe(
      'The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.',
    );
  });

  it('a TGI container without HF_MODEL_ID fails the endpoint after creation', async () => {
    const c = jumpstartContainer(OPEN);
    const env = { ...c.Environment };
    delete env.HF_MODEL_ID;
    const r = await deploy('js-noid', { ...c, Environment: env });
    expect(r).toMatchObject({ creating: 'Creating', status: 'Failed' });
    expect(r.reason).toMatch(/did not pass the ping health check/);
  });

  it('a gated model without ModelAccessConfig.AcceptEula fails the endpoint; with it, it serves', async () => {
    // botocore ModelAccessConfig.AcceptEula: "must be explicitly defined as True in order to accept the EULA that this model requires".
    expect(model(GATED).document.GatedBucket).toBe(true);
    const c = jumpstartContainer(GATED);
    const src = c.ModelDataSource!.S3DataSource!;
    expect(src.ModelAccessConfig).toEqual({ AcceptEula: true });
    const refused = await deploy('js-gated-no', { ...c, ModelDataSource: { S3DataSource: { ...src, ModelAccessConfig: undefined } } });
    expect(refused.status).toBe('Failed');
    expect(refused.reason).toMatch(/AcceptEula/);
    expect((await deploy('js-gated-yes', c)).status).toBe('InService');
  });

  it('S3Prefix data must be a key name prefix ending with a slash', async () => {
    // botocore S3ModelDataSource.S3DataType: "A valid key name prefix identified by S3Uri always ends with a forward slash (/)."
    const c = jumpstartContainer(OPEN);
    const src = c.ModelDataSource!.S3DataSource!;
    const err = await failure(
      t.sm.send(
        new CreateModelCommand({
          ModelName: 'js-noslash',
          ExecutionRoleArn: ROLE,
          PrimaryContainer: { ...c, ModelDataSource: { S3DataSource: { ...src, S3Uri: src.S3Uri!.replace(/\/$/, '') } } },
        }),
      ),
    );
    expect(err.name).toBe('ValidationException');
  });
});

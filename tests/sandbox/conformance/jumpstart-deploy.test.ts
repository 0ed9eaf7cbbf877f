import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateModelCommand, DescribeModelCommand } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { testRunner } from '../../integration/harness.ts';
import { deployEndpoint, ROLE } from '../deploy.ts';
import { catalog } from '../../../runner/sandbox/sagemaker/hub.ts';

const small = catalog('content').models.find((m) => m.modelId === 'huggingface-llm-qwen2-1-5b-instruct')!;
const large = catalog('content').models.find((m) => m.modelId === 'huggingface-llm-mistral-7b-instruct-v3')!;

describe('JumpStart deploy: what AWS refuses, and the SDK recipe it accepts', () => {
  let h: Awaited<ReturnType<typeof testRunner>>;
  let c: ReturnType<typeof h.runner.target.clients>;
  beforeAll(async () => {
    h = await testRunner();
    c = h.runner.target.clients();
  });
  afterAll(async () => h?.remove());

  it('refuses the uncompressed JumpStart prefix in ModelDataUrl with AWS\'s words, and creates nothing', async () => {
    // botocore service-2.json ContainerDefinition.ModelDataUrl: "must point to a single gzip compressed tar archive";
    // AWS's answer quoted in aws-ia/ecs-blueprints#223 and aws/amazon-sagemaker-examples#4479.
    const err = await c.sagemaker.send(new CreateModelCommand({
      ModelName: 'naxt-prefix-in-url', ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: small.hostingEcrUri, ModelDataUrl: small.hostingArtifactUri, Environment: { HF_MODEL_ID: '/opt/ml/model' } },
    })).then(() => undefined, (e: Error) => e);
    expect(err?.name).toBe('ValidationException');
    expect(err?.message).toBe(`Could not find model data at ${small.hostingArtifactUri}.`);
    const described = await c.sagemaker.send(new DescribeModelCommand({ ModelName: 'naxt-prefix-in-url' })).then(() => 'exists', () => 'absent');
    expect(described).toBe('absent');
  });

  it('accepts the SDK recipe (ModelDataSource S3Prefix/None, HF_MODEL_ID=/opt/ml/model) and serves the model its artifacts name', async () => {
    // aws/sagemaker-python-sdk src/sagemaker/jumpstart/factory/model.py _add_model_data_to_kwargs (commit d6c280f72).
    await deployEndpoint(c.sagemaker, 'naxt-recipe-small', small.modelId);
    await deployEndpoint(c.sagemaker, 'naxt-recipe-large', large.modelId);
    // The stand-in's label (X-Naxt-Stand-In) says which catalog model answered.
    const served = async (EndpointName: string) => {
      let label = '';
      const cmd = new InvokeEndpointCommand({ EndpointName, ContentType: 'application/json', Body: JSON.stringify({ inputs: 'How do I order a laptop?' }) });
      cmd.middlewareStack.add((next) => async (args) => {
        const out = await next(args);
        label = String((out.response as { headers?: Record<string, string> }).headers?.['x-naxt-stand-in'] ?? '');
        return out;
      }, { step: 'deserialize' });
      await c.runtime.send(cmd);
      return label;
    };
    expect(await served('naxt-recipe-small')).toContain(`model=${small.modelId}`);
    expect(await served('naxt-recipe-large')).toContain(`model=${large.modelId}`);
    const model = await c.sagemaker.send(new DescribeModelCommand({ ModelName: 'naxt-recipe-large' }));
    expect(model.PrimaryContainer?.ModelDataSource?.S3DataSource?.S3Uri).toBe(large.hostingArtifactUri);
  });
});

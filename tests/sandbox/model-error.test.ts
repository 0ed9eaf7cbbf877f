import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvokeEndpointCommand, ModelError } from '@aws-sdk/client-sagemaker-runtime';
import { testRunner } from '../integration/harness.ts';
import { deployEndpoint } from './deploy.ts';

const ENDPOINT = 'naxt-model-error';

describe('a request the model refuses is SageMaker ModelError (424)', () => {
  let h: Awaited<ReturnType<typeof testRunner>>;
  let c: ReturnType<typeof h.runner.target.clients>;
  beforeAll(async () => {
    h = await testRunner();
    c = h.runner.target.clients();
    await deployEndpoint(c.sagemaker, ENDPOINT, 'huggingface-llm-gemma-2b-instruct');
  });
  afterAll(async () => h?.remove());

  const invoke = (Body: string, ContentType = 'application/json') =>
    c.runtime.send(new InvokeEndpointCommand({ EndpointName: ENDPOINT, ContentType, Body })).then(
      () => undefined,
      (e: unknown) => e,
    );

  it('the container input validation error keeps its status and body', async () => {
    const err = (await invoke(JSON.stringify({ inputs: '' }))) as ModelError;
    expect(err).toBeInstanceOf(ModelError);
    expect(err.name).toBe('ModelError');
    expect(err.$metadata.httpStatusCode).toBe(424);
    expect(err.OriginalStatusCode).toBe(422);
    expect(JSON.parse(err.OriginalMessage!)).toMatchObject({
      error_type: 'validation',
      error: expect.stringMatching(/^Input validation error: .*inputs/),
    });
    expect(err.message).toBe(
      `Received client error (422) from primary with message "${err.OriginalMessage}". See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/${ENDPOINT} in account 123456789012 for more information.`,
    );
    expect(err.LogStreamArn).toBe(`arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/${ENDPOINT}`);
  });

  it('a body that is not JSON is the container 400', async () => {
    const err = (await invoke('{"inputs": "unterminated')) as ModelError;
    expect(err.name).toBe('ModelError');
    expect(err.OriginalStatusCode).toBe(400);
    expect(err.message).toMatch(/^Received client error \(400\) from primary with message ".*Failed to parse the request body as JSON/);
  });

  it('a well-formed request still answers', async () => {
    const r = await c.runtime.send(
      new InvokeEndpointCommand({
        EndpointName: ENDPOINT,
        ContentType: 'application/json',
        Body: JSON.stringify({ inputs: 'How do I order a laptop?' }),
      }),
    );
    expect(JSON.parse(Buffer.from(r.Body!).toString('utf8'))[0].generated_text.length).toBeGreaterThan(0);
  });
});

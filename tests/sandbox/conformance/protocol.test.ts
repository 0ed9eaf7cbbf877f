import { describe, expect, it } from 'vitest';
import { ListModelsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { BuildMiddleware, DeserializeMiddleware, MiddlewareStack } from '@smithy/types';
import { conformance, failure } from './fixture.ts';

const t = conformance();

type Request = { headers: Record<string, string>; body?: unknown };
type Keys = { accessKeyId: string; secretAccessKey: string };

/** Changes the HTTP request the SDK sends: before signing (`build`) or after it (`deserialize`, just before the wire). */
function tamper<C extends { middlewareStack: unknown }>(client: C, step: 'build' | 'deserialize', change: (r: Request) => void): C {
  const stack = client.middlewareStack as MiddlewareStack<object, object>;
  const mw =
    <A extends { request: unknown }, R>(next: (args: A) => Promise<R>) =>
    async (args: A) => {
      change(args.request as Request);
      return next(args);
    };
  if (step === 'build') stack.add(mw as BuildMiddleware<object, object>, { step, priority: 'low' });
  else stack.add(mw as DeserializeMiddleware<object, object>, { step, priority: 'low' });
  return client;
}

function clients(keys?: Partial<Keys>) {
  const env = t.env();
  const credentials = {
    accessKeyId: keys?.accessKeyId ?? env.AWS_ACCESS_KEY_ID,
    secretAccessKey: keys?.secretAccessKey ?? env.AWS_SECRET_ACCESS_KEY,
  };
  const base = { region: env.AWS_REGION, credentials, maxAttempts: 1 };
  return {
    sm: new SageMakerClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_SAGEMAKER }),
    s3: new S3Client({ ...base, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true }),
    sts: new STSClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_STS }),
  };
}

const unsigned = (r: Request) => {
  for (const h of Object.keys(r.headers))
    if (/^(authorization|x-amz-date|x-amz-security-token|x-amz-content-sha256)$/i.test(h)) delete r.headers[h];
};

describe('the wire protocol refuses what AWS refuses, with the names the SDK raises', () => {
  it('SageMaker (awsJson 1.1): unsigned, malformed, unknown key and wrong secret', async () => {
    const missing = await failure(tamper(clients().sm, 'deserialize', unsigned).send(new ListModelsCommand({})));
    expect([missing.name, missing.$metadata?.httpStatusCode]).toEqual(['MissingAuthenticationTokenException', 403]);
    const garbled = await failure(
      tamper(clients().sm, 'deserialize', (r) => {
        r.headers.authorization = 'AWS4-HMAC-SHA256 Signature=abc';
      }).send(new ListModelsCommand({})),
    );
    expect([garbled.name, garbled.$metadata?.httpStatusCode]).toEqual(['IncompleteSignatureException', 403]);
    const stranger = await failure(clients({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }).sm.send(new ListModelsCommand({})));
    expect([stranger.name, stranger.message]).toEqual([
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    ]);
    const wrong = await failure(
      clients({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }).sm.send(new ListModelsCommand({})),
    );
    expect([wrong.name, wrong.$metadata?.httpStatusCode]).toEqual(['InvalidSignatureException', 403]);
    expect(wrong.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  });

  it('SageMaker: an unknown X-Amz-Target is UnknownOperationException, a body that is not JSON is SerializationException', async () => {
    const unknown = await failure(
      tamper(clients().sm, 'build', (r) => {
        r.headers['x-amz-target'] = 'SageMaker.LaunchRocket';
      }).send(new ListModelsCommand({})),
    );
    expect([unknown.name, unknown.$metadata?.httpStatusCode]).toEqual(['UnknownOperationException', 400]);
    const notJson = await failure(
      tamper(clients().sm, 'build', (r) => {
        r.body = '{"MaxResults": 5,';
        r.headers['content-length'] = String(Buffer.byteLength(String(r.body)));
      }).send(new ListModelsCommand({})),
    );
    expect([notJson.name, notJson.$metadata?.httpStatusCode]).toEqual(['SerializationException', 400]);
    // The same client with nothing tampered goes through: the refusals above are about the requests, not the client.
    expect((await clients().sm.send(new ListModelsCommand({}))).Models).toEqual([]);
  });

  it('S3 (REST-XML): anonymous is AccessDenied, a wrong secret SignatureDoesNotMatch, an unknown key InvalidAccessKeyId', async () => {
    const anonymous = await failure(tamper(clients().s3, 'deserialize', unsigned).send(new ListBucketsCommand({})));
    expect([anonymous.name, anonymous.message, anonymous.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 'Access Denied', 403]);
    const wrong = await failure(
      clients({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }).s3.send(new ListBucketsCommand({})),
    );
    expect([wrong.name, wrong.$metadata?.httpStatusCode]).toEqual(['SignatureDoesNotMatch', 403]);
    const stranger = await failure(clients({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }).s3.send(new ListBucketsCommand({})));
    expect(stranger.name).toBe('InvalidAccessKeyId');
  });

  it('STS (query): a wrong secret is SignatureDoesNotMatch and an unknown key InvalidClientTokenId, as the runner expects of real AWS', async () => {
    const wrong = await failure(
      clients({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }).sts.send(new GetCallerIdentityCommand({})),
    );
    expect(wrong.name).toBe('SignatureDoesNotMatch');
    const stranger = await failure(clients({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }).sts.send(new GetCallerIdentityCommand({})));
    expect(stranger.name).toBe('InvalidClientTokenId');
    const missing = await failure(tamper(clients().sts, 'deserialize', unsigned).send(new GetCallerIdentityCommand({})));
    expect(missing.name).toBe('MissingAuthenticationToken');
  });
});

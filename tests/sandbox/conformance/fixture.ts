import { afterAll, beforeAll, expect } from 'vitest';
import {
  SageMakerClient,
  CreateModelCommand,
  CreateEndpointConfigCommand,
  CreateWorkforceCommand,
  ListWorkforcesCommand,
  type Tag,
} from '@aws-sdk/client-sagemaker';
import { CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { S3Client, CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { testRunner } from '../../integration/harness.ts';
import { jumpstartContainer } from '../deploy.ts';
import type { CheckClients, CheckContext } from '../../../runner/checks/types.ts';
import type { WorkshopGlobals } from '../../../runner/contracts.ts';
import { checkContext } from '../../../runner/checks/runtime.ts';
import type { Sandbox } from '../../../runner/sandbox/index.ts';

export const ROLE = 'arn:aws:iam::123456789012:role/naxt-workshop-sagemaker-execution';
export const IMAGE =
  '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.1.1-tgi1.4.0-gpu-py310-cu121-ubuntu22.04';
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const arn = (type: string, name: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${type}/${name.toLowerCase()}`;

/** Waiter settings for a sandbox whose clock runs fast: poll often, give up within seconds. */
export const fast = { minDelay: 0.05, maxDelay: 0.2, maxWaitTime: 20 };

export interface Conformance {
  sm: SageMakerClient;
  s3: S3Client;
  clients: CheckClients;
  sandbox: Sandbox;
  /** Clients that retry as the SDK does by default (the runner's own clients make one attempt). */
  retrying(): SageMakerClient;
  /** The environment a kernel gets: region, sandbox keys and `AWS_ENDPOINT_URL_<SERVICE>` endpoints. */
  env(): Record<string, string>;
}

/**
 * One runner per test file with its own account, as `npm start` would start it, and the SDK clients the checks use.
 * `timeScale` 600 makes a 6-minute endpoint creation take 0.6 s: slow enough to see Creating, fast enough to wait for.
 */
export function conformance(opts: { timeScale?: number; args?: string[] } = {}): Conformance {
  let h: Awaited<ReturnType<typeof testRunner>>;
  const ctx = {} as Conformance;
  beforeAll(async () => {
    h = await testRunner(['--time-scale', String(opts.timeScale ?? 600), ...(opts.args ?? [])]);
    ctx.clients = h.runner.target.clients();
    ctx.sm = ctx.clients.sagemaker;
    ctx.s3 = ctx.clients.s3;
    ctx.sandbox = h.runner.sandbox!;
    ctx.env = () => ({ ...h.runner.target.kernelEnv() }) as Record<string, string>;
    ctx.retrying = () => {
      const env = h.runner.target.kernelEnv();
      return new SageMakerClient({
        region: env.AWS_REGION,
        endpoint: env.AWS_ENDPOINT_URL_SAGEMAKER,
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
      });
    };
  });
  afterAll(async () => {
    await h?.remove();
  });
  return ctx;
}

/** The error a call rejects with (fails the test when it resolves). */
export async function failure(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; $fault?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  expect.fail('the call succeeded; an error was expected');
}

/** A model and an endpoint config on a small instance type, ready for CreateEndpoint. */
export async function modelAndConfig(
  sm: SageMakerClient,
  name: string,
  opts: { instanceType?: string; count?: number; tags?: Tag[]; capture?: string } = {},
): Promise<void> {
  await sm.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { ...jumpstartContainer('huggingface-llm-mistral-7b-instruct-v3'), Image: IMAGE },
      Tags: opts.tags,
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: name,
          InstanceType: (opts.instanceType ?? 'ml.m5.xlarge') as 'ml.m5.xlarge',
          InitialInstanceCount: opts.count ?? 1,
        },
      ],
      ...(opts.capture
        ? {
            DataCaptureConfig: {
              EnableCapture: true,
              InitialSamplingPercentage: 100,
              DestinationS3Uri: opts.capture,
              CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
            },
          }
        : {}),
      Tags: opts.tags,
    }),
  );
}

/** A bucket with a training set the stand-in trainer accepts. */
export async function trainingData(s3: S3Client, bucket: string): Promise<string> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((e: Error) => {
    if (e.name !== 'BucketAlreadyOwnedByYou') throw e;
  });
  const rows = Array.from({ length: 8 }, (_, i) =>
    JSON.stringify({
      instruction: `How do I order a laptop number ${i}?`,
      response: 'Open a ticket in the IT portal and pick the standard laptop; your manager approves it.',
    }),
  );
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'train/data.jsonl', Body: rows.join('\n') }));
  return `s3://${bucket}/train/`;
}

/**
 * The account's private workforce, found or created as a real account needs it (a Cognito user pool, its app client,
 * a user group per team, CreateWorkforce with the pool and client): the CognitoMemberDefinition of a team of `group`.
 */
export async function privateWorkforce(c: CheckClients, group: string): Promise<{ UserPool: string; ClientId: string; UserGroup: string }> {
  const { Workforces = [] } = await c.sagemaker.send(new ListWorkforcesCommand({}));
  let cfg = Workforces[0]?.CognitoConfig;
  if (!cfg) {
    const pool = (await c.cognito.send(new CreateUserPoolCommand({ PoolName: 'naxt-test-labelers' }))).UserPool!.Id!;
    const client = (
      await c.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'naxt-test-portal', GenerateSecret: true }))
    ).UserPoolClient!.ClientId!;
    await c.sagemaker.send(
      new CreateWorkforceCommand({ WorkforceName: 'naxt-test-workforce', CognitoConfig: { UserPool: pool, ClientId: client } }),
    );
    cfg = { UserPool: pool, ClientId: client };
  }
  await c.cognito.send(new CreateGroupCommand({ UserPoolId: cfg.UserPool, GroupName: group })).catch((e: Error) => {
    if (e.name !== 'GroupExistsException') throw e;
  });
  return { UserPool: cfg.UserPool!, ClientId: cfg.ClientId!, UserGroup: group };
}

/** A check's context on the sandbox for a session's values, with no kernel values (a check test's starting point). */
export const checkContextOn = (clients: CheckClients, workshop: WorkshopGlobals): CheckContext =>
  checkContext({ clients, workshop, projectDir: process.cwd(), kernelValue: async () => undefined, signal: new AbortController().signal });

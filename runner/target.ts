import { randomBytes } from 'node:crypto';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Target } from './contracts.ts';
import type { CheckClients } from './checks/types.ts';

/** The account every cell and check of a runner talks to: the sandbox inside the runner, or the learner's own. */
export interface TargetAccount {
  kind: Target;
  region: string;
  accountId: string;
  callerArn: string;
  /** Environment of a session's kernel: how unchanged SDK code finds this account. */
  kernelEnv(): Record<string, string>;
  /** SDK clients for checks, cleanup and the runner itself. */
  clients(): CheckClients;
}

/** Service ids as the SDK spells them in AWS_ENDPOINT_URL_<SERVICE>, and where the sandbox serves them. */
export const SANDBOX_SERVICES = {
  STS: 'sts',
  S3: 's3',
  SAGEMAKER: 'sagemaker',
  SAGEMAKER_RUNTIME: 'runtime',
} as const;

export const SANDBOX_ACCOUNT_ID = '123456789012';

export interface SandboxKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Fresh keys per launch: the sandbox accepts only requests signed with them. */
export function newSandboxKeys(): SandboxKeys {
  return {
    accessKeyId: `NAXTSANDBOX${randomBytes(5).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
}

/** Environment that keeps the SDK quiet about Node 20 and away from the learner's own config in sandbox mode. */
export const SDK_QUIET_ENV = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } as const;

export function sandboxEndpoint(baseUrl: string, service: keyof typeof SANDBOX_SERVICES): string {
  return `${baseUrl}/sandbox/${SANDBOX_SERVICES[service]}`;
}

export function sandboxTarget(opts: { baseUrl: () => string; region: string; keys: SandboxKeys }): TargetAccount {
  const { region, keys } = opts;
  let cached: CheckClients | undefined;
  return {
    kind: 'sandbox',
    region,
    accountId: SANDBOX_ACCOUNT_ID,
    callerArn: `arn:aws:sts::${SANDBOX_ACCOUNT_ID}:assumed-role/naxt-workshop-learner/learner`,
    kernelEnv() {
      const env: Record<string, string> = {
        ...SDK_QUIET_ENV,
        AWS_REGION: region,
        AWS_ACCESS_KEY_ID: keys.accessKeyId,
        AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
        AWS_CONFIG_FILE: '/nonexistent/naxt-sandbox-config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/naxt-sandbox-credentials',
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      for (const service of Object.keys(SANDBOX_SERVICES) as (keyof typeof SANDBOX_SERVICES)[]) {
        env[`AWS_ENDPOINT_URL_${service}`] = sandboxEndpoint(opts.baseUrl(), service);
      }
      return env;
    },
    clients() {
      if (cached) return cached;
      const base = { region, credentials: keys, maxAttempts: 1 };
      const url = (s: keyof typeof SANDBOX_SERVICES) => sandboxEndpoint(opts.baseUrl(), s);
      cached = {
        sagemaker: new SageMakerClient({ ...base, endpoint: url('SAGEMAKER') }),
        runtime: new SageMakerRuntimeClient({ ...base, endpoint: url('SAGEMAKER_RUNTIME') }),
        s3: new S3Client({ ...base, endpoint: url('S3'), forcePathStyle: true }),
        sts: new STSClient({ ...base, endpoint: url('STS') }),
      };
      return cached;
    },
  };
}

/** The learner's own account through the default credential chain; identity is checked before anything runs. */
export async function awsTarget(opts: { region: string; profile?: string }): Promise<TargetAccount> {
  if (opts.profile) process.env.AWS_PROFILE = opts.profile;
  const base = { region: opts.region };
  const clients: CheckClients = {
    sagemaker: new SageMakerClient(base),
    runtime: new SageMakerRuntimeClient(base),
    s3: new S3Client(base),
    sts: new STSClient(base),
  };
  const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
  return {
    kind: 'aws',
    region: opts.region,
    accountId: identity.Account ?? 'unknown',
    callerArn: identity.Arn ?? 'unknown',
    kernelEnv() {
      const env: Record<string, string> = { ...SDK_QUIET_ENV, AWS_REGION: opts.region };
      // The kernel resolves credentials itself with the same default chain; pass what that chain reads.
      for (const [k, v] of Object.entries(process.env)) {
        if (v !== undefined && (k.startsWith('AWS_') || k === 'HOME')) env[k] = v;
      }
      return env;
    },
    clients: () => clients,
  };
}

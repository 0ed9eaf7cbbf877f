import { randomBytes } from 'node:crypto';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { IAMClient } from '@aws-sdk/client-iam';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
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
  IAM: 'iam',
  SERVICE_QUOTAS: 'servicequotas',
  CLOUDWATCH_LOGS: 'logs',
  // serviceId "Cognito Identity Provider" (botocore's cognito-idp model): AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER.
  COGNITO_IDENTITY_PROVIDER: 'cognito-idp',
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
        iam: new IAMClient({ ...base, endpoint: url('IAM') }),
        quotas: new ServiceQuotasClient({ ...base, endpoint: url('SERVICE_QUOTAS') }),
        logs: new CloudWatchLogsClient({ ...base, endpoint: url('CLOUDWATCH_LOGS') }),
        cognito: new CognitoIdentityProviderClient({ ...base, endpoint: url('COGNITO_IDENTITY_PROVIDER') }),
      };
      return cached;
    },
  };
}

/** Regions where the JumpStart public hub serves the workshop's models (SageMaker JumpStart availability). */
export const JUMPSTART_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
  'me-south-1',
  'af-south-1',
];

/** Turns a failure to reach the learner's account into what to do about it. */
export function explainAwsStartupError(error: unknown, opts: { profile?: string; region: string }): string {
  const e = error as { name?: string; message?: string };
  const msg = e.message ?? String(error);
  const profile = opts.profile ?? process.env.AWS_PROFILE;
  const login = `aws sso login${profile ? ` --profile ${profile}` : ''}`;
  if (/SSO session .*(expired|invalid)|Token is expired|refresh.*sso/i.test(msg) || e.name === 'TokenProviderError') {
    return `Your AWS SSO session has expired. Run \`${login}\`, then start the workshop again.`;
  }
  if (e.name === 'ExpiredToken' || e.name === 'ExpiredTokenException' || /security token included in the request is expired/i.test(msg)) {
    return 'Your AWS session credentials have expired. Refresh them (for example `aws sso login` or a new `aws sts assume-role`), then start the workshop again.';
  }
  if (e.name === 'CredentialsProviderError' || /Could not load credentials|Unable to locate credentials/i.test(msg)) {
    return `No AWS credentials found${profile ? ` for profile "${profile}"` : ''}. Run \`aws configure\` or \`${login}\`, or set AWS_PROFILE, then \`npm start -- --aws\`.`;
  }
  if (e.name === 'InvalidClientTokenId' || e.name === 'SignatureDoesNotMatch') {
    return 'AWS rejected your credentials (wrong access key or secret). Check them with `aws sts get-caller-identity`.';
  }
  return `Could not reach your AWS account in ${opts.region}: ${e.name ?? 'Error'}: ${msg}`;
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
    iam: new IAMClient(base),
    quotas: new ServiceQuotasClient(base),
    logs: new CloudWatchLogsClient(base),
    cognito: new CognitoIdentityProviderClient(base),
  };
  if (!JUMPSTART_REGIONS.includes(opts.region)) {
    throw new Error(
      `JumpStart models are not offered in ${opts.region}. Start the workshop in a region that has them, e.g. \`npm start -- --aws --region us-east-1\`.`,
    );
  }
  let identity;
  try {
    identity = await clients.sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    throw new Error(explainAwsStartupError(error, opts));
  }
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

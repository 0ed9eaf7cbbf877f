import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { IAMClient, GetRoleCommand } from '@aws-sdk/client-iam';
import { ServiceQuotasClient, ListServiceQuotasCommand } from '@aws-sdk/client-service-quotas';
import { NoSuchEntityException } from '@aws-sdk/client-iam';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsTarget } from '../../runner/target.ts';
import { checks } from '../../labs/00-setup/checks.ts';
import type { CheckContext } from '../../runner/checks/types.ts';
import { checkContext } from '../../runner/checks/runtime.ts';
import { parseRunnerArgs } from '../../runner/config.ts';
import { startRunner } from '../../runner/server.ts';
import type { ApiErrorBody, SessionRef } from '../../runner/api/contract.ts';

// Recorded, real-shaped answers of AWS; no test needs an account.
const identity = {
  Account: '210987654321',
  Arn: 'arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_DataScientist_0123/kaitlin',
  UserId: 'AROAEXAMPLE:kaitlin',
  $metadata: {},
};
const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const quotas = mockClient(ServiceQuotasClient);
afterEach(() => {
  sts.reset();
  iam.reset();
  quotas.reset();
});

const credentialsError = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
const ssoExpired = Object.assign(
  new Error(
    'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
  ),
  { name: 'CredentialsProviderError' },
);

describe('the --aws target', () => {
  it('shows the account and the caller from STS', async () => {
    sts.on(GetCallerIdentityCommand).resolves(identity);
    const t = await awsTarget({ region: 'us-east-1' });
    expect(t.accountId).toBe('210987654321');
    expect(t.callerArn).toContain('kaitlin');
  });

  it('says what to do without credentials', async () => {
    sts.on(GetCallerIdentityCommand).rejects(credentialsError);
    await expect(awsTarget({ region: 'us-east-1', profile: 'naxt' })).rejects.toThrow(
      /No AWS credentials found for profile "naxt".*aws sso login --profile naxt/,
    );
  });

  it('says to log in again when the SSO session expired', async () => {
    sts.on(GetCallerIdentityCommand).rejects(ssoExpired);
    await expect(awsTarget({ region: 'us-east-1', profile: 'naxt' })).rejects.toThrow(
      'Your AWS SSO session has expired. Run `aws sso login --profile naxt`',
    );
  });

  it('refuses a region without JumpStart models, naming one that has them', async () => {
    sts.on(GetCallerIdentityCommand).resolves(identity);
    await expect(awsTarget({ region: 'cn-north-1' })).rejects.toThrow(/not offered in cn-north-1.*--region us-east-1/);
  });
});

describe('lab 00 checks on a real account', () => {
  const ctx = (values: Record<string, unknown> = {}): CheckContext =>
    checkContext({
      clients: {
        sts: new STSClient({ region: 'us-east-1' }),
        iam: new IAMClient({ region: 'us-east-1' }),
        quotas: new ServiceQuotasClient({ region: 'us-east-1' }),
      } as unknown as CheckContext['clients'],
      workshop: {
        sessionId: 'abcdef01',
        region: 'us-east-1',
        accountId: '210987654321',
        bucket: 'naxt-genai-210987654321-abcdef01',
        prefix: 'naxt-',
        tags: [],
        roleArn: 'arn:aws:iam::210987654321:role/naxt-workshop-sagemaker-execution',
        target: 'aws',
      },
      projectDir: process.cwd(),
      kernelValue: async (name) => values[name],
      signal: new AbortController().signal,
    });

  it('names the missing execution role', async () => {
    iam
      .on(GetRoleCommand)
      .rejects(
        new NoSuchEntityException({ message: 'The role with name naxt-workshop-sagemaker-execution cannot be found.', $metadata: {} }),
      );
    const r = await checks.roleReady(ctx());
    expect(r.ok).toBe(false);
    expect(r.message).toContain('naxt-workshop-sagemaker-execution does not exist');
  });

  it('names the exact quota to request when it is 0', async () => {
    // Every quota the labs need, as a new account might have them: one of them is 0.
    const values: Record<string, number> = {
      'ml.g5.2xlarge for endpoint usage': 0,
      'ml.g5.4xlarge for endpoint usage': 1,
      'ml.g5.12xlarge for endpoint usage': 1,
      'ml.g5.2xlarge for training job usage': 1,
      'ml.m5.xlarge for processing job usage': 4,
    };
    quotas
      .on(ListServiceQuotasCommand)
      .resolves({ Quotas: Object.entries(values).map(([QuotaName, Value], i) => ({ QuotaName, QuotaCode: `L-0000000${i}`, Value })) });
    const r = await checks.quotasSufficient(ctx({ quotas: values }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.hint).toContain('ml.g5.2xlarge for endpoint usage');
    expect(r.message).toContain('"ml.g5.2xlarge for endpoint usage" is 0');
  });
});

describe('confirmation before the first billable cell on a real account', () => {
  it('asks once, with the account and the prices, then runs', async () => {
    sts.on(GetCallerIdentityCommand).resolves(identity);
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const dataDir = await mkdtemp(join(tmpdir(), 'naxt-aws-'));
    const runner = await startRunner(parseRunnerArgs(['--aws', '--port', '0', '--no-open', '--data-dir', dataDir]));
    try {
      const headers = { authorization: `Bearer ${runner.token}`, origin: runner.baseUrl, 'content-type': 'application/json' };
      const sid = ((await (await fetch(`${runner.baseUrl}/api/session`, { headers })).json()) as SessionRef).sessionId;
      const run = (code: string) =>
        fetch(`${runner.baseUrl}/api/sessions/${sid}/labs/00-setup/cells/identity/run`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ code }),
        });
      const asked = await run('await sm.send(new CreateEndpointCommand({ EndpointName: "x", EndpointConfigName: "x" }))');
      expect(asked.status).toBe(409);
      const body = (await asked.json()) as ApiErrorBody;
      expect(body.error).toMatchObject({ code: 'ConfirmBilling', account: '210987654321', region: 'us-east-1' });
      expect((await run('1 + 1')).status).toBe(200); // reading cells never ask
      expect((await fetch(`${runner.baseUrl}/api/sessions/${sid}/billing/confirm`, { method: 'POST', headers })).status).toBe(204);
      const after = await run('"would create an endpoint"');
      expect(after.status).toBe(200);
      const again = await run('new CreateEndpointCommand({})');
      expect(again.status).toBe(200);
      await again.text();
    } finally {
      await runner.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

import { Hono } from 'hono';
import { createHash, randomUUID } from 'node:crypto';
import type * as sq from '@aws-sdk/client-service-quotas';
import type { SandboxContext, SandboxEnv } from './context.ts';
import { AwsError } from './errors.ts';
import { jsonOps, type ExceptionName, type JsonWire } from './typed.ts';
import { jsonError } from './sagemaker/index.ts';
import { jsonInput, operationOf } from './json-protocol.ts';
import { quotaTables } from './quotas.ts';
import { quotaName, quotaUsages } from '../../core/kinds.ts';

/** Stable quota codes for the sandbox (real accounts have their own L-… codes; the labs look quotas up by name). */
const codeOf = (name: string) => `L-${createHash('sha256').update(name).digest('hex').slice(0, 8).toUpperCase()}`;

export { jsonError as quotasError };

/** An error by the name the SDK gives the exception: on awsJson1_1 that name is the error code (`__type`). */
const quotasException = (name: ExceptionName<typeof sq>, message: string) => new AwsError(name, message);

/** Service Quotas (awsJson1_1): the SageMaker per-instance-type quotas of content/quotas.json. */
export function serviceQuotasService(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>({ strict: false });
  const quotas = (): (JsonWire<sq.ServiceQuota> & { QuotaCode: string; QuotaName: string })[] => {
    const table = quotaTables(ctx.contentDir);
    return quotaUsages
      .flatMap((usage) =>
        Object.entries(table[usage]).map(([type, value]) => {
          const QuotaName = quotaName(type, usage);
          const QuotaCode = codeOf(QuotaName);
          return {
            ServiceCode: 'sagemaker',
            ServiceName: 'Amazon SageMaker',
            QuotaArn: `arn:aws:servicequotas:${ctx.region}:${ctx.accountId}:sagemaker/${QuotaCode}`,
            QuotaCode,
            QuotaName,
            Value: value,
            Unit: 'None',
            Adjustable: true,
            GlobalQuota: false,
          };
        }),
      )
      .sort((a, b) => a.QuotaName.localeCompare(b.QuotaName));
  };
  const reply = (o: unknown) =>
    new Response(JSON.stringify(o), { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() } });
  const sagemakerOnly = (input: { ServiceCode?: unknown }) => {
    if (input.ServiceCode !== 'sagemaker')
      throw quotasException('NoSuchResourceException', `The service ${String(input.ServiceCode)} has no quotas in the workshop sandbox.`);
  };
  const list = (input: JsonWire<sq.ListServiceQuotasRequest | sq.ListAWSDefaultServiceQuotasRequest>) => {
    sagemakerOnly(input);
    const all = quotas();
    const max = Math.min(100, Number(input.MaxResults ?? 100));
    const start = input.NextToken ? Number(Buffer.from(String(input.NextToken), 'base64url').toString()) : 0;
    return {
      Quotas: all.slice(start, start + max),
      NextToken: start + max < all.length ? Buffer.from(String(start + max)).toString('base64url') : undefined,
    };
  };
  const get = (input: JsonWire<sq.GetServiceQuotaRequest | sq.GetAWSDefaultServiceQuotaRequest>) => {
    sagemakerOnly(input);
    const q = quotas().find((x) => x.QuotaCode === input.QuotaCode);
    if (!q) throw quotasException('NoSuchResourceException', `The quota ${String(input.QuotaCode)} does not exist.`);
    return { Quota: q };
  };
  const operations = jsonOps<typeof sq>()({
    ListServiceQuotas: list,
    ListAWSDefaultServiceQuotas: list,
    GetServiceQuota: get,
    GetAWSDefaultServiceQuota: get,
  });
  app.post('*', (c) => {
    const { name, handler } = operationOf(c.req.header('x-amz-target'), 'ServiceQuotasV20190624', operations, 'Service Quotas');
    const input = jsonInput(c.get('body'));
    ctx.faults.beforeCall(name);
    return reply(handler(input));
  });
  return app;
}

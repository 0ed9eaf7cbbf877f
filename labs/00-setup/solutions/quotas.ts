import { ServiceQuotasClient, paginateListServiceQuotas } from '@aws-sdk/client-service-quotas';

const serviceQuotas = new ServiceQuotasClient({});
// The instance types the labs run on, as Service Quotas names them.
const needed = [
  'ml.g5.2xlarge for endpoint usage',
  'ml.g5.4xlarge for endpoint usage',
  'ml.g5.12xlarge for endpoint usage',
  'ml.g5.2xlarge for training job usage',
  'ml.m5.xlarge for processing job usage',
];

const quotas: Record<string, number> = {};
for await (const page of paginateListServiceQuotas({ client: serviceQuotas }, { ServiceCode: 'sagemaker' })) {
  for (const q of page.Quotas ?? []) if (q.QuotaName && needed.includes(q.QuotaName)) quotas[q.QuotaName] = q.Value ?? 0;
}
for (const name of needed.filter((n) => !((quotas[n] ?? 0) >= 1))) {
  console.log(`Request an increase of "${name}" (Service Quotas → Amazon SageMaker) to at least 1 before the labs that need it.`);
}
quotas;

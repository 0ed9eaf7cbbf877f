/**
 * The workshop's cleanup engine for cells, as `@naxt/workshop/cleanup`: the same code as `npm run cleanup`, on SDK
 * clients the cell creates (so it targets whatever account the cell reaches). The runner adds this module to the
 * labs' library (runner/labs/library.ts), so that labs/lib holds only what needs nothing of the runner.
 */
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { IAMClient } from '@aws-sdk/client-iam';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CheckClients } from '../../core/checks.ts';

export { cleanup, type CleanupEvent, type CleanupReport } from './cleanup.ts';
export { discover } from './discover.ts';
export { priceResources } from '../cost/meter.ts';
export { loadPrices } from '../../content/load.ts';

/** SDK clients for every service the workshop uses, from the default configuration (region, credentials). */
export function workshopClients(): CheckClients {
  return {
    sagemaker: new SageMakerClient({}),
    runtime: new SageMakerRuntimeClient({}),
    s3: new S3Client({}),
    sts: new STSClient({}),
    iam: new IAMClient({}),
    quotas: new ServiceQuotasClient({}),
    logs: new CloudWatchLogsClient({}),
    cognito: new CognitoIdentityProviderClient({}),
  };
}

import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CheckResult, WorkshopGlobals } from '../contracts.ts';

/** The SDK clients a check reads the account with: the same target as the session's cells. */
export interface CheckClients {
  sagemaker: SageMakerClient;
  runtime: SageMakerRuntimeClient;
  s3: S3Client;
  sts: STSClient;
  iam: IAMClient;
  quotas: ServiceQuotasClient;
  logs: CloudWatchLogsClient;
  /** The user pools behind a Ground Truth private workforce. */
  cognito: CognitoIdentityProviderClient;
}

export interface CheckContext {
  clients: CheckClients;
  workshop: WorkshopGlobals;
  /** Project root: checks may compare the account with the files the workshop ships. */
  projectDir: string;
  /** A global of the session's kernel as JSON, or undefined when the learner has not defined it. */
  kernelValue(name: string): Promise<unknown>;
  signal: AbortSignal;
}

/** A check reads the account and the session; it never writes. */
export type Check = (ctx: CheckContext) => Promise<CheckResult>;
export type LabChecks = Record<string, Check>;

export const pass = (message: string): CheckResult => ({ ok: true, message });
export const fail = (message: string, hint?: string): CheckResult => ({ ok: false, message, hint });

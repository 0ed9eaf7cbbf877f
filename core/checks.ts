/**
 * What a lab's checks are written against: the clients and session values they read, and the result they return.
 * The labs' checks.ts and the runner that runs them both import it; only types of the AWS SDK come in with it.
 */
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { WorkshopGlobals } from './workshop.ts';

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

/** A workshop resource in the account, as the cleanup lists it. */
export interface AccountResource {
  kind: string;
  name: string;
  status?: string;
}

/** The session's workshop resources, and the kinds that could not be listed (with the reason). */
export interface SessionResources {
  resources: AccountResource[];
  unlisted: { kind: string; reason: string }[];
}

/** What a lab declares it runs (its frontmatter's resources). */
export interface LabDeclaration {
  slug: string;
  resources: readonly { kind: string; instanceType?: string }[];
}

/**
 * What a check may read: the account through the session's clients, the session's values, and two views the runner
 * computes for it, so that no check reaches into the runner's modules.
 */
export interface CheckContext {
  clients: CheckClients;
  workshop: WorkshopGlobals;
  /** Project root: checks may compare the account with the files the workshop ships. */
  projectDir: string;
  /** A global of the session's kernel as JSON, or undefined when the learner has not defined it. */
  kernelValue(name: string): Promise<unknown>;
  /** The session's workshop resources in the account, listed as the cleanup lists them. */
  sessionResources(): Promise<SessionResources>;
  /** Every lab's declared resources (lab 00 reads from them which quotas the workshop needs). */
  labs(): Promise<readonly LabDeclaration[]>;
  signal: AbortSignal;
}

/**
 * What a check returns: a pass says what holds; a failure says what is wrong *and* what to do next, so the
 * compiler refuses a failure without its hint.
 */
export type CheckOutcome = { ok: true; message: string } | { ok: false; message: string; hint: string };

/** A check reads the account and the session; it never writes. */
export type Check = (ctx: CheckContext) => Promise<CheckOutcome>;
export type LabChecks = Record<string, Check>;

export const pass = (message: string): CheckOutcome => ({ ok: true, message });
export const fail = (message: string, hint: string): CheckOutcome => ({ ok: false, message, hint });

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxContext } from '../context.ts';
import { AwsError, validation } from '../errors.ts';
import { epoch, pageOf, requireEnum, type Input, type Operations } from './util.ts';

export const PUBLIC_HUB = 'SageMakerPublicHub';

/** One model of the catalog snapshot (content/catalog.json). Read defensively: fields may be absent. */
export interface CatalogModel {
  modelId: string;
  version: string;
  displayName?: string;
  provider?: string;
  task?: string;
  license?: string;
  gated?: boolean;
  parametersB?: number;
  sizeTier?: string;
  contextLength?: number;
  defaultInferenceInstanceType?: string;
  supportedInferenceInstanceTypes?: string[];
  trainingSupported?: boolean;
  defaultTrainingInstanceType?: string;
  supportedTrainingInstanceTypes?: string[];
  hyperparameters?: { Name: string; Type: string; Default: string; Options?: string[]; Range?: unknown }[];
  hostingEcrUri?: string;
  hostingArtifactUri?: string;
  trainingEcrUri?: string;
  trainingArtifactUri?: string;
  hostingEulaUri?: string | null;
  description?: string;
  keywords?: string[];
}

let cache: { dir: string; models: CatalogModel[]; date: number } | undefined;

export function catalog(contentDir: string): { models: CatalogModel[]; date: number } {
  if (cache?.dir === contentDir) return cache;
  const file = join(contentDir, 'catalog.json');
  const doc = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { models?: CatalogModel[]; snapshotDate?: string }) : {};
  const date = Date.parse(doc.snapshotDate ?? '') || Date.parse('2026-10-01T00:00:00Z');
  cache = { dir: contentDir, models: doc.models ?? [], date };
  return cache;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The keywords JumpStart puts on hub content, which the labs filter on. */
export function keywordsOf(m: CatalogModel): string[] {
  const k = [...(m.keywords ?? [])];
  if (m.task) k.push(`@task:${m.task}`);
  if (m.license) k.push(`@license:${slug(m.license)}`);
  if (m.trainingSupported) k.push('@capability:fine-tuning');
  if (m.sizeTier) k.push(`@size:${m.sizeTier}`);
  if (m.provider) k.push(`@provider:${slug(m.provider)}`);
  if (m.gated) k.push('@gated');
  return [...new Set(k)];
}

/** GPUs of the instance types the catalog uses (Amazon EC2 G5/P4d/P5 instance specifications); unverified for others: 1. */
const GPUS: Record<string, number> = { 'ml.g5.xlarge': 1, 'ml.g5.2xlarge': 1, 'ml.g5.4xlarge': 1, 'ml.g5.8xlarge': 1, 'ml.g5.12xlarge': 4, 'ml.g5.24xlarge': 4, 'ml.g5.48xlarge': 8, 'ml.p4d.24xlarge': 8, 'ml.p5.48xlarge': 8 };

/** The serving container's environment as JumpStart documents it for its LLM containers (same fixture as above). */
export function inferenceEnvironment(m: CatalogModel): { Name: string; Type: 'text' | 'int'; Default: string | number; Scope: 'container'; RequiredForModelClass: boolean }[] {
  const text = (Name: string, Default: string, RequiredForModelClass = true) => ({ Name, Type: 'text' as const, Default, Scope: 'container' as const, RequiredForModelClass });
  const int = (Name: string, Default: number) => ({ Name, Type: 'int' as const, Default, Scope: 'container' as const, RequiredForModelClass: true });
  return [
    text('SAGEMAKER_CONTAINER_LOG_LEVEL', '20', false),
    text('SAGEMAKER_MODEL_SERVER_TIMEOUT', '3600'),
    int('ENDPOINT_SERVER_TIMEOUT', 3600),
    text('MODEL_CACHE_ROOT', '/opt/ml/model'),
    text('SAGEMAKER_ENV', '1'),
    text('HF_MODEL_ID', '/opt/ml/model'),
    text('SM_NUM_GPUS', String(GPUS[m.defaultInferenceInstanceType ?? ''] ?? 1)),
    text('MAX_INPUT_LENGTH', String(Math.max(1, (m.contextLength ?? 4096) - 1))),
    text('MAX_TOTAL_TOKENS', String(m.contextLength ?? 4096)),
    int('SAGEMAKER_MODEL_SERVER_WORKERS', 1),
  ];
}

export function hubContentDocument(m: CatalogModel): string {
  return JSON.stringify({
    Url: `https://huggingface.co/${m.modelId}`,
    MinSdkVersion: '2.189.0',
    TrainingSupported: !!m.trainingSupported,
    HostingEcrUri: m.hostingEcrUri,
    HostingArtifactUri: m.hostingArtifactUri,
    HostingEulaUri: m.hostingEulaUri ?? undefined,
    DefaultInferenceInstanceType: m.defaultInferenceInstanceType,
    SupportedInferenceInstanceTypes: m.supportedInferenceInstanceTypes,
    // The artifacts are an uncompressed prefix that SageMaker copies to /opt/ml/model, and the container is told to
    // load the model from there (fields, types and defaults as in a real document: aws/sagemaker-python-sdk
    // sagemaker-core/tests/unit/jumpstart/hub_content_document.json @ a24812666).
    HostingArtifactS3DataType: 'S3Prefix',
    HostingArtifactCompressionType: 'None',
    GatedBucket: !!m.gated,
    InferenceEnvironmentVariables: inferenceEnvironment(m),
    DefaultPayloads: {
      Summarize: { ContentType: 'application/json', Body: { inputs: 'Summarize the following conversation for an investment advisor:\n…', parameters: { max_new_tokens: 200, temperature: 0.2 } } },
    },
    TrainingEcrUri: m.trainingEcrUri,
    TrainingArtifactUri: m.trainingArtifactUri,
    DefaultTrainingInstanceType: m.defaultTrainingInstanceType,
    SupportedTrainingInstanceTypes: m.supportedTrainingInstanceTypes,
    Hyperparameters: m.hyperparameters,
    ContextLength: m.contextLength,
    License: m.license,
    ParametersBillions: m.parametersB,
  });
}

/** The JumpStart public hub, served from the catalog snapshot. Read-only, like the real one. */
export function hubOps(ctx: SandboxContext): Operations {
  const hubArn = `arn:aws:sagemaker:${ctx.region}:aws:hub/${PUBLIC_HUB}`;
  const contentArn = (m: CatalogModel) => `arn:aws:sagemaker:${ctx.region}:aws:hub-content/${PUBLIC_HUB}/Model/${m.modelId}/${m.version}`;
  const requireHub = (input: Input) => {
    if (input.HubName !== PUBLIC_HUB && input.HubName !== hubArn) throw new AwsError('ResourceNotFound', `Hub ${String(input.HubName)} does not exist.`);
  };
  const summary = (m: CatalogModel, date: number) => ({
    HubContentName: m.modelId, HubContentArn: contentArn(m), HubContentVersion: m.version, HubContentType: 'Model',
    DocumentSchemaVersion: '2.2.0', HubContentDisplayName: m.displayName ?? m.modelId, HubContentDescription: m.description ?? '',
    HubContentSearchKeywords: keywordsOf(m), HubContentStatus: 'Available', CreationTime: epoch(date), OriginalCreationTime: epoch(date),
  });

  return {
    ListHubs() {
      const { date } = catalog(ctx.contentDir);
      return { HubSummaries: [{ HubName: PUBLIC_HUB, HubArn: hubArn, HubDisplayName: 'SageMaker Public Hub', HubDescription: 'JumpStart public hub', HubSearchKeywords: [], HubStatus: 'InService', CreationTime: epoch(date), LastModifiedTime: epoch(date) }] };
    },
    DescribeHub(input) {
      requireHub(input);
      const { date } = catalog(ctx.contentDir);
      return { HubName: PUBLIC_HUB, HubArn: hubArn, HubDisplayName: 'SageMaker Public Hub', HubDescription: 'JumpStart public hub', HubStatus: 'InService', CreationTime: epoch(date), LastModifiedTime: epoch(date) };
    },
    ListHubContents(input) {
      requireHub(input);
      if (input.HubContentType !== 'Model' && input.HubContentType !== 'Notebook' && input.HubContentType !== 'ModelReference') {
        throw validation(`1 validation error detected: Value '${String(input.HubContentType)}' at 'hubContentType' failed to satisfy constraint: Member must satisfy enum value set: [Model, Notebook, ModelReference, DataSet, JsonDoc]`);
      }
      const { models, date } = catalog(ctx.contentDir);
      let list = input.HubContentType === 'Model' ? models : [];
      const q = (input.NameContains as string | undefined)?.toLowerCase();
      if (q) list = list.filter((m) => m.modelId.toLowerCase().includes(q) || (m.displayName ?? '').toLowerCase().includes(q));
      const sortBy = requireEnum(input, 'SortBy', ['HubContentName', 'CreationTime', 'HubContentStatus']) ?? 'HubContentName';
      const order = requireEnum(input, 'SortOrder', ['Ascending', 'Descending']) ?? 'Ascending';
      list = [...list].sort((a, b) => (sortBy === 'HubContentName' ? a.modelId.localeCompare(b.modelId) : 0) * (order === 'Ascending' ? 1 : -1));
      const { page, NextToken } = pageOf(list, input, 100);
      return { HubContentSummaries: page.map((m) => summary(m, date)), NextToken };
    },
    ListHubContentVersions(input) {
      requireHub(input);
      const { models, date } = catalog(ctx.contentDir);
      const m = models.filter((x) => x.modelId === input.HubContentName);
      if (m.length === 0) throw new AwsError('ResourceNotFound', `Hub content ${String(input.HubContentName)} does not exist in hub ${PUBLIC_HUB}.`);
      return { HubContentSummaries: m.map((x) => summary(x, date)) };
    },
    DescribeHubContent(input) {
      requireHub(input);
      const { models, date } = catalog(ctx.contentDir);
      const m = models.find((x) => x.modelId === input.HubContentName && (!input.HubContentVersion || x.version === input.HubContentVersion));
      if (!m || input.HubContentType !== 'Model') {
        throw new AwsError('ResourceNotFound', `Hub content ${String(input.HubContentName)} of type ${String(input.HubContentType)} does not exist in hub ${PUBLIC_HUB}.`);
      }
      // DescribeHubContentResponse has no OriginalCreationTime (botocore sagemaker 2017-07-24 service-2.json);
      // only the ListHubContents summary (HubContentInfo) defines it.
      const { OriginalCreationTime: _listOnly, ...described } = summary(m, date);
      return {
        ...described, LastModifiedTime: epoch(date), HubName: PUBLIC_HUB, HubArn: hubArn, HubContentDocument: hubContentDocument(m),
        HubContentMarkdown: `# ${m.displayName ?? m.modelId}\n\n${m.description ?? ''}`, HubContentDependencies: [],
      };
    },
  };
}

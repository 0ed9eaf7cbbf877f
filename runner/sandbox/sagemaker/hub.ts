import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxContext } from '../context.ts';
import { z } from 'zod';
import { invalidMember, notFound } from '../errors.ts';
import type { HubContentInfo } from '@aws-sdk/client-sagemaker';
import { epoch, pageOf, requireEnum, typedOps, type Operations, type Wire } from './util.ts';

export const PUBLIC_HUB = 'SageMakerPublicHub';

const envVar = z.object({
  Name: z.string(),
  Type: z.enum(['text', 'int', 'float', 'bool']),
  Default: z.union([z.string(), z.number()]),
  Scope: z.string(),
  RequiredForModelClass: z.boolean(),
});
/**
 * A hub model's `HubContentDocument`, as content/catalog.json stores it: member names and types as real documents
 * have them (tests/fixtures/sagemaker-python-sdk, compared field by field in tests/sandbox/conformance/hub.test.ts).
 * Members the sandbox reads are named; the rest pass through as they are.
 */
export const hubDocument = z
  .object({
    Task: z.string(),
    Framework: z.string(),
    TrainingSupported: z.boolean(),
    HostingEcrUri: z.string(),
    HostingArtifactUri: z.string(),
    HostingArtifactS3DataType: z.enum(['S3Prefix', 'S3Object']),
    HostingArtifactCompressionType: z.enum(['None', 'Gzip']),
    HostingEulaUri: z.string().optional(),
    GatedBucket: z.boolean(),
    InferenceEnvironmentVariables: z.array(envVar),
    DefaultInferenceInstanceType: z.string(),
    SupportedInferenceInstanceTypes: z.array(z.string()),
    TrainingEcrUri: z.string().optional(),
    TrainingArtifactUri: z.string().optional(),
    TrainingScriptUri: z.string().optional(),
    Hyperparameters: z
      .array(z.object({ Name: z.string(), Type: z.string(), Default: z.union([z.string(), z.number()]), Scope: z.string() }).passthrough())
      .optional(),
    TrainingMetrics: z.array(z.object({ Name: z.string(), Regex: z.string() })).optional(),
  })
  .passthrough();
export type HubDocument = z.infer<typeof hubDocument>;

/** One model of the catalog snapshot (content/catalog.json; written by content/generate/catalog.ts). */
export const catalogModel = z.object({
  modelId: z.string(),
  version: z.string(),
  /** The workshop's stand-in for the model: its size in its name, and the tier of abilities that follows. */
  parametersB: z.number().optional(),
  sizeTier: z.string(),
  document: hubDocument,
});
export type CatalogModel = z.infer<typeof catalogModel>;
const catalogFile = z.object({ snapshotDate: z.string(), models: z.array(catalogModel) });

let cache: { dir: string; models: CatalogModel[]; date: number } | undefined;

/** The catalog snapshot; a missing file is an empty hub, a malformed one is an error that names the bad member. */
export function catalog(contentDir: string): { models: CatalogModel[]; date: number } {
  if (cache?.dir === contentDir) return cache;
  const file = join(contentDir, 'catalog.json');
  if (!existsSync(file)) {
    cache = { dir: contentDir, models: [], date: Date.parse('2026-07-31T00:00:00Z') };
    return cache;
  }
  const parsed = catalogFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  cache = { dir: contentDir, models: parsed.data.models, date: Date.parse(`${parsed.data.snapshotDate}T00:00:00Z`) };
  return cache;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The search keywords of a hub model: `@task:` and `@framework:`, the forms the SDK's own hub search filters on
 * (aws/sagemaker-python-sdk sagemaker-core/src/sagemaker/core/jumpstart/search.py @ 3aaf364bd: "@task:text-generation
 * AND NOT @framework:legacy"; its tests use "@task:text-generation", "@framework:huggingface"). No license, size or
 * capability keyword is documented: those facts are read from the document.
 */
export function keywordsOf(m: CatalogModel): string[] {
  return [`@task:${slug(m.document.Task)}`, `@framework:${m.document.Framework}`];
}

export function hubContentDocument(m: CatalogModel): string {
  return JSON.stringify(m.document);
}

/** The JumpStart public hub, served from the catalog snapshot. Read-only, like the real one. */
export function hubOps(ctx: SandboxContext): Operations {
  const hubArn = `arn:aws:sagemaker:${ctx.region}:aws:hub/${PUBLIC_HUB}`;
  const contentArn = (m: CatalogModel) => `arn:aws:sagemaker:${ctx.region}:aws:hub-content/${PUBLIC_HUB}/Model/${m.modelId}/${m.version}`;
  const requireHub = (hubName: string | undefined) => {
    if (hubName !== PUBLIC_HUB && hubName !== hubArn) throw notFound(`Hub ${String(hubName)} does not exist.`);
  };
  const summary = (m: CatalogModel, date: number): Wire<HubContentInfo> => ({
    HubContentName: m.modelId,
    HubContentArn: contentArn(m),
    HubContentVersion: m.version,
    HubContentType: 'Model',
    DocumentSchemaVersion: '2.2.0',
    HubContentDisplayName: m.modelId,
    HubContentSearchKeywords: keywordsOf(m),
    HubContentStatus: 'Available',
    CreationTime: epoch(date),
    OriginalCreationTime: epoch(date),
  });
  const hub = (date: number) => ({
    HubName: PUBLIC_HUB,
    HubArn: hubArn,
    HubDisplayName: 'SageMaker Public Hub',
    HubDescription: 'JumpStart public hub',
    HubStatus: 'InService' as const,
    CreationTime: epoch(date),
    LastModifiedTime: epoch(date),
  });

  return typedOps({
    ListHubs: () => ({ HubSummaries: [{ ...hub(catalog(ctx.contentDir).date), HubSearchKeywords: [] }] }),
    DescribeHub: (input) => {
      requireHub(input.HubName);
      return hub(catalog(ctx.contentDir).date);
    },
    ListHubContents: (input) => {
      requireHub(input.HubName);
      if (input.HubContentType !== 'Model' && input.HubContentType !== 'Notebook' && input.HubContentType !== 'ModelReference') {
        throw invalidMember('hubContentType', 'Member must satisfy enum value set: [Model, Notebook, ModelReference, DataSet, JsonDoc]', {
          value: input.HubContentType,
        });
      }
      const { models, date } = catalog(ctx.contentDir);
      let list = input.HubContentType === 'Model' ? models : [];
      const q = input.NameContains?.toLowerCase();
      if (q) list = list.filter((m) => m.modelId.toLowerCase().includes(q));
      const sortBy = requireEnum(input, 'SortBy', ['HubContentName', 'CreationTime', 'HubContentStatus']) ?? 'HubContentName';
      const order = requireEnum(input, 'SortOrder', ['Ascending', 'Descending']) ?? 'Ascending';
      list = [...list].sort(
        (a, b) => (sortBy === 'HubContentName' ? a.modelId.localeCompare(b.modelId) : 0) * (order === 'Ascending' ? 1 : -1),
      );
      const { page, NextToken } = pageOf(list, input, 100);
      return { HubContentSummaries: page.map((m) => summary(m, date)), NextToken };
    },
    ListHubContentVersions: (input) => {
      requireHub(input.HubName);
      const { models, date } = catalog(ctx.contentDir);
      const m = models.filter((x) => x.modelId === input.HubContentName);
      if (m.length === 0) throw notFound(`Hub content ${String(input.HubContentName)} does not exist in hub ${PUBLIC_HUB}.`);
      return { HubContentSummaries: m.map((x) => summary(x, date)) };
    },
    DescribeHubContent: (input) => {
      requireHub(input.HubName);
      const { models, date } = catalog(ctx.contentDir);
      const m = models.find(
        (x) => x.modelId === input.HubContentName && (!input.HubContentVersion || x.version === input.HubContentVersion),
      );
      if (!m || input.HubContentType !== 'Model') {
        throw notFound(
          `Hub content ${String(input.HubContentName)} of type ${String(input.HubContentType)} does not exist in hub ${PUBLIC_HUB}.`,
        );
      }
      // DescribeHubContentResponse has no OriginalCreationTime (botocore sagemaker 2017-07-24 service-2.json);
      // only the ListHubContents summary (HubContentInfo) defines it.
      const { OriginalCreationTime: _listOnly, ...described } = summary(m, date);
      return {
        ...described,
        HubContentName: m.modelId,
        HubContentArn: contentArn(m),
        HubContentVersion: m.version,
        HubContentType: 'Model',
        DocumentSchemaVersion: '2.2.0',
        HubContentStatus: 'Available',
        CreationTime: epoch(date),
        LastModifiedTime: epoch(date),
        HubName: PUBLIC_HUB,
        HubArn: hubArn,
        HubContentDocument: hubContentDocument(m),
        HubContentMarkdown: `# ${m.modelId}\n\n${m.document.Task} model of the JumpStart public hub.`,
        HubContentDependencies: [],
      };
    },
  });
}

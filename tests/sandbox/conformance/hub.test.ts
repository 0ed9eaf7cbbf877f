import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  DescribeHubContentCommand,
  ListHubContentVersionsCommand,
  ListHubContentsCommand,
  ListHubsCommand,
  ResourceNotFound,
} from '@aws-sdk/client-sagemaker';
import { REGION, conformance, failure } from './fixture.ts';

const t = conformance();
const catalog = JSON.parse(readFileSync(new URL('../../../content/catalog.json', import.meta.url), 'utf8')) as {
  models: { modelId: string; version: string; document: { TrainingSupported: boolean; DefaultInferenceInstanceType: string } }[];
};
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/sagemaker-python-sdk/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
/** Two real HubContentDocuments: meta-textgeneration-llama-2-13b-f (sagemaker-core) and huggingface-llm-gemma-2b-instruct (SDK v2). */
const REAL = [fixture('hub_content_document.json'), fixture('hub-document-gemma-2b-instruct.json')];
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** The keys of a member's list entries or object, over every real document that has the member. */
const realEntryKeys = (member: string) =>
  new Set(
    REAL.flatMap((d) => {
      const v = d[member];
      return Array.isArray(v) ? v.flatMap((e) => Object.keys(e as object)) : v && typeof v === 'object' ? Object.keys(v) : [];
    }),
  );
const HUB = 'SageMakerPublicHub';

describe('JumpStart public hub (SageMakerPublicHub) served from the catalog snapshot', () => {
  it('ListHubs names the public hub', async () => {
    const { HubSummaries } = await t.sm.send(new ListHubsCommand({}));
    expect(HubSummaries?.map((h) => [h.HubName, h.HubArn, h.HubStatus])).toEqual([
      [HUB, `arn:aws:sagemaker:${REGION}:aws:hub/${HUB}`, 'InService'],
    ]);
  });

  it('ListHubContents pages (NextToken, MaxResults 2) through every model of the snapshot in name order', async () => {
    // The SDK has no paginator for ListHubContents: follow NextToken as JumpStart tooling does.
    const names: string[] = [];
    let pages = 0;
    let NextToken: string | undefined;
    do {
      const p = await t.sm.send(new ListHubContentsCommand({ HubName: HUB, HubContentType: 'Model', MaxResults: 2, NextToken }));
      NextToken = p.NextToken;
      pages += 1;
      expect(p.HubContentSummaries!.length).toBeLessThanOrEqual(2);
      names.push(...p.HubContentSummaries!.map((s) => s.HubContentName!));
    } while (NextToken);
    expect(names).toEqual(catalog.models.map((m) => m.modelId).sort((a, b) => a.localeCompare(b)));
    expect(pages).toBe(Math.ceil(catalog.models.length / 2));
  });

  it('DescribeHubContent returns the model document JumpStart tooling reads', async () => {
    const m = catalog.models.find((x) => x.document.TrainingSupported)!;
    const d = await t.sm.send(new DescribeHubContentCommand({ HubName: HUB, HubContentType: 'Model', HubContentName: m.modelId }));
    expect(d).toMatchObject({
      HubContentName: m.modelId,
      HubContentVersion: m.version,
      HubContentType: 'Model',
      HubContentStatus: 'Available',
    });
    expect(d.HubContentArn).toBe(`arn:aws:sagemaker:${REGION}:aws:hub-content/${HUB}/Model/${m.modelId}/${m.version}`);
    // DescribeHubContentResponse defines LastModifiedTime but not OriginalCreationTime (botocore sagemaker
    // 2017-07-24 service-2.json; OriginalCreationTime is a member of the ListHubContents summary only).
    expect(d).not.toHaveProperty('OriginalCreationTime');
    expect(d.LastModifiedTime).toBeInstanceOf(Date);
    const doc = JSON.parse(d.HubContentDocument!) as Record<string, unknown>;
    expect(doc.TrainingSupported).toBe(true);
    expect(doc.DefaultInferenceInstanceType).toBe(m.document.DefaultInferenceInstanceType);
    expect(typeof doc.HostingEcrUri).toBe('string');
    const versions = await t.sm.send(
      new ListHubContentVersionsCommand({ HubName: HUB, HubContentType: 'Model', HubContentName: m.modelId }),
    );
    expect(versions.HubContentSummaries?.map((v) => v.HubContentVersion)).toEqual([m.version]);
  });

  it('answers ResourceNotFound for an unknown hub or model, and ValidationException for a bad content type or token', async () => {
    const noHub = await failure(t.sm.send(new ListHubContentsCommand({ HubName: 'NoSuchHub', HubContentType: 'Model' })));
    expect(noHub).toBeInstanceOf(ResourceNotFound);
    const noModel = await failure(
      t.sm.send(new DescribeHubContentCommand({ HubName: HUB, HubContentType: 'Model', HubContentName: 'no-such-model' })),
    );
    expect(noModel).toBeInstanceOf(ResourceNotFound);
    expect(noModel.message).toContain('no-such-model');
    expect(
      await failure(
        t.sm.send(new ListHubContentVersionsCommand({ HubName: HUB, HubContentType: 'Model', HubContentName: 'no-such-model' })),
      ),
    ).toBeInstanceOf(ResourceNotFound);
    const badType = await failure(t.sm.send(new ListHubContentsCommand({ HubName: HUB, HubContentType: 'Spaceship' as 'Model' })));
    expect(badType.name).toBe('ValidationException');
    expect(badType.message).toContain("at 'hubContentType' failed to satisfy constraint: Member must satisfy enum value set");
    const badToken = await failure(t.sm.send(new ListHubContentsCommand({ HubName: HUB, HubContentType: 'Model', NextToken: 'garbage' })));
    expect(badToken.name).toBe('ValidationException');
  });

  it('holds at least 100 real models across text generation, summarization, text2text, embeddings and vision', () => {
    expect(catalog.models.length).toBeGreaterThanOrEqual(100);
    const tasks = new Set(catalog.models.map((m) => (m.document as unknown as { Task: string }).Task));
    for (const t of ['Text Generation', 'Summarization', 'Text2Text Generation', 'Sentence Similarity', 'Text to Image'])
      expect(tasks).toContain(t);
  });

  it("a sandbox document has the real documents' members, field by field: each name exists in a real document, with the same JSON type and entry keys", async () => {
    for (const id of [
      'huggingface-llm-qwen2-1-5b-instruct',
      'huggingface-llm-mistral-7b-instruct-v3',
      'huggingface-llm-gemma-2b-instruct',
    ]) {
      const d = await t.sm.send(new DescribeHubContentCommand({ HubName: HUB, HubContentType: 'Model', HubContentName: id }));
      const doc = JSON.parse(d.HubContentDocument!) as Record<string, unknown>;
      for (const [name, value] of Object.entries(doc)) {
        const real = REAL.filter((r) => name in r);
        expect(real.length, `${id}: ${name} is in no real document`).toBeGreaterThan(0);
        expect(
          real.some((r) => kind(r[name]) === kind(value)),
          `${id}: ${name} is ${kind(value)}, not ${real.map((r) => kind(r[name])).join('/')}`,
        ).toBe(true);
        const entries = Array.isArray(value) ? value.flatMap((e) => (e && typeof e === 'object' ? Object.keys(e) : [])) : [];
        const known = realEntryKeys(name);
        for (const k of entries) expect(known, `${id}: ${name}[].${k} is in no real entry`).toContain(k);
      }
      // What every deploy reads, as the real documents spell it.
      for (const name of [
        'HostingEcrUri',
        'HostingArtifactUri',
        'HostingArtifactS3DataType',
        'HostingArtifactCompressionType',
        'InferenceEnvironmentVariables',
        'DefaultInferenceInstanceType',
        'SupportedInferenceInstanceTypes',
        'GatedBucket',
        'TrainingSupported',
      ]) {
        expect(doc, `${id} lacks ${name}`).toHaveProperty(name);
      }
      expect(doc).not.toHaveProperty('ContextLength');
      expect(doc).not.toHaveProperty('License');
    }
  });

  it("a TGI model's HostingEcrSpecs resolve, with the SDK's image-URI config, to the image its document names", () => {
    const config = (
      fixture('image_uri_config-huggingface-llm.json') as {
        inference: { versions: Record<string, { registries: Record<string, string>; repository: string; tag_prefix: string }> };
      }
    ).inference.versions;
    const tgi = catalog.models
      .map((m) => m.document as unknown as { HostingEcrUri: string; HostingEcrSpecs?: { Framework: string; FrameworkVersion: string } })
      .filter((d) => d.HostingEcrSpecs);
    expect(tgi.length).toBeGreaterThan(50);
    for (const d of tgi) {
      const v = config[d.HostingEcrSpecs!.FrameworkVersion];
      expect(d.HostingEcrSpecs!.Framework).toBe('huggingface-llm');
      expect(d.HostingEcrUri.startsWith(`${v.registries[REGION]}.dkr.ecr.${REGION}.amazonaws.com/${v.repository}:${v.tag_prefix}-`)).toBe(
        true,
      );
    }
  });

  it("search keywords are the forms the SDK's hub search reads (@task:, @framework:), with no invented license, size or capability keyword", async () => {
    const p = await t.sm.send(
      new ListHubContentsCommand({ HubName: HUB, HubContentType: 'Model', NameContains: 'mistral-7b-instruct-v3' }),
    );
    expect(p.HubContentSummaries?.[0]?.HubContentSearchKeywords).toEqual(['@task:text-generation', '@framework:huggingface']);
    const all: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await t.sm.send(new ListHubContentsCommand({ HubName: HUB, HubContentType: 'Model', NextToken }));
      all.push(...page.HubContentSummaries!.flatMap((s) => s.HubContentSearchKeywords ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(all.every((k) => /^@(task|framework):[a-z0-9-]+$/.test(k))).toBe(true);
  });
});

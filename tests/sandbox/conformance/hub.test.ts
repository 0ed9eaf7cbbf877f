import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  DescribeHubContentCommand, ListHubContentVersionsCommand, ListHubContentsCommand, ListHubsCommand, ResourceNotFound,
} from '@aws-sdk/client-sagemaker';
import { REGION, conformance, failure } from './fixture.ts';

const t = conformance();
const catalog = JSON.parse(readFileSync(new URL('../../../content/catalog.json', import.meta.url), 'utf8')) as { models: { modelId: string; version: string; trainingSupported?: boolean; defaultInferenceInstanceType?: string }[] };
const HUB = 'SageMakerPublicHub';

describe('JumpStart public hub (SageMakerPublicHub) served from the catalog snapshot', () => {
  it('ListHubs names the public hub', async () => {
    const { HubSummaries } = await t.sm.send(new ListHubsCommand({}));
    expect(HubSummaries?.map((h) => [h.HubName, h.HubArn, h.HubStatus])).toEqual([[HUB, `arn:aws:sagemaker:${REGION}:aws:hub/${HUB}`, 'InService']]);
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
    const m = catalog.models.find((x) => x.trainingSupported)!;
    const d = await t.sm.send(new DescribeHubContentCommand({ HubName: HUB, HubContentType: 'Model', HubContentName: m.modelId }));
    expect(d).toMatchObject({ HubContentName: m.modelId, HubContentVersion: m.version, HubContentType: 'Model', HubContentStatus: 'Available' });
    expect(d.HubContentArn).toBe(`arn:aws:sagemaker:${REGION}:aws:hub-content/${HUB}/Model/${m.modelId}/${m.version}`);
    // DescribeHubContentResponse defines LastModifiedTime but not OriginalCreationTime (botocore sagemaker
    // 2017-07-24 service-2.json; OriginalCreationTime is a member of the ListHubContents summary only).
    expect(d).not.toHaveProperty('OriginalCreationTime');
    expect(d.LastModifiedTime).toBeInstanceOf(Date);
    const doc = JSON.parse(d.HubContentDocument!) as Record<string, unknown>;
    expect(doc.TrainingSupported).toBe(true);
    expect(doc.DefaultInferenceInstanceType).toBe(m.defaultInferenceInstanceType);
    expect(typeof doc.HostingEcrUri).toBe('string');
    const versions = await t.sm.send(new ListHubContentVersionsCommand({ HubName: HUB, HubContentType: 'Model', HubContentName: m.modelId }));
    expect(versions.HubContentSummaries?.map((v) => v.HubContentVersion)).toEqual([m.version]);
  });

  it('answers ResourceNotFound for an unknown hub or model, and ValidationException for a bad content type or token', async () => {
    const noHub = await failure(t.sm.send(new ListHubContentsCommand({ HubName: 'NoSuchHub', HubContentType: 'Model' })));
    expect(noHub).toBeInstanceOf(ResourceNotFound);
    const noModel = await failure(t.sm.send(new DescribeHubContentCommand({ HubName: HUB, HubContentType: 'Model', HubContentName: 'no-such-model' })));
    expect(noModel).toBeInstanceOf(ResourceNotFound);
    expect(noModel.message).toContain('no-such-model');
    expect(await failure(t.sm.send(new ListHubContentVersionsCommand({ HubName: HUB, HubContentType: 'Model', HubContentName: 'no-such-model' })))).toBeInstanceOf(ResourceNotFound);
    const badType = await failure(t.sm.send(new ListHubContentsCommand({ HubName: HUB, HubContentType: 'Spaceship' as 'Model' })));
    expect(badType.name).toBe('ValidationException');
    expect(badType.message).toContain("at 'hubContentType' failed to satisfy constraint: Member must satisfy enum value set");
    const badToken = await failure(t.sm.send(new ListHubContentsCommand({ HubName: HUB, HubContentType: 'Model', NextToken: 'garbage' })));
    expect(badToken.name).toBe('ValidationException');
  });
});

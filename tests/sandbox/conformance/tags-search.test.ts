import { describe, expect, it } from 'vitest';
import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateHumanTaskUiCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  CreatePipelineCommand,
  CreateProcessingJobCommand,
  CreateWorkteamCommand,
  DeleteTagsCommand,
  ListTagsCommand,
  SearchCommand,
  paginateSearch,
} from '@aws-sdk/client-sagemaker';
import { ROLE, IMAGE, arn, conformance, failure, modelAndConfig, privateWorkforce } from './fixture.ts';

const t = conformance();
const tags = [{ Key: 'workshop', Value: 'naxt-genai' }];

describe('tags on every taggable kind, and Search', () => {
  it('AddTags / ListTags / DeleteTags round-trip on models, configs, endpoints, jobs, pipelines, registry and labeling resources', async () => {
    await modelAndConfig(t.sm, 'tg-a', { tags });
    await t.sm.send(new CreateEndpointCommand({ EndpointName: 'tg-a', EndpointConfigName: 'tg-a', Tags: tags }));
    await t.sm.send(
      new CreateProcessingJobCommand({
        ProcessingJobName: 'tg-pj',
        RoleArn: ROLE,
        AppSpecification: { ImageUri: IMAGE },
        ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 10 } },
        Tags: tags,
      }),
    );
    await t.sm.send(
      new CreatePipelineCommand({
        PipelineName: 'tg-pl',
        RoleArn: ROLE,
        PipelineDefinition: JSON.stringify({
          Version: '2020-12-01',
          Steps: [{ Name: 'Fail', Type: 'Fail', Arguments: { ErrorMessage: 'x' } }],
        }),
        Tags: tags,
      }),
    );
    await t.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'tg-grp', Tags: tags }));
    const pkg = (
      await t.sm.send(
        new CreateModelPackageCommand({
          ModelPackageGroupName: 'tg-grp',
          InferenceSpecification: {
            Containers: [{ Image: IMAGE }],
            SupportedContentTypes: ['application/json'],
            SupportedResponseMIMETypes: ['application/json'],
          },
          Tags: tags,
        }),
      )
    ).ModelPackageArn!;
    const team = (
      await t.sm.send(
        new CreateWorkteamCommand({
          WorkteamName: 'tg-team',
          Description: 'd',
          MemberDefinitions: [{ CognitoMemberDefinition: await privateWorkforce(t.clients, 'tg-group') }],
          Tags: tags,
        }),
      )
    ).WorkteamArn!;
    const ui = (
      await t.sm.send(
        new CreateHumanTaskUiCommand({ HumanTaskUiName: 'tg-ui', UiTemplate: { Content: '<crowd-form></crowd-form>' }, Tags: tags }),
      )
    ).HumanTaskUiArn!;
    const arns = [
      arn('model', 'tg-a'),
      arn('endpoint-config', 'tg-a'),
      arn('endpoint', 'tg-a'),
      arn('processing-job', 'tg-pj'),
      arn('pipeline', 'tg-pl'),
      arn('model-package-group', 'tg-grp'),
      pkg,
      team,
      ui,
    ];
    for (const ResourceArn of arns) {
      expect((await t.sm.send(new ListTagsCommand({ ResourceArn }))).Tags, ResourceArn).toEqual(tags);
      await t.sm.send(
        new AddTagsCommand({
          ResourceArn,
          Tags: [
            { Key: 'lab', Value: '01' },
            { Key: 'workshop', Value: 'naxt-genai-2' },
          ],
        }),
      );
      expect((await t.sm.send(new ListTagsCommand({ ResourceArn }))).Tags, ResourceArn).toEqual([
        { Key: 'workshop', Value: 'naxt-genai-2' },
        { Key: 'lab', Value: '01' },
      ]);
      await t.sm.send(new DeleteTagsCommand({ ResourceArn, TagKeys: ['workshop'] }));
      expect((await t.sm.send(new ListTagsCommand({ ResourceArn }))).Tags, ResourceArn).toEqual([{ Key: 'lab', Value: '01' }]);
    }
  });

  it('tag and ARN validation answers ValidationException', async () => {
    const badKey = await failure(t.sm.send(new AddTagsCommand({ ResourceArn: arn('model', 'tg-a'), Tags: [{ Key: '', Value: 'x' }] })));
    expect(badKey.name).toBe('ValidationException');
    expect(badKey.message).toContain("at 'tags.1.member.key' failed to satisfy constraint");
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect((await failure(t.sm.send(new AddTagsCommand({ ResourceArn: arn('model', 'tg-a'), Tags: tooMany })))).name).toBe(
      'ValidationException',
    );
    expect((await failure(t.sm.send(new ListTagsCommand({ ResourceArn: 'not-an-arn' })))).name).toBe('ValidationException');
    expect((await failure(t.sm.send(new ListTagsCommand({ ResourceArn: arn('model', 'tg-a'), NextToken: 'forged' })))).message).toBe(
      'Invalid pagination token',
    );
  });

  it('Search finds resources by tag and property, pages with the SDK paginator, and refuses an unknown resource type', async () => {
    await modelAndConfig(t.sm, 'tg-b');
    await t.sm.send(new CreateEndpointCommand({ EndpointName: 'tg-b', EndpointConfigName: 'tg-b', Tags: [{ Key: 'lab', Value: '01' }] }));
    await t.sm.send(new CreateEndpointCommand({ EndpointName: 'tg-c', EndpointConfigName: 'tg-b' }));
    const byTag = await t.sm.send(
      new SearchCommand({
        Resource: 'Endpoint',
        SearchExpression: { Filters: [{ Name: 'Tags.lab', Operator: 'Equals', Value: '01' }] },
        SortBy: 'EndpointName',
        SortOrder: 'Ascending',
      }),
    );
    expect(byTag.Results?.map((r) => r.Endpoint?.EndpointName)).toEqual(['tg-a', 'tg-b']);
    expect(byTag.Results?.[1].Endpoint?.Tags).toEqual([{ Key: 'lab', Value: '01' }]);
    const names: string[] = [];
    for await (const p of paginateSearch(
      { client: t.sm, pageSize: 1 },
      {
        Resource: 'Endpoint',
        SearchExpression: { Filters: [{ Name: 'EndpointName', Operator: 'Contains', Value: 'tg-' }] },
        SortBy: 'EndpointName',
        SortOrder: 'Descending',
      },
    ))
      names.push(...p.Results!.map((r) => r.Endpoint!.EndpointName!));
    expect(names).toEqual(['tg-c', 'tg-b', 'tg-a']);
    const either = await t.sm.send(
      new SearchCommand({
        Resource: 'Endpoint',
        SearchExpression: {
          Operator: 'Or',
          Filters: [
            { Name: 'EndpointName', Operator: 'Equals', Value: 'tg-c' },
            { Name: 'Tags.lab', Operator: 'NotExists' },
          ],
        },
      }),
    );
    expect(either.Results?.map((r) => r.Endpoint?.EndpointName)).toEqual(['tg-c']);
    expect((await failure(t.sm.send(new SearchCommand({ Resource: 'Spaceship' as 'Endpoint' })))).message).toContain(
      "at 'resource' failed to satisfy constraint: Member must satisfy enum value set",
    );
  });
});

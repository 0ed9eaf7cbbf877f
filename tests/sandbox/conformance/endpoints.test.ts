import { describe, expect, it } from 'vitest';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListEndpointsCommand,
  ResourceLimitExceeded,
  SageMakerServiceException,
  UpdateEndpointCommand,
  paginateListEndpointConfigs,
  paginateListEndpoints,
  paginateListModels,
  waitUntilEndpointDeleted,
  waitUntilEndpointInService,
} from '@aws-sdk/client-sagemaker';
import { ROLE, IMAGE, arn, conformance, failure, fast, modelAndConfig } from './fixture.ts';

const t = conformance();

describe('endpoints: models, endpoint configs (with data capture) and endpoints', () => {
  it('an endpoint is Creating, then InService through the SDK waiter, with its variant and data capture', async () => {
    await modelAndConfig(t.sm, 'ep-life', { capture: 's3://naxt-capture/ep-life' });
    const cfg = await t.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'ep-life' }));
    expect(cfg.EndpointConfigArn).toBe(arn('endpoint-config', 'ep-life'));
    expect(cfg.DataCaptureConfig).toMatchObject({
      EnableCapture: true,
      InitialSamplingPercentage: 100,
      DestinationS3Uri: 's3://naxt-capture/ep-life',
    });
    expect(cfg.CreationTime).toBeInstanceOf(Date);

    const { EndpointArn } = await t.sm.send(new CreateEndpointCommand({ EndpointName: 'ep-life', EndpointConfigName: 'ep-life' }));
    expect(EndpointArn).toBe(arn('endpoint', 'ep-life'));
    const creating = await t.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep-life' }));
    expect(creating.EndpointStatus).toBe('Creating');

    const waited = await waitUntilEndpointInService({ client: t.sm, ...fast }, { EndpointName: 'ep-life' });
    expect(waited.state).toBe('SUCCESS');
    const live = await t.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep-life' }));
    expect(live.EndpointStatus).toBe('InService');
    expect(live.ProductionVariants?.[0]).toMatchObject({ VariantName: 'AllTraffic', CurrentInstanceCount: 1, DesiredInstanceCount: 1 });
    expect(live.DataCaptureConfig).toMatchObject({ EnableCapture: true, CaptureStatus: 'Started', CurrentSamplingPercentage: 100 });
    expect(live.LastModifiedTime!.getTime()).toBeGreaterThan(live.CreationTime!.getTime());
  });

  it('UpdateEndpoint moves it to Updating and onto the new config; an update in progress is refused', async () => {
    await modelAndConfig(t.sm, 'ep-v2');
    await t.sm.send(new UpdateEndpointCommand({ EndpointName: 'ep-life', EndpointConfigName: 'ep-v2' }));
    expect((await t.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep-life' }))).EndpointStatus).toBe('Updating');
    const again = await failure(t.sm.send(new UpdateEndpointCommand({ EndpointName: 'ep-life', EndpointConfigName: 'ep-v2' })));
    expect(again.name).toBe('ValidationException');
    expect(again.message).toBe(`Cannot update in-progress endpoint "${arn('endpoint', 'ep-life')}".`);
    await waitUntilEndpointInService({ client: t.sm, ...fast }, { EndpointName: 'ep-life' });
    const d = await t.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep-life' }));
    expect(d).toMatchObject({ EndpointStatus: 'InService', EndpointConfigName: 'ep-v2' });
    expect(d.DataCaptureConfig).toBeUndefined();
  });

  it('DeleteEndpoint goes through Deleting; then DescribeEndpoint answers ValidationException "Could not find endpoint"', async () => {
    await t.sm.send(new DeleteEndpointCommand({ EndpointName: 'ep-life' }));
    expect((await t.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep-life' }))).EndpointStatus).toBe('Deleting');
    expect((await waitUntilEndpointDeleted({ client: t.sm, ...fast }, { EndpointName: 'ep-life' })).state).toBe('SUCCESS');
    const gone = await failure(t.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep-life' })));
    expect(gone).toBeInstanceOf(SageMakerServiceException);
    expect(gone.name).toBe('ValidationException');
    expect(gone.message).toBe(`Could not find endpoint "${arn('endpoint', 'ep-life')}".`);
    expect(gone.$metadata?.httpStatusCode).toBe(400);
    expect(gone.$fault).toBe('client');
  });

  it('models and configs: describe, delete, and "Could not find" once deleted', async () => {
    const m = await t.sm.send(new DescribeModelCommand({ ModelName: 'ep-v2' }));
    expect(m).toMatchObject({
      ModelName: 'ep-v2',
      ModelArn: arn('model', 'ep-v2'),
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: IMAGE },
    });
    await t.sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: 'ep-life' }));
    await t.sm.send(new DeleteModelCommand({ ModelName: 'ep-life' }));
    expect((await failure(t.sm.send(new DescribeModelCommand({ ModelName: 'ep-life' })))).message).toBe(
      `Could not find model "${arn('model', 'ep-life')}".`,
    );
    expect((await failure(t.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'ep-life' })))).message).toBe(
      `Could not find endpoint configuration "${arn('endpoint-config', 'ep-life')}".`,
    );
  });

  it('validates names, required members, instance types and references as SageMaker does', async () => {
    const badName = await failure(
      t.sm.send(new CreateModelCommand({ ModelName: 'bad_name', ExecutionRoleArn: ROLE, PrimaryContainer: { Image: IMAGE } })),
    );
    expect(badName.name).toBe('ValidationException');
    expect(badName.message).toBe(
      "1 validation error detected: Value 'bad_name' at 'modelName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
    );
    const noConfig = await failure(
      t.sm.send(new CreateEndpointCommand({ EndpointName: 'ep-x', EndpointConfigName: undefined as unknown as string })),
    );
    expect(noConfig.message).toBe(
      "1 validation error detected: Value null at 'endpointConfigName' failed to satisfy constraint: Member must not be null",
    );
    const badType = await failure(
      t.sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'ep-x',
          ProductionVariants: [
            { VariantName: 'v', ModelName: 'ep-v2', InstanceType: 'gpu-large' as 'ml.m5.xlarge', InitialInstanceCount: 1 },
          ],
        }),
      ),
    );
    expect(badType.message).toMatch(
      /^1 validation error detected: Value 'gpu-large' at 'productionVariants.1.member.instanceType' failed to satisfy constraint: Member must satisfy enum value set/,
    );
    const noModel = await failure(
      t.sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'ep-x',
          ProductionVariants: [{ VariantName: 'v', ModelName: 'nope', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 1 }],
        }),
      ),
    );
    expect(noModel.message).toBe(`Could not find model "${arn('model', 'nope')}".`);
    const dup = await failure(
      t.sm.send(new CreateModelCommand({ ModelName: 'ep-v2', ExecutionRoleArn: ROLE, PrimaryContainer: { Image: IMAGE } })),
    );
    expect(dup.message).toBe(`Cannot create already existing model "${arn('model', 'ep-v2')}".`);
  });

  it('answers ResourceLimitExceeded past the per-instance-type quota, naming the quota to raise', async () => {
    await modelAndConfig(t.sm, 'ep-big', { instanceType: 'ml.g5.4xlarge', count: 2 });
    const e = await failure(t.sm.send(new CreateEndpointCommand({ EndpointName: 'ep-big', EndpointConfigName: 'ep-big' })));
    expect(e).toBeInstanceOf(ResourceLimitExceeded);
    expect(e.name).toBe('ResourceLimitExceeded');
    expect(e.message).toContain(
      "The account-level service limit 'ml.g5.4xlarge for endpoint usage' is 1 Instances, with current utilization of 0 Instances and a request delta of 2 Instances.",
    );
    await failure(t.sm.send(new DescribeEndpointCommand({ EndpointName: 'ep-big' })));
  });

  it('paginates models, configs and endpoints with small pages, filters and sorts; a forged NextToken is refused', async () => {
    for (const n of ['pg-a', 'pg-b', 'pg-c', 'pg-d', 'pg-e']) await modelAndConfig(t.sm, n);
    for (const n of ['pg-a', 'pg-b', 'pg-c']) await t.sm.send(new CreateEndpointCommand({ EndpointName: n, EndpointConfigName: n }));
    const pages: string[][] = [];
    for await (const p of paginateListModels(
      { client: t.sm, pageSize: 2 },
      { NameContains: 'pg-', SortBy: 'Name', SortOrder: 'Ascending' },
    ))
      pages.push((p.Models ?? []).map((m) => m.ModelName!));
    expect(pages).toEqual([['pg-a', 'pg-b'], ['pg-c', 'pg-d'], ['pg-e']]);
    const configs: string[] = [];
    for await (const p of paginateListEndpointConfigs({ client: t.sm, pageSize: 1 }, { NameContains: 'pg-' }))
      configs.push(...(p.EndpointConfigs ?? []).map((c) => c.EndpointConfigName!));
    expect(configs).toEqual(['pg-e', 'pg-d', 'pg-c', 'pg-b', 'pg-a']); // newest first by default
    const endpoints: string[] = [];
    for await (const p of paginateListEndpoints(
      { client: t.sm, pageSize: 2 },
      { NameContains: 'pg-', StatusEquals: 'Creating', SortBy: 'Name', SortOrder: 'Descending' },
    ))
      endpoints.push(...(p.Endpoints ?? []).map((e) => e.EndpointName!));
    expect(endpoints).toEqual(['pg-c', 'pg-b', 'pg-a']);

    const forged = await failure(t.sm.send(new ListEndpointsCommand({ NextToken: 'bm90LWEtdG9rZW4' })));
    expect(forged.name).toBe('ValidationException');
    expect(forged.message).toBe('Invalid pagination token');
    const tooMany = await failure(t.sm.send(new ListEndpointsCommand({ MaxResults: 101 })));
    expect(tooMany.message).toBe(
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    const badSort = await failure(t.sm.send(new ListEndpointsCommand({ SortOrder: 'Sideways' as 'Ascending' })));
    expect(badSort.message).toBe(
      "1 validation error detected: Value 'Sideways' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]",
    );
  });
});

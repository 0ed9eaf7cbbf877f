import { describe, expect, it } from 'vitest';
import {
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DeleteModelPackageCommand,
  DeleteModelPackageGroupCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  UpdateModelPackageCommand,
  paginateListModelPackageGroups,
  paginateListModelPackages,
} from '@aws-sdk/client-sagemaker';
import { ROLE, IMAGE, arn, conformance, failure } from './fixture.ts';

const t = conformance();
const inference = {
  Containers: [{ Image: IMAGE, ModelDataUrl: 's3://naxt-models/chatbot/model.tar.gz' }],
  SupportedContentTypes: ['application/json'],
  SupportedResponseMIMETypes: ['application/json'],
};

describe('model registry: model package groups and versioned model packages', () => {
  it('a group is created, described, listed page by page, and a taken or missing name is a ValidationException', async () => {
    for (const g of ['reg-a', 'reg-b', 'reg-c'])
      await t.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: g, ModelPackageGroupDescription: `group ${g}` }));
    const d = await t.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'reg-a' }));
    expect(d).toMatchObject({
      ModelPackageGroupName: 'reg-a',
      ModelPackageGroupArn: arn('model-package-group', 'reg-a'),
      ModelPackageGroupStatus: 'Completed',
      ModelPackageGroupDescription: 'group reg-a',
    });
    const names: string[] = [];
    for await (const p of paginateListModelPackageGroups({ client: t.sm, pageSize: 2 }, { SortBy: 'Name', SortOrder: 'Ascending' }))
      names.push(...p.ModelPackageGroupSummaryList!.map((g) => g.ModelPackageGroupName!));
    expect(names).toEqual(['reg-a', 'reg-b', 'reg-c']);
    const dup = await failure(t.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'reg-a' })));
    expect([dup.name, dup.message]).toEqual([
      'ValidationException',
      `Model Package Group already exists: ${arn('model-package-group', 'reg-a')}`,
    ]);
    const missing = await failure(t.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'reg-none' })));
    expect([missing.name, missing.message]).toEqual([
      'ValidationException',
      `ModelPackageGroup ${arn('model-package-group', 'reg-none')} does not exist.`,
    ]);
  });

  it('packages get versions 1, 2, 3 and list newest first, two per page, filtered by approval', async () => {
    const arns: string[] = [];
    for (let i = 0; i < 3; i++)
      arns.push(
        (
          await t.sm.send(
            new CreateModelPackageCommand({
              ModelPackageGroupName: 'reg-a',
              InferenceSpecification: inference,
              ModelApprovalStatus: i === 0 ? 'Approved' : undefined,
            }),
          )
        ).ModelPackageArn!,
      );
    expect(arns).toEqual([1, 2, 3].map((v) => arn('model-package', `reg-a/${v}`)));
    const listed: number[] = [];
    for await (const p of paginateListModelPackages({ client: t.sm, pageSize: 2 }, { ModelPackageGroupName: 'reg-a' }))
      listed.push(...p.ModelPackageSummaryList!.map((s) => s.ModelPackageVersion!));
    expect(listed).toEqual([3, 2, 1]);
    const pending: number[] = [];
    for await (const p of paginateListModelPackages(
      { client: t.sm, pageSize: 1 },
      { ModelPackageGroupName: 'reg-a', ModelApprovalStatus: 'PendingManualApproval' },
    ))
      pending.push(...p.ModelPackageSummaryList!.map((s) => s.ModelPackageVersion!));
    expect(pending).toEqual([3, 2]);
    const d = await t.sm.send(new DescribeModelPackageCommand({ ModelPackageName: arns[1] }));
    expect(d).toMatchObject({
      ModelPackageGroupName: 'reg-a',
      ModelPackageVersion: 2,
      ModelApprovalStatus: 'PendingManualApproval',
      ModelPackageStatus: 'Completed',
    });
    expect(d.InferenceSpecification?.Containers?.[0].Image).toBe(IMAGE);
  });

  it('UpdateModelPackage approves a version; only an approved version deploys; the approval enum is enforced', async () => {
    const v2 = arn('model-package', 'reg-a/2');
    const refused = await failure(
      t.sm.send(new CreateModelCommand({ ModelName: 'reg-model', ExecutionRoleArn: ROLE, PrimaryContainer: { ModelPackageName: v2 } })),
    );
    expect(refused.name).toBe('ValidationException');
    await t.sm.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: v2,
        ModelApprovalStatus: 'Approved',
        ApprovalDescription: 'passes the chatbot bar',
      }),
    );
    expect(await t.sm.send(new DescribeModelPackageCommand({ ModelPackageName: v2 }))).toMatchObject({
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: 'passes the chatbot bar',
    });
    await t.sm.send(new CreateModelCommand({ ModelName: 'reg-model', ExecutionRoleArn: ROLE, PrimaryContainer: { ModelPackageName: v2 } }));
    expect((await t.sm.send(new DescribeModelCommand({ ModelName: 'reg-model' }))).PrimaryContainer).toMatchObject({
      Image: IMAGE,
      ModelPackageName: v2,
    });
    const bad = await failure(
      t.sm.send(new UpdateModelPackageCommand({ ModelPackageArn: v2, ModelApprovalStatus: 'Maybe' as 'Approved' })),
    );
    expect(bad.message).toBe(
      "1 validation error detected: Value 'Maybe' at 'modelApprovalStatus' failed to satisfy constraint: Member must satisfy enum value set: [Approved, Rejected, PendingManualApproval]",
    );
  });

  it('a group holding packages is not deleted; once its packages are gone it is', async () => {
    expect((await failure(t.sm.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: 'reg-a' })))).name).toBe(
      'ValidationException',
    );
    for (const v of [1, 2, 3]) await t.sm.send(new DeleteModelPackageCommand({ ModelPackageName: arn('model-package', `reg-a/${v}`) }));
    expect((await failure(t.sm.send(new DescribeModelPackageCommand({ ModelPackageName: arn('model-package', 'reg-a/1') })))).name).toBe(
      'ValidationException',
    );
    await t.sm.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: 'reg-a' }));
    expect((await failure(t.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'reg-a' })))).message).toContain(
      'does not exist',
    );
  });
});

import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';
import { validation } from '../errors.ts';
import { kindOps } from './kinds.ts';
import {
  arnFor,
  createdBy,
  described,
  epoch,
  fields,
  pageOf,
  register,
  requireEnum,
  requireNameOrArn,
  requireString,
  statusOf,
  typedOps,
  type OpOutput,
  type Operations,
} from './util.ts';

const APPROVAL = ['Approved', 'Rejected', 'PendingManualApproval'];

/** The model registry: model package groups and the versioned model packages in them. */
export function registryOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const groupHasPackages = (r: ResourceRecord) => store.list('model-package').some((p) => p.data.ModelPackageGroupName === r.name);
  const groups = kindOps(ctx, {
    kind: 'model-package-group',
    noun: 'model package group',
    arnType: 'model-package-group',
    nameField: 'ModelPackageGroupName',
    arnField: 'ModelPackageGroupArn',
    ops: {
      create: 'CreateModelPackageGroup',
      describe: 'DescribeModelPackageGroup',
      list: 'ListModelPackageGroups',
      delete: 'DeleteModelPackageGroup',
    },
    // DescribeX output without LastModifiedTime (botocore sagemaker service-2.json).
    noLastModified: true,
    listKey: 'ModelPackageGroupSummaryList',
    statusField: 'ModelPackageGroupStatus',
    sortKeys: ['Name', 'CreationTime'],
    arnAccepted: ['describe', 'delete'],
    // Exact CLI output quoted in https://github.com/getmoto/moto/pull/7246 (and ValidationException "does not exist" in
    // hashicorp/terraform-provider-aws internal/service/sagemaker/model_package_group.go)
    missing: (_n, arn) => validation(`ModelPackageGroup ${arn} does not exist.`),
    // ValidationException "Model Package Group already exists": aws-samples/amazon-sagemaker-drift-detection deployment_pipeline/infra/model_registry.py
    duplicate: (_n, arn) => validation(`Model Package Group already exists: ${arn}`),
    create: (c, input) => ({ ModelPackageGroupDescription: input.ModelPackageGroupDescription, CreatedBy: createdBy(c) }),
    timeline: (c) => [{ at: c.store.now(), status: 'Completed' }],
    beforeDelete: (_c, r) => {
      if (groupHasPackages(r)) throw validation(`Model Package Group ${r.name} contains model packages: delete them first.`);
    },
    summary: (r) => ({
      ModelPackageGroupName: r.name,
      ModelPackageGroupArn: r.arn,
      ModelPackageGroupDescription: r.data.ModelPackageGroupDescription,
      CreationTime: epoch(r.createdAt),
      ModelPackageGroupStatus: statusOf(r),
    }),
  });
  return register(groups, modelPackageOps(ctx));
}

/** ModelPackageStatus's values (botocore sagemaker service-2.json). */
const MODEL_PACKAGE_STATUS = ['Pending', 'InProgress', 'Completed', 'Failed', 'Deleting'] as const;
/** A package's status, of the enum's values (a package's timeline only ever reaches Completed). */
const packageStatus = (r: ResourceRecord) => MODEL_PACKAGE_STATUS.find((s) => s === statusOf(r)) ?? 'Completed';

/** Model registry versions: named by ARN `…:model-package/<group>/<version>`. */
function modelPackageOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const byName = (name: string) => store.list('model-package').find((p) => p.arn === name || p.name === name);
  return register(
    typedOps({
      CreateModelPackage: (input) => {
        // ModelPackageGroupName is `ArnOrName` in CreateModelPackage and ListModelPackages.
        const group = requireNameOrArn(ctx, input, 'ModelPackageGroupName', 'model-package-group', 'model-package-group');
        if (!store.get('model-package-group', group))
          throw validation(`ModelPackageGroup ${arnFor(ctx, 'model-package-group', group)} does not exist.`);
        requireEnum(input, 'ModelApprovalStatus', APPROVAL);
        const version = store.nextId(`mpg:${group}`);
        const name = `${group}/${version}`;
        const arn = arnFor(ctx, 'model-package', name);
        store.create(
          'model-package',
          name,
          arn,
          {
            ModelPackageGroupName: group,
            ModelPackageVersion: version,
            ModelPackageArn: arn,
            ModelPackageName: group,
            InferenceSpecification: input.InferenceSpecification,
            ModelApprovalStatus: input.ModelApprovalStatus ?? 'PendingManualApproval',
            ModelMetrics: input.ModelMetrics,
            ModelPackageDescription: input.ModelPackageDescription,
            CustomerMetadataProperties: input.CustomerMetadataProperties,
          },
          [{ at: store.now(), status: 'Completed' }],
        );
        store.addTags(arn, input.Tags ?? []);
        return { ModelPackageArn: arn };
      },
      DescribeModelPackage: (input) => {
        const r = byName(requireString(input, 'ModelPackageName'));
        if (!r) throw validation(`ModelPackage ${String(input.ModelPackageName)} does not exist.`);
        // What CreateModelPackage/UpdateModelPackage stored: members of the same API shapes.
        const d: Partial<OpOutput<'DescribeModelPackage'>> = fields(r);
        return {
          ModelPackageName: d.ModelPackageName ?? r.name,
          ModelPackageGroupName: d.ModelPackageGroupName,
          ModelPackageVersion: d.ModelPackageVersion,
          ModelPackageArn: r.arn,
          ModelPackageDescription: d.ModelPackageDescription,
          InferenceSpecification: d.InferenceSpecification,
          ModelApprovalStatus: d.ModelApprovalStatus,
          ApprovalDescription: d.ApprovalDescription,
          ModelMetrics: d.ModelMetrics,
          CustomerMetadataProperties: d.CustomerMetadataProperties,
          ModelPackageStatus: packageStatus(r),
          // ModelPackageStatusDetails and its ValidationStatuses are required members (botocore sagemaker service-2.json); the
          // sandbox runs no validation profiles or image scans, so both lists are empty (the real values for such a package: unverified).
          ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
          CreationTime: epoch(r.createdAt),
          LastModifiedTime: epoch(store.modifiedAt(r)),
        };
      },
      UpdateModelPackage: (input) => {
        const r = byName(requireString(input, 'ModelPackageArn'));
        if (!r) throw validation(`ModelPackage ${String(input.ModelPackageArn)} does not exist.`);
        if (input.ModelApprovalStatus) {
          requireEnum(input, 'ModelApprovalStatus', APPROVAL);
          r.data.ModelApprovalStatus = input.ModelApprovalStatus;
          r.data.ApprovalDescription = input.ApprovalDescription;
          store.changed(r);
        }
        return { ModelPackageArn: r.arn };
      },
      DeleteModelPackage: (input) => {
        const r = byName(requireString(input, 'ModelPackageName'));
        if (!r) throw validation(`ModelPackage ${String(input.ModelPackageName)} does not exist.`);
        store.remove(r);
        return {};
      },
      ListModelPackages(input) {
        const group =
          input.ModelPackageGroupName === undefined
            ? undefined
            : requireNameOrArn(ctx, input, 'ModelPackageGroupName', 'model-package-group', 'model-package-group');
        const approval = requireEnum(input, 'ModelApprovalStatus', APPROVAL);
        requireEnum(input, 'SortBy', ['Name', 'CreationTime']);
        const order = requireEnum(input, 'SortOrder', ['Ascending', 'Descending']) ?? 'Descending';
        const all = store
          .list('model-package')
          .filter((p) => !group || p.data.ModelPackageGroupName === group)
          .filter((p) => !approval || p.data.ModelApprovalStatus === approval);
        all.sort(
          (a, b) =>
            (a.createdAt - b.createdAt || Number(a.data.ModelPackageVersion) - Number(b.data.ModelPackageVersion)) *
            (order === 'Ascending' ? 1 : -1),
        );
        const { page, NextToken } = pageOf(all, input, 100);
        return {
          ModelPackageSummaryList: page.map((p) => {
            const d = described<'DescribeModelPackage'>(p);
            return {
              ModelPackageGroupName: d.ModelPackageGroupName,
              ModelPackageVersion: d.ModelPackageVersion,
              ModelPackageArn: p.arn,
              ModelPackageName: d.ModelPackageName,
              CreationTime: epoch(p.createdAt),
              ModelPackageStatus: packageStatus(p),
              ModelApprovalStatus: d.ModelApprovalStatus,
            };
          }),
          NextToken,
        };
      },
    }),
  );
}

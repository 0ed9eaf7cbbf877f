import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';
import { invalidMember, validation } from '../errors.ts';
import { checkQuota } from '../quotas.ts';
import {
  arnFor,
  described,
  epoch,
  fields,
  listPage,
  register,
  requireName,
  statusOf,
  stored,
  typedOps,
  type Input,
  type Operations,
} from './util.ts';
import { typicalMinutes } from '../../resources/durations.ts';
import type { ContainerDefinition } from '@aws-sdk/client-sagemaker';
import { checkArtifacts, startFailure } from './model-data.ts';

const MIN = 60_000;
/** Real-world durations (content/durations.json), divided by the time scale where they are used. */
const typical = (status: string, fallback: number) => (typicalMinutes('endpoint', status) ?? fallback) * MIN;
export const DURATIONS = {
  endpointCreate: typical('Creating', 6),
  endpointUpdate: typical('Updating', 6),
  endpointDelete: typical('Deleting', 2),
};
const INSTANCE_TYPE = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;
const BILLABLE = ['Creating', 'InService', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting'];

type Variant = {
  VariantName: string;
  ModelName: string;
  InstanceType?: string;
  InitialInstanceCount?: number;
  InitialVariantWeight?: number;
  ServerlessConfig?: unknown;
};

export function endpointOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const arn = (type: string, name: string) => arnFor(ctx, type, name);
  const missing = (what: string, type: string, name: string) => validation(`Could not find ${what} "${arn(type, name)}".`);
  const exists = (what: string, type: string, name: string) => validation(`Cannot create already existing ${what} "${arn(type, name)}".`);

  const model = (name: string) =>
    store.get('model', name) ??
    (() => {
      throw missing('model', 'model', name);
    })();
  const config = (name: string) =>
    store.get('endpoint-config', name) ??
    (() => {
      throw missing('endpoint configuration', 'endpoint-config', name);
    })();
  const endpoint = (name: string) =>
    store.get('endpoint', name) ??
    (() => {
      throw missing('endpoint', 'endpoint', name);
    })();

  /** Instances of a type that endpoints hold now (for the per-type quota). */
  const instancesInUse = (instanceType: string) =>
    store
      .list('endpoint')
      .filter((e) => BILLABLE.includes(statusOf(e)))
      .reduce((n, e) => {
        const variants = (store.get('endpoint-config', String(e.data.EndpointConfigName))?.data.ProductionVariants ?? []) as Variant[];
        return n + variants.filter((v) => v.InstanceType === instanceType).reduce((a, v) => a + (v.InitialInstanceCount ?? 1), 0);
      }, 0);

  const reserve = (variants: Variant[]) => {
    const need = new Map<string, number>();
    for (const v of variants) if (v.InstanceType) need.set(v.InstanceType, (need.get(v.InstanceType) ?? 0) + (v.InitialInstanceCount ?? 1));
    for (const [type, n] of need) checkQuota(ctx.contentDir, 'endpoint', type, instancesInUse(type), n);
  };

  const tag = (a: string, input: Input) => store.addTags(a, (input.Tags as { Key: string; Value: string }[]) ?? []);

  /** The scheduled life of an endpoint coming up on a config: Creating/Updating now, InService (or Failed) later. */
  const comingUp = (configName: string, status: 'Creating' | 'Updating', ms: number) => {
    const now = store.now();
    const failed = ctx.faults.capacityFailure();
    const variants = (config(configName).data.ProductionVariants ?? []) as Variant[];
    const live = variants.map((v) => ({
      VariantName: v.VariantName,
      CurrentWeight: v.InitialVariantWeight ?? 1,
      DesiredWeight: v.InitialVariantWeight ?? 1,
      CurrentInstanceCount: v.InitialInstanceCount ?? 1,
      DesiredInstanceCount: v.InitialInstanceCount ?? 1,
      DeployedImages: [
        {
          SpecifiedImage: String(described<'DescribeModel'>(model(v.ModelName)).PrimaryContainer?.Image ?? ''),
          ResolutionTime: epoch(now),
        },
      ],
    }));
    // A container that cannot start on its artifacts fails the endpoint when AWS would find out: after the creation time.
    const cannotStart = variants
      .map((v) => startFailure(ctx, described<'DescribeModel'>(model(v.ModelName)).PrimaryContainer, v.VariantName))
      .find(Boolean);
    const reason = failed
      ? `Unable to provision requested ML compute capacity. Please retry using a different ML instance type.`
      : cannotStart;
    const done = reason
      ? { at: now + store.scaled(ms), status: 'Failed', patch: { FailureReason: reason } }
      : {
          at: now + store.scaled(ms),
          status: 'InService',
          patch: { EndpointConfigName: configName, ProductionVariants: live, DataCaptureConfig: captureSummary(configName) },
        };
    return [{ at: now, status, patch: status === 'Creating' ? { EndpointConfigName: configName } : {} }, done];
  };

  const captureSummary = (configName: string) => {
    const dc = described<'DescribeEndpointConfig'>(config(configName)).DataCaptureConfig;
    if (!dc) return undefined;
    return {
      EnableCapture: dc.EnableCapture !== false,
      CaptureStatus: dc.EnableCapture === false ? 'Stopped' : 'Started',
      CurrentSamplingPercentage: dc.InitialSamplingPercentage ?? 100,
      DestinationS3Uri: dc.DestinationS3Uri,
      KmsKeyId: dc.KmsKeyId ?? '',
    };
  };

  return register(
    {
      CreateModel(input) {
        const name = requireName(input, 'ModelName');
        if (store.get('model', name)) throw exists('model', 'model', name);
        const containers = (input.Containers as Input[] | undefined) ?? [];
        if (!input.PrimaryContainer && containers.length === 0)
          throw validation('Either PrimaryContainer or Containers must be specified.');
        for (const c of [input.PrimaryContainer, ...containers] as (ContainerDefinition | undefined)[]) if (c) checkArtifacts(ctx, c);
        let primary = (input.PrimaryContainer ?? containers[0]) as Input;
        // A container that names a registered model package serves the package's image and artifact.
        if (typeof primary.ModelPackageName === 'string') {
          const pkg = store.list('model-package').find((p) => p.arn === primary.ModelPackageName || p.name === primary.ModelPackageName);
          if (!pkg) throw validation(`Model package ${primary.ModelPackageName} does not exist.`);
          if (pkg.data.ModelApprovalStatus !== 'Approved')
            throw validation(`Model package ${pkg.arn} is not approved (${String(pkg.data.ModelApprovalStatus)}).`);
          const c = described<'DescribeModelPackage'>(pkg).InferenceSpecification?.Containers?.[0] ?? {};
          primary = { ...c, ModelPackageName: pkg.arn };
        }
        // A ModelDataUrl must name one .tar.gz object (botocore service-2.json, ContainerDefinition.ModelDataUrl: "must
        // point to a single gzip compressed tar archive"). An S3 prefix (JumpStart's uncompressed `…/inference-prepack/v1.0.0/`)
        // is no object: AWS answers ValidationException "Could not find model data at <uri>." (quoted in
        // aws-ia/ecs-blueprints#223 and aws/amazon-sagemaker-examples#4479). Uncompressed artifacts go in
        // ModelDataSource.S3DataSource {S3DataType: 'S3Prefix', CompressionType: 'None'} (aws/sagemaker-python-sdk
        // src/sagemaker/jumpstart/factory/model.py _add_model_data_to_kwargs, commit d6c280f72). Whether AWS also checks a
        // .tar.gz object's existence in the sandbox's own buckets is not modelled here (unverified).
        for (const c of [primary, ...containers]) {
          const url = c.ModelDataUrl;
          if (typeof url === 'string' && url.endsWith('/')) throw validation(`Could not find model data at ${url}.`);
        }
        const a = arn('model', name);
        store.create(
          'model',
          name,
          a,
          {
            ModelName: name,
            ModelArn: a,
            PrimaryContainer: primary,
            Containers: input.Containers,
            ExecutionRoleArn: input.ExecutionRoleArn,
            EnableNetworkIsolation: input.EnableNetworkIsolation ?? false,
          },
          [{ at: store.now(), status: 'Created' }],
        );
        tag(a, input);
        return { ModelArn: a };
      },

      DescribeEndpoint(input) {
        const r = endpoint(requireName(input, 'EndpointName'));
        return describeEndpoint(store, r);
      },
      ListEndpoints(input) {
        const { items, NextToken } = listPage(
          store.list('endpoint'),
          input,
          (r) => ({
            EndpointName: r.name,
            EndpointArn: r.arn,
            CreationTime: epoch(r.createdAt),
            LastModifiedTime: epoch(store.modifiedAt(r)),
            EndpointStatus: statusOf(r),
          }),
          { status: statusOf },
        );
        return { Endpoints: items, NextToken };
      },
    },
    typedOps({
      DescribeModel(input) {
        const r = model(requireName(input, 'ModelName'));
        return { ...stored<'DescribeModel'>(r), CreationTime: epoch(r.createdAt) };
      },
      ListModels(input) {
        const { items, NextToken } = listPage(store.list('model'), input, (r) => ({
          ModelName: r.name,
          ModelArn: r.arn,
          CreationTime: epoch(r.createdAt),
        }));
        return { Models: items, NextToken };
      },
      DescribeEndpointConfig(input) {
        const r = config(requireName(input, 'EndpointConfigName'));
        return { ...stored<'DescribeEndpointConfig'>(r), CreationTime: epoch(r.createdAt) };
      },
      ListEndpointConfigs(input) {
        const { items, NextToken } = listPage(store.list('endpoint-config'), input, (r) => ({
          EndpointConfigName: r.name,
          EndpointConfigArn: r.arn,
          CreationTime: epoch(r.createdAt),
        }));
        return { EndpointConfigs: items, NextToken };
      },
      DeleteModel: (input) => {
        const r = model(requireName(input, 'ModelName'));
        store.remove(r);
        return {};
      },
      CreateEndpointConfig: (input) => {
        const name = requireName(input, 'EndpointConfigName');
        if (store.get('endpoint-config', name)) throw exists('endpoint configuration', 'endpoint-config', name);
        const variants = (input.ProductionVariants as Variant[] | undefined) ?? [];
        if (variants.length === 0) throw invalidMember('productionVariants', 'Member must not be null', null);
        for (const v of variants) {
          model(v.ModelName);
          if (!v.ServerlessConfig && (!v.InstanceType || !INSTANCE_TYPE.test(v.InstanceType))) {
            throw invalidMember('productionVariants.1.member.instanceType', 'Member must satisfy enum value set', {
              value: v.InstanceType,
            });
          }
        }
        const dc = input.DataCaptureConfig;
        if (dc && (typeof dc.DestinationS3Uri !== 'string' || !String(dc.DestinationS3Uri).startsWith('s3://')))
          throw validation('DataCaptureConfig.DestinationS3Uri must be an S3 URI.');
        const a = arn('endpoint-config', name);
        store.create(
          'endpoint-config',
          name,
          a,
          { EndpointConfigName: name, EndpointConfigArn: a, ProductionVariants: variants, DataCaptureConfig: dc },
          [{ at: store.now(), status: 'Created' }],
        );
        store.addTags(a, input.Tags ?? []);
        return { EndpointConfigArn: a };
      },
      DeleteEndpointConfig: (input) => {
        store.remove(config(requireName(input, 'EndpointConfigName')));
        return {};
      },
      CreateEndpoint: (input) => {
        const name = requireName(input, 'EndpointName');
        const configName = requireName(input, 'EndpointConfigName');
        if (store.get('endpoint', name)) throw exists('endpoint', 'endpoint', name);
        reserve((config(configName).data.ProductionVariants ?? []) as Variant[]);
        const a = arn('endpoint', name);
        store.create(
          'endpoint',
          name,
          a,
          { EndpointName: name, EndpointArn: a, EndpointConfigName: configName },
          comingUp(configName, 'Creating', DURATIONS.endpointCreate),
        );
        store.addTags(a, input.Tags ?? []);
        return { EndpointArn: a };
      },
      UpdateEndpoint: (input) => {
        const r = endpoint(requireName(input, 'EndpointName'));
        const configName = requireName(input, 'EndpointConfigName');
        if (statusOf(r) !== 'InService' && statusOf(r) !== 'Failed') throw validation(`Cannot update in-progress endpoint "${r.arn}".`);
        config(configName);
        store.reschedule(r, comingUp(configName, 'Updating', DURATIONS.endpointUpdate));
        return { EndpointArn: r.arn };
      },
      DeleteEndpoint: (input) => {
        const r = endpoint(requireName(input, 'EndpointName'));
        const status = statusOf(r);
        if (status === 'Deleting') return {};
        if (status === 'Updating') throw validation(`Cannot delete in-progress endpoint "${r.arn}".`);
        store.reschedule(r, [{ at: store.now(), status: 'Deleting' }]);
        store.remove(r, store.scaled(DURATIONS.endpointDelete));
        return {};
      },
    }),
  );
}

export function describeEndpoint(store: SandboxContext['store'], r: ResourceRecord): Input {
  const d = fields(r);
  return {
    EndpointName: r.name,
    EndpointArn: r.arn,
    EndpointConfigName: d.EndpointConfigName,
    ProductionVariants: d.ProductionVariants,
    DataCaptureConfig: d.DataCaptureConfig,
    EndpointStatus: statusOf(r),
    FailureReason: d.FailureReason,
    CreationTime: epoch(r.createdAt),
    LastModifiedTime: epoch(store.modifiedAt(r)),
  };
}

/** What serves an endpoint's traffic: its live config's variant and that variant's model. */
export function servingModel(
  ctx: SandboxContext,
  endpointName: string,
  targetVariant?: string,
): { endpoint: ResourceRecord; variant: string; model: ResourceRecord; config: ResourceRecord } | undefined {
  const e = ctx.store.get('endpoint', endpointName);
  if (!e) return undefined;
  const cfg = ctx.store.get('endpoint-config', String(e.data.EndpointConfigName));
  const variants = (cfg?.data.ProductionVariants ?? []) as Variant[];
  const v = targetVariant ? variants.find((x) => x.VariantName === targetVariant) : variants[0];
  const m = v && ctx.store.get('model', v.ModelName);
  return cfg && v && m ? { endpoint: e, variant: v.VariantName, model: m, config: cfg } : undefined;
}

import type { SandboxContext } from '../context.ts';
import type { Transition } from '../store.ts';
import { inUse, validation } from '../errors.ts';
import { checkQuota } from '../quotas.ts';
import { kindOps } from './kinds.ts';
import { runTraining } from './training.ts';
import { checkHyperParameters, containerFailure, finalMetrics } from './training-container.ts';
import type { Channel as SdkChannel } from '@aws-sdk/client-sagemaker';
import {
  arnFor,
  described,
  epoch,
  fields,
  register,
  requireName,
  requireString,
  statusOf,
  typedOps,
  type Operations,
  type Wire,
} from './util.ts';

type Channel = Wire<SdkChannel>;
import { catalog } from './hub.ts';
import { jobInstances, MIN, requireInstance } from './jobs.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';
import { typicalMinutes } from '../../resources/durations.ts';

/** Training jobs: quota, scaled secondary statuses, a real (small) training run on the channel data. */
export function trainingJobOps(ctx: SandboxContext): Operations {
  const { store } = ctx;
  const kind = kindOps(ctx, {
    kind: 'training-job',
    noun: 'training job',
    arnType: 'training-job',
    nameField: 'TrainingJobName',
    arnField: 'TrainingJobArn',
    // CreateTrainingJob and DescribeTrainingJob are this module's own (below).
    ops: { list: 'ListTrainingJobs', stop: 'StopTrainingJob' },
    listKey: 'TrainingJobSummaries',
    statusField: 'TrainingJobStatus',
    stoppable: ['InProgress'],
    missing: () => validation('Requested resource not found.'),
    summary: (r) => ({
      TrainingJobName: r.name,
      TrainingJobArn: r.arn,
      CreationTime: epoch(r.createdAt),
      LastModifiedTime: epoch(store.modifiedAt(r)),
      TrainingJobStatus: statusOf(r),
      TrainingEndTime: r.data.TrainingEndTime,
    }),
    stopTimeline: () => [
      { at: store.now(), status: 'Stopping', patch: { SecondaryStatus: 'Stopping' } },
      {
        at: store.now() + store.scaled(MIN),
        status: 'Stopped',
        patch: { SecondaryStatus: 'Stopped', TrainingEndTime: epoch(store.now() + store.scaled(MIN)) },
      },
    ],
  });
  return register(
    kind,
    typedOps({
      CreateTrainingJob: async (input) => {
        const name = requireName(input, 'TrainingJobName');
        requireString(input, 'RoleArn');
        const algo = input.AlgorithmSpecification;
        if (!algo?.TrainingImage && !algo?.AlgorithmName) throw validation('AlgorithmSpecification.TrainingImage is required.');
        const output = input.OutputDataConfig?.S3OutputPath;
        if (typeof output !== 'string') throw validation('OutputDataConfig.S3OutputPath is required.');
        const res = requireInstance(input.ResourceConfig, 'resourceConfig');
        if (store.get('training-job', name))
          throw inUse(
            `Training job names must be unique within an AWS account and region, and a training job with this name already exists (${arnFor(ctx, 'training-job', name)})`,
          );
        checkQuota(
          ctx.contentDir,
          'training',
          res.type,
          jobInstances(ctx, 'training-job', (r) => described<'DescribeTrainingJob'>(r).ResourceConfig, res.type),
          res.count,
        );
        const channels = input.InputDataConfig ?? [];
        const train = channels.find((c) => c.ChannelName === 'training' || c.ChannelName === 'train') ?? channels[0];
        const uriOf = (c: Channel | undefined) => c?.DataSource?.S3DataSource?.S3Uri;
        const channelUri = uriOf(train);
        const validationUri = uriOf(channels.find((c) => c.ChannelName === 'validation' && c !== train));
        const hp = checkHyperParameters(input.HyperParameters);
        // JumpStart passes the base weights as a `model` channel: that names the model being fine-tuned.
        const modelChannel = uriOf(channels.find((c) => c.ChannelName === 'model'));
        const models = catalog(ctx.contentDir).models;
        const baseModelId = String(
          hp.model_id ??
            input.Environment?.JUMPSTART_MODEL_ID ??
            models.find((m) => m.document.TrainingArtifactUri && m.document.TrainingArtifactUri === modelChannel)?.modelId ??
            models.find((m) => m.document.TrainingEcrUri === algo?.TrainingImage)?.modelId ??
            'unknown-model',
        );
        const now = store.now();
        // The phases of a 10-minute job, stretched to the typical duration of content/durations.json.
        const stretch = (typicalMinutes('training-job', 'InProgress') ?? 10) / 10;
        const at = (m: number) => now + store.scaled(m * stretch * MIN);
        let result: Awaited<ReturnType<typeof runTraining>> | undefined;
        let failure: string | undefined;
        try {
          if (!channelUri) throw new Error('ClientError: the job has no training channel (InputDataConfig)');
          const stops = containerFailure(input);
          if (stops) throw new Error(stops);
          const compressed = input.OutputDataConfig?.CompressionType !== 'NONE';
          result = await runTraining(ctx, {
            name,
            baseModelId,
            hyperparameters: hp,
            channelUri,
            validationUri,
            outputPath: output,
            compressed,
          });
        } catch (e) {
          failure = (e as Error).message;
        }
        if (!failure && ctx.faults.jobFailure())
          failure = 'AlgorithmError: the training process exited with a non-zero code (injected fault)';
        const timeline: Transition[] = [
          { at: now, status: 'InProgress', patch: { SecondaryStatus: 'Starting' } },
          { at: at(3), status: 'InProgress', patch: { SecondaryStatus: 'Downloading', TrainingStartTime: epoch(at(3)) } },
          { at: at(5), status: 'InProgress', patch: { SecondaryStatus: 'Training' } },
        ];
        if (failure)
          timeline.push({
            at: at(6),
            status: 'Failed',
            patch: { SecondaryStatus: 'Failed', FailureReason: failure, TrainingEndTime: epoch(at(6)) },
          });
        else
          timeline.push(
            { at: at(9), status: 'InProgress', patch: { SecondaryStatus: 'Uploading' } },
            {
              at: at(10),
              status: 'Completed',
              patch: {
                SecondaryStatus: 'Completed',
                TrainingEndTime: epoch(at(10)),
                BillableTimeInSeconds: 420,
                ModelArtifacts: { S3ModelArtifacts: result!.artifactUri },
                FinalMetricDataList: finalMetrics(algo.MetricDefinitions, result!.logs).map((m) => ({ ...m, Timestamp: epoch(at(10)) })),
              },
            },
          );
        const a = arnFor(ctx, 'training-job', name);
        store.create(
          'training-job',
          name,
          a,
          {
            TrainingJobName: name,
            TrainingJobArn: a,
            HyperParameters: hp,
            AlgorithmSpecification: algo,
            RoleArn: input.RoleArn,
            InputDataConfig: channels,
            OutputDataConfig: input.OutputDataConfig,
            ResourceConfig: input.ResourceConfig,
            StoppingCondition: input.StoppingCondition ?? { MaxRuntimeInSeconds: 86400 },
            EnableNetworkIsolation: input.EnableNetworkIsolation ?? false,
            EnableInterContainerTrafficEncryption: input.EnableInterContainerTrafficEncryption ?? false,
            EnableManagedSpotTraining: input.EnableManagedSpotTraining ?? false,
            __logs: result?.logs ?? [failure],
            __history: result?.history ?? [],
            __baseModelId: baseModelId,
          },
          timeline,
        );
        store.addTags(a, input.Tags ?? []);
        return { TrainingJobArn: a };
      },
    }),
    {
      DescribeTrainingJob(input) {
        const r = store.get('training-job', requireName(input, 'TrainingJobName'));
        // AWS answers ValidationException here although the API model lists ResourceNotFound (aws/aws-sdk#165).
        if (!r) throw validation('Requested resource not found.');
        const transitions = r.timeline
          .slice(0, r.applied)
          .filter((t) => t.patch?.SecondaryStatus)
          .map((t, i, all) => ({
            Status: t.patch!.SecondaryStatus,
            StartTime: epoch(t.at),
            ...(all[i + 1] ? { EndTime: epoch(all[i + 1].at) } : {}),
            StatusMessage: secondaryMessage(String(t.patch!.SecondaryStatus)),
          }));
        // ModelArtifacts is always answered (botocore's model requires it): where the artifact is, or will be, written.
        const out = s3Location(described<'DescribeTrainingJob'>(r).OutputDataConfig?.S3OutputPath);
        const ModelArtifacts = r.data.ModelArtifacts ?? {
          S3ModelArtifacts: out ? `s3://${out.bucket}/${keyUnder(out.key, `${r.name}/output/model.tar.gz`)}` : '',
        };
        return {
          ...fields(r),
          ModelArtifacts,
          TrainingJobStatus: statusOf(r),
          SecondaryStatusTransitions: transitions,
          CreationTime: epoch(r.createdAt),
          LastModifiedTime: epoch(store.modifiedAt(r)),
        };
      },
    },
  );
}

const secondaryMessage = (s: string) =>
  ({
    Starting: 'Preparing the instances for training',
    Downloading: 'Downloading input data',
    Training: 'Training image download completed. Training in progress.',
    Uploading: 'Uploading generated training model',
    Completed: 'Training job completed',
    Failed: 'Training job failed',
    Stopping: 'Stopping the training job',
    Stopped: 'The training job was stopped',
  })[s] ?? s;

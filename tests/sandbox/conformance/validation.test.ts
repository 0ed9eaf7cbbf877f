import { describe, expect, it } from 'vitest';
import {
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  DeleteModelPackageCommand,
  ListModelPackagesCommand,
  CreateModelPackageGroupCommand,
  CreatePipelineCommand,
  CreateTrainingJobCommand,
  CreateWorkteamCommand,
  DeleteModelPackageGroupCommand,
  DeleteWorkteamCommand,
  DescribeModelCommand,
  DescribeModelPackageGroupCommand,
  DescribePipelineCommand,
  DescribeWorkteamCommand,
  ListPipelineExecutionsCommand,
  StartPipelineExecutionCommand,
  type CreateTrainingJobCommandInput,
  type Tag,
} from '@aws-sdk/client-sagemaker';
import { ROLE, IMAGE, arn, conformance, failure } from './fixture.ts';

const t = conformance();
const definition = JSON.stringify({
  Version: '2020-12-01',
  Steps: [{ Name: 'Fail', Type: 'Fail', Arguments: { ErrorMessage: 'stop here' } }],
});
const training = (overrides: Partial<CreateTrainingJobCommandInput>) =>
  ({
    TrainingJobName: 'val-tj',
    RoleArn: ROLE,
    AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File' as const },
    OutputDataConfig: { S3OutputPath: 's3://naxt-val/out' },
    ResourceConfig: { InstanceType: 'ml.g5.xlarge' as const, InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    ...overrides,
  }) as CreateTrainingJobCommandInput;

describe('validation as the SageMaker front door does it', () => {
  it('a Create call without a required member answers "Value null at … Member must not be null", nested and several at once', async () => {
    const noRole = await failure(t.sm.send(new CreateTrainingJobCommand(training({ RoleArn: undefined }))));
    expect([noRole.name, noRole.message]).toEqual([
      'ValidationException',
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    ]);
    const nested = await failure(t.sm.send(new CreateTrainingJobCommand(training({ OutputDataConfig: {} as { S3OutputPath: string } }))));
    expect(nested.message).toBe(
      "1 validation error detected: Value null at 'outputDataConfig.s3OutputPath' failed to satisfy constraint: Member must not be null",
    );
    const two = await failure(
      t.sm.send(
        new CreateWorkteamCommand({ WorkteamName: 'val-team' } as { WorkteamName: string; Description: string; MemberDefinitions: [] }),
      ),
    );
    expect(two.message).toBe(
      "2 validation errors detected: Value null at 'memberDefinitions' failed to satisfy constraint: Member must not be null; Value null at 'description' failed to satisfy constraint: Member must not be null",
    );
    const tagNoValue = await failure(
      t.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'val-grp', Tags: [{ Key: 'lab' } as Tag] })),
    );
    expect(tagNoValue.message).toBe(
      "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
    );
  });

  it('tags in a Create call are validated like AddTags, and a refused call creates nothing', async () => {
    const reserved = await failure(
      t.sm.send(
        new CreateModelCommand({
          ModelName: 'val-m',
          ExecutionRoleArn: ROLE,
          PrimaryContainer: { Image: IMAGE },
          Tags: [{ Key: 'aws:owner', Value: 'me' }],
        }),
      ),
    );
    expect(reserved.name).toBe('ValidationException');
    expect(reserved.message).toContain("'aws:'");
    expect((await failure(t.sm.send(new DescribeModelCommand({ ModelName: 'val-m' })))).message).toBe(
      `Could not find model "${arn('model', 'val-m')}".`,
    );
    const badKey = await failure(
      t.sm.send(
        new CreateModelCommand({
          ModelName: 'val-m',
          ExecutionRoleArn: ROLE,
          PrimaryContainer: { Image: IMAGE },
          Tags: [{ Key: 'bad#key', Value: 'x' }],
        }),
      ),
    );
    expect(badKey.message).toMatch(
      /^1 validation error detected: Value 'bad#key' at 'tags\.1\.member\.key' failed to satisfy constraint: Member must have length between 1 and 128/,
    );
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const many = await failure(
      t.sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'val-cfg',
          ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'val-m', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 1 }],
          Tags: tooMany,
        }),
      ),
    );
    expect(many.message).toMatch(
      /^1 validation error detected: Value '\[.*\]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/,
    );
    const longValue = await failure(
      t.sm.send(
        new CreatePipelineCommand({
          PipelineName: 'val-pl',
          RoleArn: ROLE,
          PipelineDefinition: definition,
          Tags: [{ Key: 'note', Value: 'x'.repeat(257) }],
        }),
      ),
    );
    expect(longValue.message).toContain(
      "at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
  });

  it('pipeline names go up to 256 characters; DescribePipeline, StartPipelineExecution and ListPipelineExecutions take the ARN too', async () => {
    const long = `naxt-${'p'.repeat(251)}`;
    const created = await t.sm.send(new CreatePipelineCommand({ PipelineName: long, RoleArn: ROLE, PipelineDefinition: definition }));
    expect(created.PipelineArn).toBe(arn('pipeline', long));
    const tooLong = await failure(
      t.sm.send(new CreatePipelineCommand({ PipelineName: `${long}x`, RoleArn: ROLE, PipelineDefinition: definition })),
    );
    expect(tooLong.message).toBe(
      `1 validation error detected: Value '${long}x' at 'pipelineName' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
    const badChars = await failure(
      t.sm.send(new CreatePipelineCommand({ PipelineName: 'naxt_pipeline', RoleArn: ROLE, PipelineDefinition: definition })),
    );
    expect(badChars.message).toBe(
      "1 validation error detected: Value 'naxt_pipeline' at 'pipelineName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}",
    );
    // A model's name stays at 63: the longer pattern is the pipeline's own.
    expect(
      (
        await failure(
          t.sm.send(new CreateModelCommand({ ModelName: 'm'.repeat(64), ExecutionRoleArn: ROLE, PrimaryContainer: { Image: IMAGE } })),
        )
      ).message,
    ).toContain('Member must have length less than or equal to 63');

    await t.sm.send(new CreatePipelineCommand({ PipelineName: 'Val-Arn-Pl', RoleArn: ROLE, PipelineDefinition: definition }));
    const plArn = (await t.sm.send(new DescribePipelineCommand({ PipelineName: 'Val-Arn-Pl' }))).PipelineArn!;
    expect((await t.sm.send(new DescribePipelineCommand({ PipelineName: plArn }))).PipelineName).toBe('Val-Arn-Pl');
    const exec = await t.sm.send(new StartPipelineExecutionCommand({ PipelineName: plArn }));
    expect(exec.PipelineExecutionArn?.startsWith(`${plArn}/execution/`)).toBe(true);
    const listed = await t.sm.send(new ListPipelineExecutionsCommand({ PipelineName: plArn }));
    expect(listed.PipelineExecutionSummaries?.map((e) => e.PipelineExecutionArn)).toEqual([exec.PipelineExecutionArn]);
    const missing = await failure(t.sm.send(new DescribePipelineCommand({ PipelineName: arn('pipeline', 'val-none') })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFound', `Pipeline '${arn('pipeline', 'val-none')}' does not exist.`]);
    for (const e of [
      await failure(t.sm.send(new StartPipelineExecutionCommand({ PipelineName: 'val-none' }))),
      await failure(t.sm.send(new ListPipelineExecutionsCommand({ PipelineName: arn('pipeline', 'val-none') }))),
    ]) {
      expect([e.name, e.message]).toEqual(['ResourceNotFound', `Pipeline '${arn('pipeline', 'val-none')}' does not exist.`]);
    }
  });

  it('a model package group is described, filled, listed and deleted by ARN; a missing work team answers "The work team … does not exist." on describe and delete', async () => {
    const grp = (await t.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'val-grp2' }))).ModelPackageGroupArn!;
    expect((await t.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: grp }))).ModelPackageGroupName).toBe('val-grp2');
    const spec = {
      Containers: [{ Image: IMAGE }],
      SupportedContentTypes: ['application/json'],
      SupportedResponseMIMETypes: ['application/json'],
    };
    const pkg = await t.sm.send(new CreateModelPackageCommand({ ModelPackageGroupName: grp, InferenceSpecification: spec }));
    expect(pkg.ModelPackageArn).toBe(arn('model-package', 'val-grp2/1'));
    expect(
      (await t.sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: grp }))).ModelPackageSummaryList?.map(
        (p) => p.ModelPackageArn,
      ),
    ).toEqual([pkg.ModelPackageArn]);
    await t.sm.send(new DeleteModelPackageCommand({ ModelPackageName: pkg.ModelPackageArn }));
    await t.sm.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: grp }));
    const gone = await failure(t.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: grp })));
    expect([gone.name, gone.message]).toEqual(['ValidationException', `ModelPackageGroup ${grp} does not exist.`]);
    const workteamArn = `arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/val-none`;
    for (const e of [
      await failure(t.sm.send(new DescribeWorkteamCommand({ WorkteamName: 'val-none' }))),
      await failure(t.sm.send(new DeleteWorkteamCommand({ WorkteamName: 'val-none' }))),
    ]) {
      expect([e.name, e.message]).toEqual(['ValidationException', `The work team ${workteamArn} does not exist.`]);
    }
  });
});

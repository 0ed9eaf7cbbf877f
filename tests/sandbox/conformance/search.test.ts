import { beforeAll, describe, expect, it } from 'vitest';
import {
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  CreatePipelineCommand,
  CreateTrainingJobCommand,
  SearchCommand,
  StartPipelineExecutionCommand,
  waitUntilTrainingJobCompletedOrStopped,
  type Filter,
  type SearchCommandInput,
  type Tag,
} from '@aws-sdk/client-sagemaker';
import { ROLE, IMAGE, conformance, failure, fast, trainingData } from './fixture.ts';

const t = conformance();
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
let before = 0;

async function train(name: string, hp: Record<string, string>, tags?: Tag[]) {
  await t.sm.send(
    new CreateTrainingJobCommand({
      TrainingJobName: name,
      RoleArn: ROLE,
      AlgorithmSpecification: {
        TrainingImage: IMAGE,
        TrainingInputMode: 'File',
        MetricDefinitions: [{ Name: 'train_loss', Regex: "'loss': ([0-9]+\\.[0-9]+)" }],
      },
      HyperParameters: { model_id: 'huggingface-llm-gemma-2b-instruct', ...hp },
      InputDataConfig: [
        {
          ChannelName: 'training',
          DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: await trainingData(t.s3, 'naxt-search') } },
        },
      ],
      OutputDataConfig: { S3OutputPath: 's3://naxt-search/out' },
      ResourceConfig: { InstanceType: 'ml.g5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      Tags: tags,
    }),
  );
}

/** Training job names a filter selects, sorted by name. */
async function jobs(...filters: Filter[]): Promise<string[]> {
  const out = await t.sm.send(
    new SearchCommand({
      Resource: 'TrainingJob',
      SearchExpression: { Filters: filters },
      SortBy: 'TrainingJobName',
      SortOrder: 'Ascending',
    }),
  );
  return out.Results!.map((r) => r.TrainingJob!.TrainingJobName!);
}

beforeAll(async () => {
  before = Date.now() - 1000;
  // The sandbox account's quota is one ml.g5.xlarge training instance: the jobs run one after the other.
  await train('srch-a', { epochs: '1', learning_rate: '0.001' }, [
    { Key: 'workshop', Value: 'naxt-genai' },
    { Key: 'lab', Value: '04' },
  ]);
  await waitUntilTrainingJobCompletedOrStopped({ client: t.sm, ...fast }, { TrainingJobName: 'srch-a' });
  await train('srch-b', { epochs: '3', learning_rate: '0.0002' }, [{ Key: 'workshop', Value: 'naxt-genai' }]);
  await waitUntilTrainingJobCompletedOrStopped({ client: t.sm, ...fast }, { TrainingJobName: 'srch-b' });
  await train('srch-c', { epochs: '2', learning_rate: '0.0005' });
  await waitUntilTrainingJobCompletedOrStopped({ client: t.sm, ...fast }, { TrainingJobName: 'srch-c' });
});

describe('Search: every filter operator, on the property names a learner uses', () => {
  it('Equals on a tag (Tags.workshop) and on a status (TrainingJobStatus); a filter without an operator is Equals', async () => {
    expect(await jobs({ Name: 'Tags.workshop', Operator: 'Equals', Value: 'naxt-genai' })).toEqual(['srch-a', 'srch-b']);
    expect(await jobs({ Name: 'TrainingJobStatus', Operator: 'Equals', Value: 'Completed' })).toEqual(['srch-a', 'srch-b', 'srch-c']);
    expect(await jobs({ Name: 'Tags.lab', Value: '04' })).toEqual(['srch-a']);
  });

  it('NotEquals', async () => {
    expect(await jobs({ Name: 'TrainingJobName', Operator: 'NotEquals', Value: 'srch-a' })).toEqual(['srch-b', 'srch-c']);
  });

  it('GreaterThan and GreaterThanOrEqualTo compare hyperparameters as numbers', async () => {
    expect(await jobs({ Name: 'HyperParameters.epochs', Operator: 'GreaterThan', Value: '2' })).toEqual(['srch-b']);
    expect(await jobs({ Name: 'HyperParameters.learning_rate', Operator: 'GreaterThanOrEqualTo', Value: '0.0005' })).toEqual([
      'srch-a',
      'srch-c',
    ]);
  });

  it('LessThan and LessThanOrEqualTo compare timestamps with an ISO 8601 date-time, and final metrics as numbers', async () => {
    expect(await jobs({ Name: 'CreationTime', Operator: 'LessThan', Value: iso(before) })).toEqual([]);
    expect(await jobs({ Name: 'CreationTime', Operator: 'LessThanOrEqualTo', Value: iso(Date.now() + 60_000) })).toEqual([
      'srch-a',
      'srch-b',
      'srch-c',
    ]);
    expect(
      await jobs(
        { Name: 'CreationTime', Operator: 'GreaterThan', Value: iso(before) },
        { Name: 'HyperParameters.epochs', Operator: 'LessThan', Value: '2' },
      ),
    ).toEqual(['srch-a']);
    expect(await jobs({ Name: 'Metrics.train_loss', Operator: 'LessThan', Value: '1000000' })).toEqual(['srch-a', 'srch-b', 'srch-c']);
  });

  it('Contains, at most once per expression', async () => {
    expect(await jobs({ Name: 'TrainingJobName', Operator: 'Contains', Value: '-b' })).toEqual(['srch-b']);
    const twice = await failure(
      t.sm.send(
        new SearchCommand({
          Resource: 'TrainingJob',
          SearchExpression: {
            Filters: [
              { Name: 'TrainingJobName', Operator: 'Contains', Value: 'a' },
              { Name: 'TrainingJobArn', Operator: 'Contains', Value: 'b' },
            ],
          },
        }),
      ),
    );
    expect([twice.name, twice.message]).toEqual(['ValidationException', "'CONTAINS' operator usage limit of 1 exceeded."]);
  });

  it('Exists and NotExists', async () => {
    expect(await jobs({ Name: 'Tags.lab', Operator: 'Exists' })).toEqual(['srch-a']);
    expect(await jobs({ Name: 'Tags.workshop', Operator: 'NotExists' })).toEqual(['srch-c']);
    expect(await jobs({ Name: 'Metrics.train_loss', Operator: 'Exists' })).toEqual(['srch-a', 'srch-b', 'srch-c']);
  });

  it('In takes comma-delimited values', async () => {
    expect(await jobs({ Name: 'TrainingJobName', Operator: 'In', Value: 'srch-a, srch-c,nope' })).toEqual(['srch-a', 'srch-c']);
  });

  it('an ordering operator on a text property and an unknown operator are refused', async () => {
    expect(
      (
        await failure(
          t.sm.send(
            new SearchCommand({
              Resource: 'TrainingJob',
              SearchExpression: { Filters: [{ Name: 'TrainingJobName', Operator: 'GreaterThan', Value: 'srch-a' }] },
            }),
          ),
        )
      ).name,
    ).toBe('ValidationException');
    const bad = await failure(
      t.sm.send(
        new SearchCommand({
          Resource: 'TrainingJob',
          SearchExpression: { Filters: [{ Name: 'TrainingJobName', Operator: 'Like' as 'Equals', Value: 'x' }] },
        }),
      ),
    );
    expect(bad.message).toContain(
      "at 'searchExpression.filters.1.member.operator' failed to satisfy constraint: Member must satisfy enum value set",
    );
  });

  it('the default sort is LastModifiedTime, newest first', async () => {
    const out = await t.sm.send(new SearchCommand({ Resource: 'TrainingJob' }));
    const times = out.Results!.map((r) => r.TrainingJob!.LastModifiedTime!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(out.Results).toHaveLength(3);
  });
});

describe('Search over models, the registry and pipelines', () => {
  const search = async (input: SearchCommandInput) => (await t.sm.send(new SearchCommand(input))).Results!;

  it('Model results are model-dashboard records with the model under Model', async () => {
    await t.sm.send(
      new CreateModelCommand({
        ModelName: 'srch-m',
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: IMAGE },
        Tags: [{ Key: 'workshop', Value: 'naxt-genai' }],
      }),
    );
    const found = await search({
      Resource: 'Model',
      SearchExpression: { Filters: [{ Name: 'Tags.workshop', Operator: 'Equals', Value: 'naxt-genai' }] },
    });
    expect(found.map((r) => r.Model?.Model?.ModelName)).toEqual(['srch-m']);
    expect(found[0].Model?.Model?.Tags).toEqual([{ Key: 'workshop', Value: 'naxt-genai' }]);
  });

  it('ModelPackage by approval status and group, Pipeline by tag, PipelineExecution by pipeline', async () => {
    await t.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'srch-grp' }));
    const spec = {
      Containers: [{ Image: IMAGE }],
      SupportedContentTypes: ['application/json'],
      SupportedResponseMIMETypes: ['application/json'],
    };
    await t.sm.send(
      new CreateModelPackageCommand({ ModelPackageGroupName: 'srch-grp', InferenceSpecification: spec, ModelApprovalStatus: 'Approved' }),
    );
    await t.sm.send(new CreateModelPackageCommand({ ModelPackageGroupName: 'srch-grp', InferenceSpecification: spec }));
    const approved = await search({
      Resource: 'ModelPackage',
      SearchExpression: {
        Filters: [
          { Name: 'ModelPackageGroupName', Operator: 'Equals', Value: 'srch-grp' },
          { Name: 'ModelApprovalStatus', Operator: 'Equals', Value: 'Approved' },
        ],
      },
    });
    expect(approved.map((r) => r.ModelPackage?.ModelPackageVersion)).toEqual([1]);

    const definition = JSON.stringify({ Version: '2020-12-01', Steps: [{ Name: 'Fail', Type: 'Fail', Arguments: { ErrorMessage: 'x' } }] });
    const pl = (
      await t.sm.send(
        new CreatePipelineCommand({
          PipelineName: 'srch-pl',
          RoleArn: ROLE,
          PipelineDefinition: definition,
          Tags: [{ Key: 'lab', Value: '05' }],
        }),
      )
    ).PipelineArn!;
    await t.sm.send(new CreatePipelineCommand({ PipelineName: 'srch-pl-2', RoleArn: ROLE, PipelineDefinition: definition }));
    expect(
      (await search({ Resource: 'Pipeline', SearchExpression: { Filters: [{ Name: 'Tags.lab', Operator: 'Equals', Value: '05' }] } })).map(
        (r) => r.Pipeline?.PipelineName,
      ),
    ).toEqual(['srch-pl']);
    const exec = (await t.sm.send(new StartPipelineExecutionCommand({ PipelineName: 'srch-pl' }))).PipelineExecutionArn;
    const execs = await search({
      Resource: 'PipelineExecution',
      SearchExpression: { Filters: [{ Name: 'PipelineArn', Operator: 'Equals', Value: pl }] },
    });
    expect(execs.map((r) => r.PipelineExecution?.PipelineExecutionArn)).toEqual([exec]);
  });
});

import { readFile } from 'node:fs/promises';
import { fineTuneJob, modelCard, servingContainer, servingEnvironment, type JumpStartTrainingDocument } from '@naxt/workshop/jumpstart';
import { SageMakerClient, CreatePipelineCommand, DescribeHubContentCommand } from '@aws-sdk/client-sagemaker';
import { bars } from '@naxt/workshop/bars';

const sm = new SageMakerClient({});
const baseModel = 'huggingface-llm-gemma-2b-instruct';
const card = (await modelCard(sm, baseModel)) as JumpStartTrainingDocument;
const data = `s3://${workshop.bucket}/datasets`;
const pipelineName = `${workshop.prefix}chatbot-pipeline-${workshop.sessionId}`;

// The evaluation runs inside AWS as a Processing job, in the pattern of the SDK's ScriptProcessor: the SageMaker
// scikit-learn image (python3 + boto3; its URI as the SDK's image-URI config gives it), the script delivered as the
// input named `code` under /opt/ml/processing/input/code (uploaded in step 1). It puts the model behind a temporary
// endpoint, asks it the held-out questions and writes evaluation.json — a CPU instance is enough, it loads no model.
const images = JSON.parse(await readFile('content/processing-images.json', 'utf8')) as {
  sklearn: { repository: string; version: string; registries: Record<string, string> };
};
const account = images.sklearn.registries[workshop.region];
if (!account) throw new Error(`No SageMaker scikit-learn image in ${workshop.region} (content/processing-images.json).`);
const evaluationImage = `${account}.dkr.ecr.${workshop.region}.amazonaws.com/${images.sklearn.repository}:${images.sklearn.version}-cpu-py3`;

// The fine-tune's weights: uncompressed under the job's output/model/ (the card turns output compression off).
const tunedWeights = {
  S3DataSource: { S3Uri: { Get: 'Steps.FineTune.ModelArtifacts.S3ModelArtifacts' }, S3DataType: 'S3Prefix', CompressionType: 'None' },
};

/** A Processing step that scores the model of `modelStep` and writes `<report>/<execution id>/evaluation.json`. */
const evaluationStep = (name: string, modelStep: string, report: string) => ({
  Name: name,
  Type: 'Processing',
  Arguments: {
    AppSpecification: {
      ImageUri: evaluationImage,
      ContainerEntrypoint: ['python3', '/opt/ml/processing/input/code/evaluate.py'],
      ContainerArguments: [
        '--model-name',
        { Get: `Steps.${modelStep}.ModelName` },
        '--endpoint-name',
        { 'Std:Join': { On: '-', Values: [`${workshop.prefix}eval-${report}`, { Get: 'Execution.PipelineExecutionId' }] } },
        '--instance-type',
        'ml.g5.4xlarge',
        '--region',
        workshop.region,
        '--tags',
        JSON.stringify(workshop.tags),
        '--test',
        '/opt/ml/processing/test',
        '--tone',
        '/opt/ml/processing/tone',
        '--output-dir',
        '/opt/ml/processing/evaluation',
      ],
    },
    ProcessingInputs: [
      {
        InputName: 'code',
        S3Input: { S3Uri: evaluationCode, LocalPath: '/opt/ml/processing/input/code', S3DataType: 'S3Prefix', S3InputMode: 'File' },
      },
      {
        InputName: 'test',
        S3Input: {
          S3Uri: `${data}/knowledge-base/qa/test.jsonl`,
          LocalPath: '/opt/ml/processing/test',
          S3DataType: 'S3Prefix',
          S3InputMode: 'File',
        },
      },
      {
        InputName: 'tone',
        S3Input: {
          S3Uri: `${data}/knowledge-base/tone.json`,
          LocalPath: '/opt/ml/processing/tone',
          S3DataType: 'S3Prefix',
          S3InputMode: 'File',
        },
      },
    ],
    ProcessingOutputConfig: {
      Outputs: [
        {
          OutputName: 'evaluation',
          S3Output: {
            S3Uri: {
              'Std:Join': { On: '/', Values: [`s3://${workshop.bucket}/pipelines/${report}`, { Get: 'Execution.PipelineExecutionId' }] },
            },
            LocalPath: '/opt/ml/processing/evaluation',
            S3UploadMode: 'EndOfJob',
          },
        },
      ],
    },
    ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    RoleArn: workshop.roleArn,
    Tags: workshop.tags,
  },
});

const definition = {
  Version: '2020-12-01',
  Parameters: [
    { Name: 'LearningRate', Type: 'String', DefaultValue: '0.0001' },
    // The workshop's one chatbot bar (labs/lib/bars.ts), the same the lab 04 and 06 checks apply.
    { Name: 'F1Bar', Type: 'Float', DefaultValue: bars.chatbot.f1 },
    { Name: 'ToneBar', Type: 'Float', DefaultValue: bars.chatbot.tone },
  ],
  Steps: [
    {
      // A SageMaker Model of the base weights (a Model step is CreateModel): what the baseline evaluation deploys.
      Name: 'BaseModel',
      Type: 'Model',
      Arguments: { ExecutionRoleArn: workshop.roleArn, PrimaryContainer: servingContainer(card, 'ml.g5.2xlarge'), Tags: workshop.tags },
    },
    // The baseline: the base model on the same held-out questions, for the record of every run.
    {
      ...evaluationStep('EvaluateBase', 'BaseModel', 'baseline'),
      PropertyFiles: [{ PropertyFileName: 'BaselineReport', OutputName: 'evaluation', FilePath: 'evaluation.json' }],
    },
    {
      Name: 'FineTune',
      Type: 'Training',
      DependsOn: ['EvaluateBase'],
      // JumpStart's recipe, as in lab 04 (a Training step's Arguments are a CreateTrainingJob request without its name).
      Arguments: (({ TrainingJobName: _name, ...job }) => ({
        ...job,
        HyperParameters: { ...job.HyperParameters, learning_rate: { Get: 'Parameters.LearningRate' } },
      }))(
        fineTuneJob(card, {
          jobName: 'FineTune',
          roleArn: workshop.roleArn,
          trainingUri: `s3://${workshop.bucket}/pipelines/train/`,
          outputPath: `s3://${workshop.bucket}/pipelines/models`,
          hyperparameters: { epoch: '3', instruction_tuned: 'True' },
          instanceType: 'ml.g5.2xlarge',
          tags: workshop.tags,
        }),
      ),
    },
    {
      Name: 'TunedModel',
      Type: 'Model',
      Arguments: {
        ExecutionRoleArn: workshop.roleArn,
        PrimaryContainer: {
          Image: card.HostingEcrUri,
          Environment: servingEnvironment(card, 'ml.g5.2xlarge'),
          ModelDataSource: tunedWeights,
        },
        Tags: workshop.tags,
      },
    },
    {
      ...evaluationStep('EvaluateTuned', 'TunedModel', 'evaluation'),
      PropertyFiles: [{ PropertyFileName: 'EvaluationReport', OutputName: 'evaluation', FilePath: 'evaluation.json' }],
    },
    {
      Name: 'CheckQuality',
      Type: 'Condition',
      Arguments: {
        Conditions: [
          {
            Type: 'GreaterThanOrEqualTo',
            LeftValue: {
              'Std:JsonGet': { PropertyFile: { Get: 'Steps.EvaluateTuned.PropertyFiles.EvaluationReport' }, Path: 'metrics.f1.value' },
            },
            RightValue: { Get: 'Parameters.F1Bar' },
          },
          {
            Type: 'GreaterThanOrEqualTo',
            LeftValue: {
              'Std:JsonGet': { PropertyFile: { Get: 'Steps.EvaluateTuned.PropertyFiles.EvaluationReport' }, Path: 'metrics.tone.value' },
            },
            RightValue: { Get: 'Parameters.ToneBar' },
          },
        ],
        IfSteps: [
          {
            Name: 'RegisterChatbot',
            Type: 'RegisterModel',
            Arguments: {
              ModelPackageGroupName: groupName,
              ModelApprovalStatus: 'PendingManualApproval',
              // What a pipeline creates carries the workshop's tags too, or cleanup would not find it.
              Tags: workshop.tags,
              InferenceSpecification: {
                Containers: [
                  { Image: card.HostingEcrUri, Environment: servingEnvironment(card, 'ml.g5.2xlarge'), ModelDataSource: tunedWeights },
                ],
                SupportedContentTypes: ['application/json'],
                SupportedResponseMIMETypes: ['application/json'],
                SupportedRealtimeInferenceInstanceTypes: ['ml.g5.2xlarge'],
              },
            },
          },
        ],
        ElseSteps: [
          {
            Name: 'UnderTheBar',
            Type: 'Fail',
            Arguments: { ErrorMessage: 'The fine-tuned chatbot is under the bar: nothing was registered.' },
          },
        ],
      },
    },
  ],
};

// TODO: CreatePipelineCommand with PipelineDefinition: JSON.stringify(definition), the role and the tags
// (or UpdatePipelineCommand when this session's pipeline exists already: the step is safe to run again).
console.log(`Pipeline ${pipelineName}: ${definition.Steps.map((s) => s.Name).join(' → ')} → RegisterChatbot | UnderTheBar`);

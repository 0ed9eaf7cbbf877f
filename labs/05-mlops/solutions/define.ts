import { SageMakerClient, CreatePipelineCommand, DescribeHubContentCommand } from '@aws-sdk/client-sagemaker';

const sm = new SageMakerClient({});
const baseModel = 'huggingface-llm-qwen2-1-5b-instruct';
const card = JSON.parse((await sm.send(new DescribeHubContentCommand({ HubName: 'SageMakerPublicHub', HubContentType: 'Model', HubContentName: baseModel }))).HubContentDocument!) as {
  TrainingEcrUri: string; TrainingArtifactUri: string; HostingEcrUri: string; Hyperparameters: { Name: string; Default: string }[];
};
const data = `s3://${workshop.bucket}/datasets`;
const pipelineName = `${workshop.prefix}chatbot-pipeline-${workshop.sessionId}`;

const definition = {
  Version: '2020-12-01',
  Parameters: [
    { Name: 'LearningRate', Type: 'String', DefaultValue: '0.0001' },
    { Name: 'F1Bar', Type: 'Float', DefaultValue: 0.35 },
    { Name: 'ToneBar', Type: 'Float', DefaultValue: 0.65 },
  ],
  Steps: [
    {
      // The baseline: the base model on the same held-out questions, for the record of every run.
      Name: 'EvaluateBase', Type: 'Processing',
      Arguments: {
        AppSpecification: { ImageUri: card.HostingEcrUri, ContainerEntrypoint: ['python3', '/opt/ml/code/evaluate.py'] },
        Environment: { NAXT_EVALUATION: 'chatbot', MODEL_ID: baseModel },
        ProcessingInputs: [
          { InputName: 'test', S3Input: { S3Uri: `${data}/knowledge-base/qa/test.jsonl`, LocalPath: '/opt/ml/processing/test', S3DataType: 'S3Prefix', S3InputMode: 'File' } },
          { InputName: 'tone', S3Input: { S3Uri: `${data}/knowledge-base/tone.json`, LocalPath: '/opt/ml/processing/tone', S3DataType: 'S3Prefix', S3InputMode: 'File' } },
        ],
        ProcessingOutputConfig: { Outputs: [{ OutputName: 'evaluation', S3Output: { S3Uri: { 'Std:Join': { On: '/', Values: [`s3://${workshop.bucket}/pipelines/baseline`, { Get: 'Execution.PipelineExecutionId' }] } }, LocalPath: '/opt/ml/processing/evaluation', S3UploadMode: 'EndOfJob' } }] },
        ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } },
        RoleArn: workshop.roleArn,
        Tags: workshop.tags,
      },
      PropertyFiles: [{ PropertyFileName: 'BaselineReport', OutputName: 'evaluation', FilePath: 'evaluation.json' }],
    },
    {
      Name: 'FineTune', Type: 'Training', DependsOn: ['EvaluateBase'],
      Arguments: {
        AlgorithmSpecification: { TrainingImage: card.TrainingEcrUri, TrainingInputMode: 'File' },
        HyperParameters: { ...Object.fromEntries(card.Hyperparameters.map((h) => [h.Name, h.Default])), epoch: '3', learning_rate: { Get: 'Parameters.LearningRate' } },
        InputDataConfig: [
          { ChannelName: 'model', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: card.TrainingArtifactUri } } },
          { ChannelName: 'training', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${workshop.bucket}/pipelines/train/` } } },
        ],
        OutputDataConfig: { S3OutputPath: `s3://${workshop.bucket}/pipelines/models` },
        ResourceConfig: { InstanceType: 'ml.g5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 100 },
        StoppingCondition: { MaxRuntimeInSeconds: 10800 },
        RoleArn: workshop.roleArn,
        Tags: workshop.tags,
      },
    },
    {
      Name: 'EvaluateTuned', Type: 'Processing',
      Arguments: {
        AppSpecification: { ImageUri: card.HostingEcrUri, ContainerEntrypoint: ['python3', '/opt/ml/code/evaluate.py'] },
        Environment: { NAXT_EVALUATION: 'chatbot', MODEL_ID: baseModel },
        ProcessingInputs: [
          { InputName: 'model', S3Input: { S3Uri: { Get: 'Steps.FineTune.ModelArtifacts.S3ModelArtifacts' }, LocalPath: '/opt/ml/processing/model', S3DataType: 'S3Prefix', S3InputMode: 'File' } },
          { InputName: 'test', S3Input: { S3Uri: `${data}/knowledge-base/qa/test.jsonl`, LocalPath: '/opt/ml/processing/test', S3DataType: 'S3Prefix', S3InputMode: 'File' } },
          { InputName: 'tone', S3Input: { S3Uri: `${data}/knowledge-base/tone.json`, LocalPath: '/opt/ml/processing/tone', S3DataType: 'S3Prefix', S3InputMode: 'File' } },
        ],
        ProcessingOutputConfig: { Outputs: [{ OutputName: 'evaluation', S3Output: { S3Uri: { 'Std:Join': { On: '/', Values: [`s3://${workshop.bucket}/pipelines/evaluation`, { Get: 'Execution.PipelineExecutionId' }] } }, LocalPath: '/opt/ml/processing/evaluation', S3UploadMode: 'EndOfJob' } }] },
        ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } },
        RoleArn: workshop.roleArn,
        Tags: workshop.tags,
      },
      PropertyFiles: [{ PropertyFileName: 'EvaluationReport', OutputName: 'evaluation', FilePath: 'evaluation.json' }],
    },
    {
      Name: 'CheckQuality', Type: 'Condition',
      Arguments: {
        Conditions: [
          { Type: 'GreaterThanOrEqualTo', LeftValue: { 'Std:JsonGet': { PropertyFile: { Get: 'Steps.EvaluateTuned.PropertyFiles.EvaluationReport' }, Path: 'metrics.f1.value' } }, RightValue: { Get: 'Parameters.F1Bar' } },
          { Type: 'GreaterThanOrEqualTo', LeftValue: { 'Std:JsonGet': { PropertyFile: { Get: 'Steps.EvaluateTuned.PropertyFiles.EvaluationReport' }, Path: 'metrics.tone.value' } }, RightValue: { Get: 'Parameters.ToneBar' } },
        ],
        IfSteps: [{
          Name: 'RegisterChatbot', Type: 'RegisterModel',
          Arguments: {
            ModelPackageGroupName: groupName,
            ModelApprovalStatus: 'PendingManualApproval',
            // What a pipeline creates carries the workshop's tags too, or cleanup would not find it.
            Tags: workshop.tags,
            InferenceSpecification: {
              Containers: [{ Image: card.HostingEcrUri, ModelDataUrl: { Get: 'Steps.FineTune.ModelArtifacts.S3ModelArtifacts' } }],
              SupportedContentTypes: ['application/json'], SupportedResponseMIMETypes: ['application/json'], SupportedRealtimeInferenceInstanceTypes: ['ml.g5.xlarge'],
            },
          },
        }],
        ElseSteps: [{ Name: 'UnderTheBar', Type: 'Fail', Arguments: { ErrorMessage: 'The fine-tuned chatbot is under the bar: nothing was registered.' } }],
      },
    },
  ],
};

await sm.send(new CreatePipelineCommand({ PipelineName: pipelineName, PipelineDefinition: JSON.stringify(definition), RoleArn: workshop.roleArn, Tags: workshop.tags }));
console.log(`Pipeline ${pipelineName}: ${definition.Steps.map((s) => s.Name).join(' → ')} → RegisterChatbot | UnderTheBar`);

/**
 * Writes content/catalog.json, the sandbox's snapshot of the JumpStart public hub, from public facts:
 *
 *   npx tsx content/generate/catalog.ts <jumpstart-models.json> <training-document.json>
 *
 * - <jumpstart-models.json>: awslabs/generative-ai-cdk-constructs @ f162fdac (2026-07-31),
 *   src/patterns/gen-ai/aws-model-deployment-sagemaker/jumpstart-models.json — JumpStart's us-east-1 manifest and
 *   model specs as that project downloads them (raw-deflated JSON in a Buffer): ids, versions, instance types,
 *   artifact keys, container environment, image aliases and per-instance variants, gated bucket, EULA key.
 * - <training-document.json>: the real hub document of huggingface-llm-gemma-2b-instruct in aws/sagemaker-python-sdk
 *   v2.257.6 tests/unit/sagemaker/jumpstart/constants.py (HUB_MODEL_DOCUMENT_DICTS), the one document on this
 *   machine with a complete Hugging Face LLM fine-tuning recipe.
 *
 * Buckets: the SDK's src/sagemaker/jumpstart/region_config.json (v2.257.6). TGI image specs: the SDK's
 * image_uri_config/huggingface-llm.json (tests/fixtures/sagemaker-python-sdk). Task and framework: the model id,
 * `<framework>-<task>-<name>`, as the SDK's notebook_utils.extract_framework_task_model parses it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';

const REGION = 'us-east-1';
const BUCKET = `jumpstart-cache-prod-${REGION}`;
const GATED_BUCKET = `jumpstart-private-cache-prod-${REGION}`;

interface CdkSpec {
  modelId: string;
  version: string;
  defaultInstanceType: string;
  instanceTypes: string[];
  prepackedArtifactKey?: string;
  artifactKey?: string;
  environment: Record<string, string | number>;
  instanceAliases?: { region: string; aliases: Record<string, string> }[];
  instanceVariants?: { instanceType: string; imageUri?: string; environment?: Record<string, string> }[];
  gatedBucket?: boolean;
  requiresEula?: string;
}

/** The id's task part, and the task as hub documents name it ("Text Generation" in the sagemaker-core fixture; the others unverified). */
const TASKS: Record<string, string> = {
  llm: 'Text Generation',
  textgeneration: 'Text Generation',
  textgeneration1: 'Text Generation',
  textgeneration2: 'Text Generation',
  summarization: 'Summarization',
  text2text: 'Text2Text Generation',
  textembedding: 'Text Embedding',
  sentencesimilarity: 'Sentence Similarity',
  vlm: 'Image Text to Text',
  txt2img: 'Text to Image',
};

const cmp = (a: string, b: string) => {
  const x = a.split('.').map(Number),
    y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

/** Billions of parameters as the model's name states them (`1-5b`, `8x7b`, `460m`); the sandbox's stand-in size. */
export function parametersInName(modelId: string): number | undefined {
  const moe = /(\d+)x(\d+)b(?![a-z])/.exec(modelId);
  if (moe) return Number(moe[1]) * Number(moe[2]);
  const b = /(?:^|-)(\d+)(?:-(\d+))?b(?![a-z])/.exec(modelId);
  if (b) return Number(b[2] ? `${b[1]}.${b[2]}` : b[1]);
  const m = /(?:^|-)(\d+)m(?![a-z])/.exec(modelId);
  return m ? Number(m[1]) / 1000 : undefined;
}

const tierOf = (b: number | undefined) => (b === undefined ? 'medium' : b < 3 ? 'small' : b < 20 ? 'medium' : b < 100 ? 'large' : 'xlarge');

/** RequiredForModelClass as the real gemma document sets it, by variable; true where it does not say (unverified). */
function requiredForModelClass(
  template: { InferenceEnvironmentVariables: { Name: string; RequiredForModelClass: boolean }[] },
  name: string,
) {
  return template.InferenceEnvironmentVariables.find((v) => v.Name === name)?.RequiredForModelClass ?? true;
}

interface TgiVersion {
  tag_prefix: string;
  py_versions: string[];
}
function tgiSpecs(image: string, config: Record<string, TgiVersion>) {
  const tag = image.split(':')[1] ?? '';
  if (!image.includes('/huggingface-pytorch-tgi-inference:')) return undefined;
  const hit = Object.entries(config).find(([, v]) => tag.startsWith(`${v.tag_prefix}-`));
  return hit ? { Framework: 'huggingface-llm', FrameworkVersion: hit[0], PyVersion: hit[1].py_versions[0] } : undefined;
}

function main() {
  const [cdkFile, trainingFile] = process.argv.slice(2);
  if (!cdkFile || !trainingFile) throw new Error('usage: catalog.ts <jumpstart-models.json> <training-document.json>');
  const root = join(import.meta.dirname, '../..');
  const packed = JSON.parse(readFileSync(cdkFile, 'utf8')) as { data: number[] };
  const specs = Object.values(JSON.parse(inflateRawSync(Buffer.from(packed.data)).toString('utf8')) as Record<string, CdkSpec>);
  const template = JSON.parse(readFileSync(trainingFile, 'utf8')) as Record<string, unknown> & {
    InferenceEnvironmentVariables: { Name: string; RequiredForModelClass: boolean }[];
  };
  const tgi = (
    JSON.parse(readFileSync(join(root, 'tests/fixtures/sagemaker-python-sdk/image_uri_config-huggingface-llm.json'), 'utf8')) as {
      inference: { versions: Record<string, TgiVersion> };
    }
  ).inference.versions;

  const latest = new Map<string, CdkSpec>();
  for (const s of specs) if (!latest.has(s.modelId) || cmp(s.version, latest.get(s.modelId)!.version) > 0) latest.set(s.modelId, s);

  const toRegion = (s: string) => s.replaceAll('us-west-2', REGION);
  const models = [];
  for (const s of [...latest.values()].sort((a, b) => a.modelId.localeCompare(b.modelId))) {
    const [framework, taskPart] = s.modelId.split('-');
    const task = TASKS[taskPart];
    const aliases = s.instanceAliases?.find((a) => a.region === REGION)?.aliases;
    // A hub content name is at most 63 characters of [a-zA-Z0-9-] (botocore HubContentName): longer JumpStart ids
    // cannot be public hub content under that name, so they are left out.
    if (!task || !aliases || s.modelId.length > 63 || !/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(s.modelId)) continue;
    // The image for an instance type: its own variant, else its family's (the SDK's JumpStartInstanceTypeVariants.get_image_uri).
    const family = s.defaultInstanceType.split('.')[1];
    const variant = (key: string) => s.instanceVariants?.find((v) => v.instanceType === key && v.imageUri)?.imageUri;
    const ref = variant(s.defaultInstanceType) ?? variant(family);
    const image = ref?.startsWith('$') ? aliases[ref.slice(1)] : ref;
    const key = s.prepackedArtifactKey ?? s.artifactKey;
    if (!image || !key) continue;
    const gated = s.gatedBucket === true;
    const variants: Record<string, { properties: { image_uri?: string; environment_variables?: Record<string, string> } }> = {};
    for (const v of s.instanceVariants ?? []) {
      variants[v.instanceType] = {
        properties: {
          ...variants[v.instanceType]?.properties,
          ...(v.imageUri ? { image_uri: v.imageUri } : {}),
          ...(v.environment ? { environment_variables: v.environment } : {}),
        },
      };
    }
    const parametersB = parametersInName(s.modelId);
    const ecrSpecs = tgiSpecs(image, tgi);
    const document: Record<string, unknown> = {
      Task: task,
      Framework: framework,
      DataType: taskPart === 'vlm' || taskPart === 'txt2img' ? 'image' : 'text',
      ModelTypes: ['OPEN_WEIGHTS'],
      TrainingSupported: false,
      IncrementalTrainingSupported: false,
      ...(ecrSpecs ? { HostingEcrSpecs: ecrSpecs } : {}),
      HostingEcrUri: image,
      HostingArtifactUri: `s3://${gated ? GATED_BUCKET : BUCKET}/${key}`,
      HostingArtifactS3DataType: 'S3Prefix',
      HostingArtifactCompressionType: 'None',
      HostingUseScriptUri: false,
      ...(s.requiresEula ? { HostingEulaUri: `s3://${BUCKET}/${s.requiresEula}` } : {}),
      GatedBucket: gated,
      InferenceEnvironmentVariables: Object.entries(s.environment).map(([Name, Default]) => ({
        Name,
        Type: typeof Default === 'number' ? 'int' : 'text',
        Default,
        Scope: 'container',
        RequiredForModelClass: requiredForModelClass(template, Name),
      })),
      HostingInstanceTypeVariants: { Aliases: aliases, Variants: variants },
      DefaultInferenceInstanceType: s.defaultInstanceType,
      SupportedInferenceInstanceTypes: s.instanceTypes,
      InferenceEnableNetworkIsolation: true,
      ResourceNameBase: s.modelId,
    };
    models.push({ modelId: s.modelId, version: s.version, parametersB, sizeTier: tierOf(parametersB), document });
  }

  // The fine-tuning recipe: the real gemma-2b-instruct document's.
  const training = (modelId: string) => ({
    TrainingSupported: true,
    FineTuningSupported: true,
    ValidationSupported: true,
    TrainingEcrUri: toRegion(String(template.TrainingEcrUri)),
    TrainingArtifactUri: `s3://${BUCKET}/huggingface-training/train-${modelId}.tar.gz`,
    TrainingArtifactS3DataType: template.TrainingArtifactS3DataType,
    TrainingArtifactCompressionType: template.TrainingArtifactCompressionType,
    TrainingScriptUri: toRegion(String(template.TrainingScriptUri)),
    Hyperparameters: template.Hyperparameters,
    TrainingMetrics: template.TrainingMetrics,
    DefaultTrainingInstanceType: template.DefaultTrainingInstanceType,
    SupportedTrainingInstanceTypes: template.SupportedTrainingInstanceTypes,
    DefaultTrainingDatasetUri: toRegion(String(template.DefaultTrainingDatasetUri)),
    TrainingEnableNetworkIsolation: template.TrainingEnableNetworkIsolation,
    TrainingVolumeSize: template.TrainingVolumeSize,
    MaxRuntimeInSeconds: template.MaxRuntimeInSeconds,
    DisableOutputCompression: template.DisableOutputCompression,
  });
  // Only a model whose real fine-tuning recipe is on hand is trainable here. JumpStart fine-tunes few LLMs: the SDK's
  // table of JumpStart models (aws/sagemaker-python-sdk doc/doc_utils/pretrainedmodels.rst @ d4416fac2, 2025-06-23,
  // "Fine Tunable?") says True for huggingface-llm-gemma-2b-instruct and False for, e.g., qwen2-1-5b-instruct and
  // mistral-7b-instruct-v3; every other model stays TrainingSupported: false (hosting specs only).
  const trainable = {
    'huggingface-llm-gemma-2b-instruct':
      "the real document (SDK v2.257.6 HUB_MODEL_DOCUMENT_DICTS), us-west-2 URIs moved to us-east-1; fine-tunable per the SDK's pretrainedmodels.rst @ d4416fac2 (2025-06-23)",
  };
  for (const m of models) if (m.modelId in trainable) Object.assign(m.document, training(m.modelId));

  const out = {
    snapshotDate: '2026-07-31',
    region: REGION,
    sources: {
      hosting:
        'JumpStart us-east-1 model specs (latest version of each id) as awslabs/generative-ai-cdk-constructs @ f162fdac (2026-07-31) records them: src/patterns/gen-ai/aws-model-deployment-sagemaker/jumpstart-models.json',
      buckets: 'aws/sagemaker-python-sdk v2.257.6 src/sagemaker/jumpstart/region_config.json',
      hostingEcrSpecs:
        'aws/sagemaker-python-sdk image_uri_config/huggingface-llm.json (tests/fixtures/sagemaker-python-sdk), matched by tag prefix',
      taskAndFramework:
        'the model id, <framework>-<task>-<name> (SDK notebook_utils.extract_framework_task_model); task names other than "Text Generation" unverified',
      training: trainable,
      parametersB:
        "the parameter count in the model's name; the sandbox's stand-in size tier follows it (the workshop's own rule, not an AWS fact)",
    },
    models,
  };
  writeFileSync(join(root, 'content/catalog.json'), `${JSON.stringify(out, null, 1)}\n`);
  console.log(`${models.length} models written to content/catalog.json`);
}

main();

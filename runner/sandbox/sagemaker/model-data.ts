/**
 * Where a SageMaker Model's artifacts come from, what AWS refuses about them, and whether the container could
 * start on them. The model an endpoint serves is decided here — by its artifacts, as on AWS — never by an
 * environment variable.
 */
import type { ContainerDefinition } from '@aws-sdk/client-sagemaker';
import type { SandboxContext } from '../context.ts';
import { validation } from '../errors.ts';
import { s3Location } from '../s3-uri.ts';
import { catalog, type CatalogModel } from './hub.ts';

/** JumpStart's public artifact buckets (`jumpstart-cache-prod-<region>`, `jumpstart-private-cache-prod-<region>`, as in hub documents). */
const JUMPSTART_BUCKET = /^jumpstart-(?:private-)?cache-prod-[a-z0-9-]+$/;

/** The artifact URI a container mounts under /opt/ml/model, and how. */
export interface Artifacts {
  uri: string;
  /** ModelDataUrl (a .tar.gz SageMaker unpacks) or ModelDataSource.S3DataSource (objects copied as they are). */
  via: 'ModelDataUrl' | 'ModelDataSource';
  acceptEula: boolean;
}

export function artifactsOf(container: ContainerDefinition | undefined): Artifacts | undefined {
  const src = container?.ModelDataSource?.S3DataSource;
  if (src?.S3Uri) return { uri: src.S3Uri, via: 'ModelDataSource', acceptEula: src.ModelAccessConfig?.AcceptEula === true };
  if (container?.ModelDataUrl) return { uri: container.ModelDataUrl, via: 'ModelDataUrl', acceptEula: false };
  return undefined;
}

const underPrefix = (uri: string, prefix: string) => uri === prefix || (prefix.endsWith('/') && uri.startsWith(prefix));
/** The catalog model whose JumpStart hosting artifacts these are (the prefix, or an object under it). */
export function jumpstartModelOf(ctx: SandboxContext, uri: string): CatalogModel | undefined {
  return catalog(ctx.contentDir).models.find((m) => underPrefix(uri, m.document.HostingArtifactUri));
}

/**
 * What CreateModel refuses about a container's artifacts, at the call.
 * - ModelDataUrl "must point to a single gzip compressed tar archive (.tar.gz suffix)" (botocore
 *   sagemaker/2017-07-24/service-2.json, ContainerDefinition.ModelDataUrl). A JumpStart `inference-prepack/…/`
 *   prefix there is answered `ValidationException: Could not find model data at s3://jumpstart-cache-prod-…/…/.`
 *   (reported verbatim in aws/amazon-sagemaker-examples#4479 and aws-ia/ecs-blueprints#223); so is an object
 *   that does not exist (aws/amazon-sagemaker-examples#2264: "…/output/model.tar.gz.").
 * - S3ModelDataSource: with S3DataType S3Prefix, "a valid key name prefix identified by S3Uri always ends with a
 *   forward slash (/)" (same model, S3ModelDataSource.S3DataType). The wording of that refusal is unverified.
 */
export function checkArtifacts(ctx: SandboxContext, container: ContainerDefinition): void {
  const url = container.ModelDataUrl;
  if (url !== undefined) {
    const loc = s3Location(url);
    const missing = () => validation(`Could not find model data at ${url}.`);
    if (!loc || !loc.key || loc.key.endsWith('/')) throw missing();
    if (JUMPSTART_BUCKET.test(loc.bucket)) {
      // Which JumpStart tarballs exist is not in the catalog: a .tar.gz there is accepted (unverified, permissive).
      if (!loc.key.endsWith('.tar.gz')) throw missing();
    } else if (!ctx.store.object(loc.bucket, loc.key)) throw missing();
  }
  const src = container.ModelDataSource?.S3DataSource;
  if (src) {
    if (src.S3DataType === 'S3Prefix' && !src.S3Uri?.endsWith('/')) {
      throw validation(`S3Uri ${src.S3Uri} is not a valid key name prefix: with S3DataType S3Prefix it must end with a forward slash (/).`);
    }
  }
}

/** The TGI (Hugging Face LLM) serving image, as the SDK's image_uri_config/huggingface-llm.json names its repository. */
const TGI_IMAGE = /\/huggingface-pytorch-tgi-inference:/;

/**
 * Why the container could not start on its artifacts, or undefined when it starts. AWS reports it on the endpoint
 * after the creation time, not at CreateModel: `EndpointStatus: Failed`, FailureReason "The primary container for
 * production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this
 * endpoint." (aws/sagemaker-python-sdk#787, awslabs/llm-hosting-container#18).
 * - TGI loads the model named by HF_MODEL_ID; JumpStart mounts its artifacts at /opt/ml/model and sets
 *   HF_MODEL_ID=/opt/ml/model (the hub document's InferenceEnvironmentVariables, aws/sagemaker-python-sdk
 *   sagemaker-core/tests/unit/jumpstart/hub_content_document.json). Without it, or with a JumpStart model id
 *   (not a Hugging Face repository), the server has no model to load.
 * - A gated JumpStart model's artifacts are copied only when ModelAccessConfig.AcceptEula is true (botocore's
 *   ModelAccessConfig: "must be explicitly defined as True in order to accept the EULA that this model
 *   requires"); how AWS words that failure is unverified, so the ping-check reason is given with the cause.
 */
export function startFailure(ctx: SandboxContext, container: ContainerDefinition | undefined, variant: string): string | undefined {
  const ping = `The primary container for production variant ${variant} did not pass the ping health check. Please check CloudWatch logs for this endpoint.`;
  const art = artifactsOf(container);
  const js = art && jumpstartModelOf(ctx, art.uri);
  if (js?.document.GatedBucket && !art?.acceptEula)
    return `${ping} (The model's end-user license agreement was not accepted: ModelAccessConfig.AcceptEula.)`;
  if (container?.Image && TGI_IMAGE.test(container.Image)) {
    const id = container.Environment?.HF_MODEL_ID;
    if (art && id !== '/opt/ml/model') return ping;
    if (!art && (!id || catalog(ctx.contentDir).models.some((m) => m.modelId === id))) return ping;
  }
  return undefined;
}

/** The catalog model a container serves and the artifact the engine reads (a fine-tune's model.tar.gz). */
export function servedModel(ctx: SandboxContext, container: ContainerDefinition | undefined): { modelId: string; artifactUri?: string } {
  const art = artifactsOf(container);
  if (!art) return { modelId: 'unknown-model' };
  const js = jumpstartModelOf(ctx, art.uri);
  return js ? { modelId: js.modelId } : { modelId: 'unknown-model', artifactUri: art.uri };
}

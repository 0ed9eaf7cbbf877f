/**
 * Model Monitor's prebuilt analyzer image, built once for the labs' library and the sandbox: a pure function over the
 * facts of content/model-monitor-images.json (each side reads that file its own way).
 */

/** content/model-monitor-images.json: the analyzer's registry per region, from the SDK's image-URI config. */
export interface AnalyzerImages {
  repository: string;
  registries: Record<string, string>;
}

/**
 * `<account>.dkr.ecr.<region>.amazonaws.com/sagemaker-model-monitor-analyzer`, as the SageMaker Python SDK's
 * `image_uris.retrieve('model-monitor', region)` builds it (version "", no tag); undefined where it is not published.
 */
export function analyzerImageUri(images: AnalyzerImages, region: string): string | undefined {
  const account = images.registries[region];
  return account ? `${account}.dkr.ecr.${region}.amazonaws.com/${images.repository}` : undefined;
}

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

/**
 * The constraint check types a violation names, and no others: the AWS guide's "Schema for Violations
 * (constraint_violations.json file)" (docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-interpreting-violations.html;
 * content/model-monitor.json keeps the fact with its source).
 */
export const CONSTRAINT_CHECK_TYPES = [
  'data_type_check',
  'completeness_check',
  'baseline_drift_check',
  'missing_column_check',
  'extra_column_check',
  'categorical_values_check',
] as const;
export type ConstraintCheckType = (typeof CONSTRAINT_CHECK_TYPES)[number];

import images from '../../content/model-monitor-images.json' with { type: 'json' };
import { analyzerImageUri } from '../../core/model-monitor.ts';

/**
 * Model Monitor's prebuilt analyzer image in a region, as the SageMaker Python SDK's
 * `image_uris.retrieve('model-monitor', region)` builds it (content/model-monitor-images.json, from the SDK's
 * image-URI config): `<account>.dkr.ecr.<region>.amazonaws.com/sagemaker-model-monitor-analyzer`.
 */
export function modelMonitorImage(region: string): string {
  const uri = analyzerImageUri(images, region);
  if (!uri) throw new Error(`Model Monitor's analyzer image is not published in ${region} (content/model-monitor-images.json).`);
  return uri;
}

import type { HubContentInfo, ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';

/** Variables the cells of this lab share (declared for the type checker; the kernel keeps them). */
declare global {
  var candidates: HubContentInfo[];
  var chosen: {
    modelId: string;
    version: string;
    image: string;
    artifact: string;
    artifactType: 'S3Prefix' | 'S3Object';
    compression: 'None' | 'Gzip';
    environment: Record<string, string>;
    instanceType: ProductionVariantInstanceType;
  };
  var endpointName: string;
}
export {};

import { S3Client, CreateBucketCommand, PutBucketTaggingCommand, type BucketLocationConstraint } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const region = await s3.config.region();
// us-east-1 is the only region where CreateBucket takes no LocationConstraint.
const location = region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };

// TODO: create `workshop.bucket` (CreateBucketConfiguration: location),
// then tag it with `workshop.tags` (PutBucketTaggingCommand, Tagging: { TagSet }).

console.log(`s3://${workshop.bucket} is ready`);

import { S3Client, CreateBucketCommand, PutBucketTaggingCommand, type BucketLocationConstraint } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const region = await s3.config.region();
// us-east-1 is the only region where CreateBucket takes no LocationConstraint.
const location = region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };

try {
  await s3.send(new CreateBucketCommand({ Bucket: workshop.bucket, CreateBucketConfiguration: location }));
} catch (error) {
  // Running the cell twice is fine: the bucket is already ours.
  if ((error as Error).name !== 'BucketAlreadyOwnedByYou') throw error;
}
await s3.send(new PutBucketTaggingCommand({ Bucket: workshop.bucket, Tagging: { TagSet: workshop.tags } }));

console.log(`s3://${workshop.bucket} is ready`);

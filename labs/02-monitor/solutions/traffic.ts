import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient, InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';

const runtime = new SageMakerRuntimeClient({});
const s3 = new S3Client({});
const conversations = (
  await (
    await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'datasets/conversations/test.jsonl' }))
  ).Body!.transformToString()
)
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; transcript: string });

let sent = 0;
for (const c of conversations) {
  await runtime.send(
    new InvokeEndpointCommand({
      EndpointName: endpointName,
      ContentType: 'application/json',
      Body: JSON.stringify({
        inputs: `Summarize this conversation with a client for their investment advisor: goals, risk appetite, life events, follow-ups.\n\n${c.transcript}`,
        parameters: { max_new_tokens: 200 },
      }),
    }),
  );
  sent += 1;
}
console.log(`${sent} requests sent; capture writes them under s3://${workshop.bucket}/capture/${endpointName}/`);

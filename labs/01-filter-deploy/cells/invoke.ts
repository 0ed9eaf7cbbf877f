import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient, InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';

const s3 = new S3Client({});
const runtime = new SageMakerRuntimeClient({});
const file = await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: 'datasets/conversations/test.jsonl' }));
const conversation = JSON.parse((await file.Body!.transformToString()).split('\n')[0]) as {
  id: string;
  client: string;
  transcript: string;
};
const conversationId = conversation.id;

// TODO: InvokeEndpointCommand on endpointName with a JSON body { inputs: <instruction + transcript>, parameters },
// then read [{ generated_text }] from the response body.
const summary = '';
console.log(`${conversation.client}:\n${summary}`);

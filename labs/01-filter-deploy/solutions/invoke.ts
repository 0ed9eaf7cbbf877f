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

const response = await runtime.send(
  new InvokeEndpointCommand({
    EndpointName: endpointName,
    ContentType: 'application/json',
    Accept: 'application/json',
    Body: JSON.stringify({
      inputs: `Summarize this conversation with a client for their investment advisor: goals, risk appetite, life events, follow-ups.\n\n${conversation.transcript}`,
      parameters: { max_new_tokens: 200, temperature: 0.2 },
    }),
  }),
);
const [{ generated_text: summary }] = JSON.parse(new TextDecoder().decode(response.Body)) as { generated_text: string }[];
console.log(`${conversation.client}:\n${summary}`);

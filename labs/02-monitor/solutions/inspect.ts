import { S3Client, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { toxicity, toneScore, tokens } from '@naxt/workshop/evaluation';

const s3 = new S3Client({});
const get = async (key: string) =>
  await (await s3.send(new GetObjectCommand({ Bucket: workshop.bucket, Key: key }))).Body!.transformToString();
const toneGuide = JSON.parse(await get('datasets/knowledge-base/tone.json'));
const PII = /\b\d{4}-\d{4}-\d{4}\b|\+\d{1,2} \d{3} \d{3} \d{4}|\baccount \d{8}\b/i;

const keys: string[] = [];
let ContinuationToken: string | undefined;
do {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: workshop.bucket, Prefix: `capture/${endpointName}/`, ContinuationToken }));
  keys.push(...(page.Contents ?? []).map((o) => o.Key!));
  ContinuationToken = page.NextContinuationToken;
} while (ContinuationToken);

interface Capture {
  captureData: { endpointInput: { data: string }; endpointOutput: { data: string } };
  eventMetadata: { eventId: string };
}
const findings: { event: string; words: number; piiInRequest: boolean; piiInAnswer: boolean; toxicity: number; tone: number }[] = [];
for (const key of keys) {
  for (const line of (await get(key)).split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as Capture;
    const answer = (JSON.parse(r.captureData.endpointOutput.data) as { generated_text: string }[])[0].generated_text;
    findings.push({
      event: r.eventMetadata.eventId.slice(0, 8),
      words: tokens(answer).length,
      piiInRequest: PII.test(r.captureData.endpointInput.data),
      piiInAnswer: PII.test(answer),
      toxicity: toxicity(answer, toneGuide),
      tone: toneScore(answer, toneGuide),
    });
  }
}
console.log(
  `${findings.length} captured answers: ${findings.filter((f) => f.piiInRequest).length} requests carry personal data, ${findings.filter((f) => f.piiInAnswer).length} answers repeat it, ${findings.filter((f) => f.toxicity > 0).length} toxic.`,
);
findings;

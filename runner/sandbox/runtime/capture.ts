import { randomUUID } from 'node:crypto';
import type { CreateEndpointConfigInput, DataCaptureConfig } from '@aws-sdk/client-sagemaker';
import { s3Location } from '../s3-uri.ts';
import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';
import type { JsonWire } from '../typed.ts';

type CaptureConfig = JsonWire<DataCaptureConfig>;

/**
 * How SageMaker records a payload: as text when its content type is listed in CaptureContentTypeHeader
 * (JSON or CSV), base64 otherwise — the default when no content types are configured.
 */
function encode(dc: CaptureConfig, contentType: string, data: string, mode: 'INPUT' | 'OUTPUT') {
  const base = contentType.split(';')[0].trim();
  const encoding = dc.CaptureContentTypeHeader?.JsonContentTypes?.includes(base)
    ? 'JSON'
    : dc.CaptureContentTypeHeader?.CsvContentTypes?.includes(base)
      ? 'CSV'
      : 'BASE64';
  return {
    observedContentType: contentType,
    mode,
    data: encoding === 'BASE64' ? Buffer.from(data, 'utf8').toString('base64') : data,
    encoding,
  };
}

/**
 * Data capture as SageMaker writes it: JSON lines under
 * `<DestinationS3Uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/<file>.jsonl`, one record per invocation (a streamed
 * invocation is recorded once, with the bytes of all its parts as its output).
 */
export async function writeCapture(
  ctx: SandboxContext,
  serving: { endpoint: ResourceRecord; variant: string; config: ResourceRecord },
  io: { input: string; inputType: string; output: string; outputType: string; customAttributes?: string },
): Promise<void> {
  // What CreateEndpointConfig stored: members of its request.
  const config: Partial<JsonWire<CreateEndpointConfigInput>> = serving.config.data;
  const dc = config.DataCaptureConfig;
  if (!dc || dc.EnableCapture === false || !dc.DestinationS3Uri) return;
  const m = s3Location(dc.DestinationS3Uri);
  if (!m || !ctx.store.bucket(m.bucket)) return;
  const now = new Date(ctx.store.now());
  const p = (n: number) => String(n).padStart(2, '0');
  const prefix = m.key.replace(/\/$/, '');
  const key = `${prefix ? `${prefix}/` : ''}${serving.endpoint.name}/${serving.variant}/${now.getUTCFullYear()}/${p(now.getUTCMonth() + 1)}/${p(now.getUTCDate())}/${p(now.getUTCHours())}/${p(now.getUTCMinutes())}-${p(now.getUTCSeconds())}-${now.getUTCMilliseconds()}-${randomUUID()}.jsonl`;
  const record = {
    captureData: {
      endpointInput: encode(dc, io.inputType, io.input, 'INPUT'),
      endpointOutput: encode(dc, io.outputType, io.output, 'OUTPUT'),
    },
    eventMetadata: {
      eventId: randomUUID(),
      inferenceTime: now.toISOString(),
      ...(io.customAttributes ? { customAttributes: [io.customAttributes] } : {}),
    },
    eventVersion: '0',
  };
  await ctx.store.putObject(m.bucket, key, Buffer.from(`${JSON.stringify(record)}\n`), { contentType: 'application/jsonl' });
}

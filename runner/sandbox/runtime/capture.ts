import { randomUUID } from 'node:crypto';
import { s3Location } from '../s3-uri.ts';
import type { SandboxContext } from '../context.ts';
import type { ResourceRecord } from '../store.ts';

/**
 * Data capture as SageMaker writes it: JSON lines under
 * `<DestinationS3Uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/<file>.jsonl`, one record per invocation.
 */
export async function writeCapture(
  ctx: SandboxContext,
  serving: { endpoint: ResourceRecord; variant: string; config: ResourceRecord },
  io: { input: string; inputType: string; output: string; outputType: string },
): Promise<void> {
  const dc = serving.config.data.DataCaptureConfig as { EnableCapture?: boolean; DestinationS3Uri?: string; InitialSamplingPercentage?: number } | undefined;
  if (!dc || dc.EnableCapture === false || !dc.DestinationS3Uri) return;
  const m = s3Location(dc.DestinationS3Uri);
  if (!m || !ctx.store.bucket(m.bucket)) return;
  const now = new Date(ctx.store.now());
  const p = (n: number) => String(n).padStart(2, '0');
  const prefix = m.key.replace(/\/$/, '');
  const key = `${prefix ? `${prefix}/` : ''}${serving.endpoint.name}/${serving.variant}/${now.getUTCFullYear()}/${p(now.getUTCMonth() + 1)}/${p(now.getUTCDate())}/${p(now.getUTCHours())}/${p(now.getUTCMinutes())}-${p(now.getUTCSeconds())}-${now.getUTCMilliseconds()}-${randomUUID()}.jsonl`;
  const record = {
    captureData: {
      endpointInput: { observedContentType: io.inputType, mode: 'INPUT', data: io.input, encoding: 'JSON' },
      endpointOutput: { observedContentType: io.outputType, mode: 'OUTPUT', data: io.output, encoding: 'JSON' },
    },
    eventMetadata: { eventId: randomUUID(), inferenceTime: now.toISOString() },
    eventVersion: '0',
  };
  await ctx.store.putObject(m.bucket, key, Buffer.from(`${JSON.stringify(record)}\n`), { contentType: 'application/jsonl' });
}

/**
 * The `application/vnd.amazon.eventstream` framing of InvokeEndpointWithResponseStream, encoded by the codec the
 * SDK itself decodes with: PayloadPart events carry raw bytes, modelled errors arrive as exception messages.
 */
import { EventStreamCodec } from '@smithy/core/event-streams';
import type * as runtime from '@aws-sdk/client-sagemaker-runtime';
import type { ExceptionName } from '../typed.ts';

const codec = new EventStreamCodec(
  (b) => Buffer.from(b).toString('utf8'),
  (s) => new Uint8Array(Buffer.from(s, 'utf8')),
);

const str = (value: string) => ({ type: 'string' as const, value });

/** One `PayloadPart` event: its `Bytes` member is the event payload. */
export function payloadPart(bytes: Uint8Array): Uint8Array {
  return codec.encode({
    headers: { ':message-type': str('event'), ':event-type': str('PayloadPart'), ':content-type': str('application/octet-stream') },
    body: bytes,
  });
}

/** The ResponseStream union's errors, by the SDK's names (botocore data/sagemaker-runtime/2017-05-13/service-2.json). */
export type StreamErrorName = Extract<ExceptionName<typeof runtime>, 'ModelStreamError' | 'InternalStreamFailure'>;

/** A modelled error of the ResponseStream union, sent mid-stream: the SDK throws it from the Body iterator. */
export function streamException(name: StreamErrorName, message: string, errorCode?: string): Uint8Array {
  const body = name === 'ModelStreamError' ? { Message: message, ErrorCode: errorCode ?? 'StreamBroken' } : { Message: message };
  return codec.encode({
    headers: { ':message-type': str('exception'), ':exception-type': str(name), ':content-type': str('application/json') },
    body: new Uint8Array(Buffer.from(JSON.stringify(body), 'utf8')),
  });
}

import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import { AwsError } from '../errors.ts';
import { tierAbility } from '../models/tiers.ts';
import { writeCapture } from './capture.ts';
import { payloadPart, streamException, type StreamErrorName } from './event-stream.ts';
import { speedUp, type Invocation } from './invocation.ts';
import { isObject, tokenEvents, wantsTokenStream } from './token-stream.ts';

const MAX_STREAM_MS = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The prompt a text-generation request continues (for return_full_text). */
const promptOf = (body: unknown) => (isObject(body) && typeof body.inputs === 'string' ? body.inputs : '');

/**
 * The parts of a streamed answer and when each is due (ms after the start), paced by the engine's latency
 * model: the time to the first token, then one token at a time, on the same scale as InvokeEndpoint.
 */
function plan(ctx: SandboxContext, call: Invocation, out: { body: unknown; text: string; latencyMs: number }) {
  const speed = speedUp(ctx);
  if (!wantsTokenStream(call.body)) {
    // A request that does not ask for tokens gets the container's whole answer, once it is ready.
    return { contentType: 'application/json', parts: [{ text: out.text, dueMs: Math.min(out.latencyMs / speed, MAX_STREAM_MS) }] };
  }
  const ev = tokenEvents(out.body, call.engine.modelId, ctx.store.now(), promptOf(call.body));
  const perToken = tierAbility(call.engine.tier).msPerToken;
  const first = Math.max(0, out.latencyMs - ev.tokens.length * perToken);
  const total = (first + ev.tokens.length * perToken) / speed;
  const squeeze = total > MAX_STREAM_MS ? MAX_STREAM_MS / total : 1;
  const parts = ev.events.map((text, i) => ({ text, dueMs: ((first + Math.min(i, ev.tokens.length - 1) * perToken) / speed) * squeeze }));
  return { contentType: ev.contentType, parts };
}

/** A failure injected for this stream (`--faults`/setFaults once: op InvokeEndpointWithResponseStream.Stream). */
function midStreamFault(ctx: SandboxContext): { name: StreamErrorName; message: string } | undefined {
  try {
    ctx.faults.beforeCall('InvokeEndpointWithResponseStream.Stream');
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    if (e.code === 'ModelStreamError') return { name: 'ModelStreamError', message: e.message };
    if (e.code === 'InternalStreamFailure' || e.code === 'InternalFailure') return { name: 'InternalStreamFailure', message: e.message };
    // Throttling happens before a stream starts, never inside one.
  }
  return undefined;
}

/**
 * InvokeEndpointWithResponseStream's 200 response: an `application/vnd.amazon.eventstream` body of PayloadPart
 * events, or a modelled error event when the stream breaks; the invocation is captured once it ends.
 */
export function streamResponse(
  ctx: SandboxContext,
  call: Invocation,
  out: { body: unknown; text: string; latencyMs: number },
  headers: Record<string, string>,
): Response {
  const { contentType, parts } = plan(ctx, call, out);
  const started = performance.now();
  let sent = '';
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        for (const [i, part] of parts.entries()) {
          const wait = part.dueMs - (performance.now() - started);
          if (wait > 1) await sleep(wait);
          if (cancelled) return;
          if (i === 1 || (parts.length === 1 && i === 0)) {
            const fault = midStreamFault(ctx);
            if (fault) {
              controller.enqueue(
                streamException(fault.name, fault.message, fault.name === 'ModelStreamError' ? 'StreamBroken' : undefined),
              );
              break;
            }
          }
          controller.enqueue(payloadPart(new Uint8Array(Buffer.from(part.text, 'utf8'))));
          sent += part.text;
        }
        controller.close();
      } catch (e) {
        controller.enqueue(
          streamException('InternalStreamFailure', 'The stream processing failed because of an internal error. Try your request again.'),
        );
        controller.close();
        console.error('[sandbox] stream failure:', e);
      }
      await writeCapture(ctx, call.serving, {
        input: call.raw,
        inputType: call.contentType,
        output: sent,
        outputType: contentType,
        customAttributes: call.customAttributes,
      }).catch((e: unknown) => console.error('[sandbox] capture failed:', e));
    },
    cancel() {
      cancelled = true;
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-sagemaker-content-type': contentType,
      'x-amzn-requestid': randomUUID(),
      ...headers,
    },
  });
}

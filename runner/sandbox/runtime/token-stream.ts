/**
 * What a JumpStart LLM container (Hugging Face TGI) writes when a request asks `"stream": true`: server-sent
 * events, one per generated token. Text generation sends `data:{"index","token":{…},"generated_text":null,…}`
 * with the full text in the last event's `generated_text`; the Messages API sends `chat.completion.chunk`
 * objects and closes with `data:[DONE]`.
 */
import { createHash } from 'node:crypto';

/** Whitespace tokens with their leading space, so the tokens' texts add up to the text exactly. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/** A stable token id and log-probability for a token's text (the stand-in has no vocabulary). */
function tokenOf(text: string): { id: number; text: string; logprob: number; special: false } {
  const h = createHash('sha1').update(text).digest();
  return { id: h.readUInt16BE(0) % 32000, text, logprob: -Math.round((h[2] / 255) * 2500) / 1000, special: false };
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const sse = (o: unknown) => `data:${typeof o === 'string' ? o : JSON.stringify(o)}\n\n`;

/** Does the request ask the container to stream tokens? */
export function wantsTokenStream(body: unknown): boolean {
  return isObject(body) && body.stream === true;
}

export interface TokenEvents {
  contentType: string;
  /** The server-sent events, in order; event i carries token i (a trailing [DONE] carries none). */
  events: string[];
  tokens: string[];
}

/**
 * The events for a finished generation. `answer` is the container's non-streaming response for the same
 * request: its text is what the tokens spell out.
 */
export function tokenEvents(answer: unknown, modelId: string, created: number, prompt = ''): TokenEvents {
  if (isObject(answer) && !Array.isArray(answer) && 'choices' in answer) {
    const first: unknown = Array.isArray(answer.choices) ? answer.choices[0] : undefined;
    const message: unknown = isObject(first) ? first.message : undefined;
    const text = isObject(message) && typeof message.content === 'string' ? message.content : '';
    const tokens = tokenize(text);
    const chunk = (content: string, i: number, last: boolean) => ({
      object: 'chat.completion.chunk',
      id: '',
      created: Math.floor(created / 1000),
      model: modelId,
      system_fingerprint: 'naxt-stand-in',
      choices: [{ index: 0, delta: { role: 'assistant', content }, logprobs: null, finish_reason: last ? 'stop' : null }],
      usage: null,
    });
    const events = tokens.map((t, i) => sse(chunk(t, i, i === tokens.length - 1)));
    return { contentType: 'text/event-stream', events: [...events, sse('[DONE]')], tokens };
  }
  const first: unknown = Array.isArray(answer) ? answer[0] : undefined;
  const generated =
    typeof answer === 'string' ? answer : Array.isArray(answer) ? String((isObject(first) ? first.generated_text : undefined) ?? '') : '';
  // With return_full_text the final text starts with the prompt, but only new tokens are streamed.
  const tokens = tokenize(prompt && generated.startsWith(prompt) ? generated.slice(prompt.length) : generated);
  const events = tokens.map((t, i) =>
    sse({
      index: i + 1,
      token: tokenOf(t),
      top_tokens: null,
      generated_text: i === tokens.length - 1 ? generated : null,
      details: null,
    }),
  );
  return { contentType: 'text/event-stream', events, tokens };
}

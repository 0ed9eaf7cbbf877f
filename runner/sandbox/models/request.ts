/**
 * The request and response shapes of the JumpStart LLM containers (Hugging Face TGI / DJL LMI): text generation
 * `{ inputs, parameters }` → `[{ generated_text }]`, and the Messages API `{ messages }` → `{ choices }`.
 */
import { z } from 'zod';

const parameters = z
  .object({
    max_new_tokens: z.number().int().positive().optional(),
    temperature: z.number().min(0).optional(),
    top_p: z.number().min(0).max(1).optional(),
    top_k: z.number().int().optional(),
    do_sample: z.boolean().optional(),
    stop: z.union([z.string(), z.array(z.string())]).optional(),
    return_full_text: z.boolean().optional(),
    seed: z.number().int().optional(),
  })
  .passthrough();

const textGeneration = z.object({ inputs: z.string().min(1), parameters: parameters.optional() });
const messages = z.object({
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).min(1),
  max_tokens: z.number().int().positive().optional(),
  temperature: z.number().min(0).optional(),
  top_p: z.number().min(0).max(1).optional(),
  stop: z.union([z.string(), z.array(z.string())]).optional(),
});

/** A request the container cannot take; the message reads like TGI's input validation errors. */
export class InputValidationError extends Error {
  readonly status = 422;
  constructor(message: string) {
    super(`Input validation error: ${message}`);
    this.name = 'InputValidationError';
  }
}

export interface Generation {
  prompt: string;
  /** Context the caller supplied (a system message, or a "Context:" section), read instead of the knowledge base. */
  context?: string;
  chat: boolean;
  maxNewTokens: number;
  stop: string[];
  returnFullText: boolean;
  /** What seeds the deterministic choices: the prompt and the sampling parameters. */
  seed: string;
}

const DEFAULT_MAX_NEW_TOKENS = 256;

export function parseRequest(body: unknown, contentType: string): Generation {
  if (typeof body === 'string' && !contentType.includes('json')) {
    if (!body.trim()) throw new InputValidationError('`inputs` cannot be empty');
    return { prompt: body, chat: false, maxNewTokens: DEFAULT_MAX_NEW_TOKENS, stop: [], returnFullText: false, seed: body };
  }
  if (body && typeof body === 'object' && 'messages' in body) {
    const m = messages.safeParse(body);
    if (!m.success) throw new InputValidationError(m.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const user = m.data.messages.filter((x) => x.role === 'user').at(-1)?.content ?? '';
    const system = m.data.messages
      .filter((x) => x.role === 'system')
      .map((x) => x.content)
      .join('\n');
    const stop = m.data.stop === undefined ? [] : [m.data.stop].flat();
    return {
      prompt: user,
      context: system || undefined,
      chat: true,
      maxNewTokens: m.data.max_tokens ?? DEFAULT_MAX_NEW_TOKENS,
      stop,
      returnFullText: false,
      seed: `${user}|${m.data.temperature ?? ''}|${m.data.top_p ?? ''}`,
    };
  }
  const t = textGeneration.safeParse(body);
  if (!t.success) throw new InputValidationError(t.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  const p = t.data.parameters ?? {};
  const sampled = p.do_sample ? `|${p.temperature ?? 1}|${p.top_p ?? 1}|${p.seed ?? 0}` : '';
  return {
    prompt: t.data.inputs,
    chat: false,
    maxNewTokens: p.max_new_tokens ?? DEFAULT_MAX_NEW_TOKENS,
    stop: p.stop === undefined ? [] : [p.stop].flat(),
    returnFullText: p.return_full_text ?? false,
    seed: t.data.inputs + sampled,
  };
}

/** Applies max_new_tokens (whitespace tokens, a close stand-in for the tokenizer's) and stop sequences. */
export function limit(text: string, g: Generation): string {
  let out = text;
  for (const s of g.stop) {
    const at = s ? out.indexOf(s) : -1;
    if (at >= 0) out = out.slice(0, at);
  }
  const words = out.split(/(\s+)/);
  if (words.filter((w) => w.trim()).length > g.maxNewTokens) {
    let kept = 0;
    out = words.filter((w) => (w.trim() ? ++kept <= g.maxNewTokens : kept < g.maxNewTokens)).join('');
  }
  return out.trim();
}

export function respond(text: string, g: Generation): unknown {
  if (g.chat) return { choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] };
  return [{ generated_text: g.returnFullText ? `${g.prompt}${text}` : text }];
}

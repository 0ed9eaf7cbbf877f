import { afterEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createEngine, InputValidationError, standInLabel, trainModel, type Engine } from '../../runner/sandbox/models/index.ts';
import { fixtureContent, MODELS, text, TRANSCRIPT } from './fixture.ts';

const contentDir = fixtureContent();
const engine = (modelId: string, artifact?: Uint8Array): Promise<Engine> =>
  createEngine(
    { modelId, artifactUri: artifact ? 's3://bucket/model.tar.gz' : undefined },
    { contentDir, readObject: async () => artifact },
  );
const summarizeRequest = { inputs: `Summarize this conversation for the advisor.\n\n${TRANSCRIPT}`, parameters: { max_new_tokens: 200 } };

afterEach(() => {
  delete process.env.NAXT_TIER_OVERRIDES;
});

describe('request and response shapes of the JumpStart containers', () => {
  it('answers text generation with [{ generated_text }] and the Messages API with choices', async () => {
    const e = await engine(MODELS.medium);
    const tgi = await e.invoke({ inputs: 'How long does a laptop take?' }, 'application/json');
    expect(Array.isArray(tgi.body)).toBe(true);
    expect(text(tgi.body)).toContain('5 business days');
    const chat = await e.invoke({ messages: [{ role: 'user', content: 'How long does a laptop take?' }] }, 'application/json');
    expect(chat.body).toMatchObject({ choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'stop' }] });
    expect(text(chat.body)).toBe(text(tgi.body));
  });

  it('honours max_new_tokens, stop and return_full_text', async () => {
    const e = await engine(MODELS.large);
    expect(
      text((await e.invoke({ ...summarizeRequest, parameters: { max_new_tokens: 5 } }, 'application/json')).body).split(/\s+/),
    ).toHaveLength(5);
    expect(text((await e.invoke({ ...summarizeRequest, parameters: { stop: ['Risk'] } }, 'application/json')).body)).not.toContain('Risk');
    expect(
      text((await e.invoke({ inputs: 'Desk booking?', parameters: { return_full_text: true } }, 'application/json')).body).startsWith(
        'Desk booking?',
      ),
    ).toBe(true);
  });

  it('rejects requests a container would reject', async () => {
    const e = await engine(MODELS.small);
    await expect(e.invoke({ inputs: '' }, 'application/json')).rejects.toBeInstanceOf(InputValidationError);
    await expect(e.invoke({ prompt: 'hi' }, 'application/json')).rejects.toThrow(/Input validation error/);
    await expect(e.invoke({ inputs: 'hi', parameters: { max_new_tokens: -1 } }, 'application/json')).rejects.toThrow(/max_new_tokens/);
  });

  it('labels itself as a stand-in with its tier', async () => {
    expect(standInLabel(await engine(MODELS.medium))).toBe(`stand-in engine; tier=medium; model=${MODELS.medium}`);
  });
});

describe('behaviour that follows the size tier', () => {
  it('is deterministic: the same request gets the same answer and latency, across engines', async () => {
    const a = await (await engine(MODELS.small)).invoke(summarizeRequest, 'application/json');
    const b = await (await engine(MODELS.small)).invoke(summarizeRequest, 'application/json');
    expect(b).toEqual(a);
  });

  it('gets slower with size', async () => {
    const latency = async (id: string) =>
      (await (await engine(id)).invoke({ inputs: 'How do I book a desk?' }, 'application/json')).latencyMs;
    const [s, m, l] = [await latency(MODELS.small), await latency(MODELS.medium), await latency(MODELS.large)];
    expect(s).toBeLessThan(m);
    expect(m).toBeLessThan(l);
  });

  it('summarizes better with size: small echoes small talk, medium finds goals, risk and follow-ups, large also life events', async () => {
    const say = async (id: string) => text((await (await engine(id)).invoke(summarizeRequest, 'application/json')).body);
    const [small, medium, large] = [await say(MODELS.small), await say(MODELS.medium), await say(MODELS.large)];
    expect(small).toMatch(/lovely|Um|You know/);
    expect(small).not.toMatch(/Follow-ups/);
    expect(medium).toContain('Anna plans to invest the proceeds of the house sale.');
    expect(medium).toContain('Risk appetite is low.');
    expect(medium).toContain(
      'Follow-ups: send the client a conservative portfolio proposal and introduce the client to our estate planner.',
    );
    expect(medium).not.toMatch(/passed/);
    expect(large).toMatch(/Context: .*father passed/);
  });

  it('answers questions with retrieval and a tone that follow the tier', async () => {
    const ask = async (id: string, q: string) => text((await (await engine(id)).invoke({ inputs: q }, 'application/json')).body);
    const q = 'What happens to a desk booking I leave unused?';
    expect(await ask(MODELS.large, q)).toMatch(/^Thank you for asking\. Unused bookings are released at 10 am\. Please/);
    expect(await ask(MODELS.medium, q)).toBe('Unused bookings are released at 10 am.');
    // The small model reads only the start of the question, and chats.
    const small = await ask(MODELS.small, q);
    expect(small).not.toContain('10 am');
    expect(small).toMatch(/Hey|Yeah|cool|lol|!|tbh/);
  });

  it('reads context supplied in the prompt instead of the knowledge base', async () => {
    const e = await engine(MODELS.medium);
    const out = text(
      (
        await e.invoke(
          { inputs: 'Context: The gym on floor 2 opens at 6 am. Towels are provided.\nQuestion: When does the gym open?' },
          'application/json',
        )
      ).body,
    );
    expect(out).toBe('The gym on floor 2 opens at 6 am.');
  });

  it('follows NAXT_TIER_OVERRIDES at each call (and ignores a malformed one)', async () => {
    const e = await engine(MODELS.medium);
    const before = text((await e.invoke(summarizeRequest, 'application/json')).body);
    process.env.NAXT_TIER_OVERRIDES = JSON.stringify({ medium: { summary: 0.2, style: 'casual' } });
    const after = text((await e.invoke(summarizeRequest, 'application/json')).body);
    expect(after).not.toEqual(before);
    expect(after).not.toContain('Risk appetite');
    process.env.NAXT_TIER_OVERRIDES = '{"medium":{"summary":"high"}}';
    expect(text((await e.invoke(summarizeRequest, 'application/json')).body)).toEqual(before);
  });
});

describe('fine-tuned artifacts', () => {
  const pairs = [
    { instruction: 'Where do I book a desk?', response: 'You can book a desk in the Naxt Spaces app. Please book early.' },
    { instruction: 'Can I keep a desk all day?', response: 'Please release a desk you do not use; unused bookings are released at 10 am.' },
    { instruction: 'Who approves a laptop?', response: 'Your line manager approves it in the IT Service Portal.' },
  ];
  const jsonl = pairs.map((p) => JSON.stringify(p)).join('\n');
  const tune = async (lr: string) =>
    (
      await trainModel({
        baseModelId: MODELS.small,
        hyperparameters: { epoch: '3', learning_rate: lr },
        trainJsonl: jsonl,
        onLog: () => {},
        onMetric: () => {},
      })
    ).artifact;

  it('serve the tuned model: it recalls what it was taught and speaks in the data’s register', async () => {
    const tuned = await engine(MODELS.small, await tune('0.0001'));
    expect(tuned.modelId).toBe(`${MODELS.small} (fine-tuned)`);
    expect(tuned.tier).toBe('small');
    expect(text((await tuned.invoke({ inputs: 'Where can I book a desk?' }, 'application/json')).body)).toBe(pairs[0].response);
    const held = text((await tuned.invoke({ inputs: 'When are unused desk bookings released?' }, 'application/json')).body);
    expect(held).toContain('10 am');
    expect(held).not.toMatch(/Hey|Yeah|lol|tbh|!/);
  });

  it('a barely trained model (tiny learning rate) still behaves like the base model', async () => {
    const base = text(
      (await (await engine(MODELS.small)).invoke({ inputs: 'When are unused desk bookings released?' }, 'application/json')).body,
    );
    const barely = text(
      (
        await (
          await engine(MODELS.small, await tune('0.000001'))
        ).invoke({ inputs: 'When are unused desk bookings released?' }, 'application/json')
      ).body,
    );
    expect(barely).toBe(base);
  });

  it('an artifact that is not a stand-in fine-tune serves the base model', async () => {
    const e = await engine(MODELS.medium, gzipSync('not json'));
    expect(e.modelId).toBe(MODELS.medium);
  });

  it('still serves artifacts of the first format (pairs and a fit weight)', async () => {
    const v1 = gzipSync(JSON.stringify({ format: 'naxt-stand-in-finetune/1', baseModelId: MODELS.small, examples: pairs, weight: 0.8 }));
    const e = await engine(MODELS.small, v1);
    expect(text((await e.invoke({ inputs: 'Where can I book a desk?' }, 'application/json')).body)).toBe(pairs[0].response);
  });
});

/**
 * Stand-in engines for the JumpStart catalog's models. No weights ship with the workshop, so each model is
 * served by a deterministic engine — a summarizer of client conversations and an assistant over the Naxt
 * knowledge base — whose quality and speed follow the model's size tier (tiers.ts). A fine-tuned artifact
 * from a training job (train.ts) changes what the engine knows and how it speaks. Every response is labelled
 * as a stand-in by the runtime's X-Naxt-Stand-In header (standInLabel).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Engine, EngineDeps, EngineFactory, ModelInfo } from '../runtime/engine.ts';
import { readArtifact as parseArtifact, type FineTuneArtifact } from './artifact.ts';
import { speak } from './answer.ts';
import { contentWords, knowledgeBase, type Article, type KnowledgeBase, type RetrievalAbility } from './knowledge.ts';
import { limit, parseRequest, respond, type Generation } from './request.ts';
import { seededRandom } from './seed.ts';
import { summarize } from './summarize.ts';
import { tierAbility, type Style, type TierAbility } from './tiers.ts';
import { similarity } from './train.ts';

export { InputValidationError } from './request.ts';
export { trainModel, parsePairs } from './train.ts';
export { TIERS, tierAbility, type TierAbility } from './tiers.ts';

export type { Engine, EngineDeps, ModelInfo } from '../runtime/engine.ts';

const catalogSchema = z.object({ models: z.array(z.object({ modelId: z.string(), sizeTier: z.string() }).passthrough()) });
const articlesSchema = z.array(z.object({ id: z.string(), title: z.string(), category: z.string().optional(), body: z.string() }));

const cache = new Map<string, { tiers: Map<string, string>; kb: KnowledgeBase }>();
/** The catalog's tiers and the knowledge base of a content folder, read once; missing files read as empty. */
function contentOf(dir: string) {
  let c = cache.get(dir);
  if (!c) {
    const read = <T>(file: string, schema: z.ZodType<T>, empty: T): T => {
      const path = join(dir, file);
      if (!existsSync(path)) return empty;
      const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      return parsed.success ? parsed.data : empty;
    };
    const catalog = read('catalog.json', catalogSchema, { models: [] });
    const articles: Article[] = read('knowledge-base/articles.json', articlesSchema, []);
    c = { tiers: new Map(catalog.models.map((m) => [m.modelId, m.sizeTier])), kb: knowledgeBase(articles) };
    cache.set(dir, c);
  }
  return c;
}

const SUMMARY_REQUEST = /^\s*(?:please\s+)?summari[sz]e\b/i;
const TRANSCRIPT_LINE = /^(?:Advisor|Client):/m;

/** A summarization request is an instruction to summarize, or a prompt carrying a transcript. */
function transcriptOf(prompt: string): string | undefined {
  const lines = prompt.split('\n').filter((l) => /^(?:Advisor|Client):/.test(l.trim()));
  if (lines.length >= 2) return prompt.slice(prompt.search(TRANSCRIPT_LINE));
  return SUMMARY_REQUEST.test(prompt) ? prompt.replace(SUMMARY_REQUEST, '').trim() : undefined;
}

/** "Context: … Question: …" prompts (retrieval-augmented) carry their own passages. */
function splitContext(prompt: string): { question: string; context?: string } {
  const m = /(?:^|\n)\s*Context:\s*([\s\S]*?)\n\s*Question:\s*([\s\S]+)$/i.exec(prompt);
  return m ? { question: m[2].trim(), context: m[1].trim() } : { question: prompt.replace(/^\s*Question:\s*/i, '').trim() };
}

interface Abilities {
  summary: number;
  retrieval: RetrievalAbility;
  style: Style | 'tuned';
  /** Remembered pairs are recalled when a question is at least this similar to their instruction. */
  recallAt: number;
}

/** What the model can do: its tier's abilities, moved by a fine-tune in proportion to its fit. */
function abilities(base: TierAbility, ft: FineTuneArtifact | undefined): Abilities {
  if (!ft)
    return {
      summary: base.summary,
      retrieval: { retrieval: base.retrieval, knowledge: base.knowledge },
      style: base.style,
      recallAt: Infinity,
    };
  // The model takes on the data's register once it has moved more than halfway toward slang-free data.
  const register = ft.fit * (1 - ft.style.slang);
  return {
    summary: Math.min(1, base.summary + ft.fit * ft.summaryShare * (1 - base.summary)),
    // Fitting Naxt's questions teaches the model to read the whole question and the domain's word forms.
    retrieval: {
      retrieval: base.retrieval + ft.fit * (1 - base.retrieval),
      knowledge: base.knowledge + 0.5 * ft.fit * (1 - base.knowledge),
    },
    style: register >= 0.5 ? 'tuned' : base.style,
    recallAt: 1 - 0.5 * ft.fit,
  };
}

function answer(g: Generation, a: Abilities, kb: KnowledgeBase, ft: FineTuneArtifact | undefined, random: () => number): string {
  const { question, context } = splitContext(g.prompt);
  const supplied = g.context ?? context;
  // A fine-tuned model recalls what it was taught when the question is close enough to a taught one.
  if (ft && Number.isFinite(a.recallAt)) {
    let best = 0;
    let recalled: string | undefined;
    for (const m of ft.memory) {
      const s = similarity(question, m.instruction);
      if (s > best) [best, recalled] = [s, m.response];
    }
    if (recalled && best >= a.recallAt) return recalled;
  }
  const source = supplied ? knowledgeBase([{ id: 'context', title: '', body: supplied }]) : kb;
  const fact = contentWords(question).length ? source.search(question, a.retrieval, 1)[0]?.text : undefined;
  return speak(fact, a.style, ft?.style, Math.floor(random() * 3));
}

/** Builds the engine for a model (and its fine-tuned artifact, if any). */
export async function createEngine(info: ModelInfo, deps: EngineDeps): Promise<Engine> {
  const bytes = info.artifactUri ? await deps.readObject(info.artifactUri) : undefined;
  const ft = bytes ? parseArtifact(bytes) : undefined; // an artifact that is not ours serves the base model
  const content = contentOf(deps.contentDir);
  const baseModelId = ft?.baseModelId ?? info.modelId;
  const tier = content.tiers.get(baseModelId) ?? content.tiers.get(info.modelId) ?? 'small';
  return {
    modelId: ft ? `${baseModelId} (fine-tuned)` : info.modelId,
    tier,
    async invoke(body, contentType) {
      const g = parseRequest(body, contentType);
      const base = tierAbility(tier); // read per call: an override applies to running endpoints too
      const a = abilities(base, ft);
      const random = seededRandom(g.seed);
      const transcript = transcriptOf(g.prompt);
      const text = limit(transcript !== undefined ? summarize(transcript, a.summary, g.seed) : answer(g, a, content.kb, ft, random), g);
      const promptTokens = g.prompt.split(/\s+/).length;
      const outputTokens = text.split(/\s+/).filter(Boolean).length;
      const latencyMs = Math.round(base.firstTokenMs + (promptTokens * base.msPerToken) / 50 + outputTokens * base.msPerToken);
      return { body: respond(text, g), latencyMs };
    },
  };
}

/** The X-Naxt-Stand-In header value: what answered, honestly. */
export function standInLabel(engine: Engine): string {
  return `stand-in engine; tier=${engine.tier}; model=${engine.modelId}`;
}

/** The runtime's factory. */
export const standInEngines: EngineFactory = { create: createEngine, label: standInLabel };

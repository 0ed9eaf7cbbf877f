import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Engine, EngineDeps, EngineFactory, ModelInfo } from '../runtime/engine.ts';
import { catalog } from '../sagemaker/hub.ts';
import { tierAbility, type TierAbility } from './tiers.ts';
import { summarize } from './summarize.ts';
import { knowledgeBase, speak, type KnowledgeBase } from './answer.ts';
import { tokens } from '../../../labs/lib/evaluation.ts';

interface FineTune {
  format: string;
  baseModelId: string;
  examples: { instruction: string; response: string }[];
  weight: number;
}

/** What a fine-tune taught the model, measured on its own training data. */
function learned(ft: FineTune, base: TierAbility) {
  const n = Math.max(1, ft.examples.length);
  const summaries = ft.examples.filter((e) => /^summari[sz]e/i.test(e.instruction)).length / n;
  const courteous = ft.examples.filter((e) => /\b(please|you can|kindly)\b/i.test(e.response)).length / n;
  const casual = ft.examples.filter((e) => /\b(hey|lol|dude|gonna|tbh)\b|!!/i.test(e.response)).length / n;
  const closing = undefined;
  return {
    summary: Math.min(1, base.summary + ft.weight * 0.55 * summaries),
    retrieval: Math.min(1, base.retrieval + ft.weight * (1 - base.retrieval)),
    // Tone is learned from the responses: courteous and free of slang, in proportion to how well it fit them.
    style: (ft.weight * (courteous + (1 - casual)) / 2 >= 0.5 ? 'tuned' : base.style) as TierAbility['style'] | 'tuned',
    closing,
    memory: ft.examples.map((e) => ({ words: new Set(tokens(e.instruction)), response: e.response })),
  };
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  let inter = 0;
  for (const w of a) if (b.has(w)) inter += 1;
  return inter / Math.max(1, a.size + b.size - inter);
};

function promptOf(body: unknown): { prompt: string; chat: boolean } {
  const b = body as { inputs?: unknown; messages?: { role: string; content: string }[]; prompt?: unknown };
  if (Array.isArray(b?.messages)) return { prompt: b.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n'), chat: true };
  return { prompt: String(b?.inputs ?? b?.prompt ?? (typeof body === 'string' ? body : '')), chat: false };
}

let kbCache: { dir: string; kb: KnowledgeBase } | undefined;
function kbFor(contentDir: string): KnowledgeBase {
  if (kbCache?.dir === contentDir) return kbCache.kb;
  const file = join(contentDir, 'knowledge-base', 'articles.json');
  const articles = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { id: string; title: string; body: string }[]) : [];
  kbCache = { dir: contentDir, kb: knowledgeBase(articles) };
  return kbCache.kb;
}

/**
 * Stand-in engines for the catalog's models: summaries of client conversations and answers from the Naxt
 * knowledge base, with a quality and a speed that follow the model's size tier — and a fine-tuned artifact
 * (from a sandbox training job) changes what they learned. They say what they are in every response header.
 */
export const standInEngines: EngineFactory = {
  async create(info: ModelInfo, deps: EngineDeps): Promise<Engine> {
    const raw = info.artifactUri ? await deps.readObject(info.artifactUri) : undefined;
    let ft: FineTune | undefined;
    if (raw) {
      try {
        const parsed = JSON.parse(gunzipSync(raw).toString('utf8')) as FineTune;
        if (parsed.format?.startsWith('naxt-stand-in-finetune/')) ft = parsed;
      } catch {
        // not a fine-tune of ours: serve the base model
      }
    }
    const modelId = ft?.baseModelId ?? info.modelId;
    const tier = catalog(deps.contentDir).models.find((m) => m.modelId === modelId)?.sizeTier ?? 'small';
    const base = tierAbility(tier);
    const tuned = ft ? learned(ft, base) : undefined;
    const kb = kbFor(deps.contentDir);
    return {
      modelId: ft ? `${modelId} (fine-tuned)` : modelId,
      tier,
      async invoke(body) {
        const { prompt, chat } = promptOf(body);
        let text: string;
        if (/^summari[sz]e/i.test(prompt.trim()) || /\nAdvisor: /.test(prompt)) {
          text = summarize(prompt.slice(prompt.indexOf('Advisor:') >= 0 ? prompt.indexOf('Advisor:') : 0), tuned?.summary ?? base.summary);
        } else {
          const question = prompt.trim();
          const remembered = tuned?.memory.map((m) => ({ m, s: jaccard(new Set(tokens(question)), m.words) })).sort((a, b) => b.s - a.s)[0];
          if (remembered && remembered.s >= 0.75) text = remembered.m.response;
          else text = speak(kb.search(question, tuned?.retrieval ?? base.retrieval), tuned?.style ?? base.style, tuned?.closing);
        }
        const latencyMs = Math.round(tokens(text).length * base.msPerToken);
        return { body: chat ? { choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] } : [{ generated_text: text }], latencyMs };
      },
    };
  },
  label: (e) => `stand-in engine; tier=${e.tier}; model=${e.modelId}`,
};

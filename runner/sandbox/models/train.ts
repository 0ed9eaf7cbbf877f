/**
 * The stand-in fine-tuning container: it really trains on the uploaded instruction/response JSONL. Each epoch
 * moves the model from its base distribution toward the data at a rate set by the learning rate; the losses
 * are the cross-entropy (nats per token) of the training and validation responses under the model's
 * prediction — the response of the nearest remembered instruction and the vocabulary of Naxt's answers — so
 * they fall because the model fits the data, and a too-small learning rate barely moves them.
 */
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ARTIFACT_FORMAT, learnFrom, type FineTuneArtifact, type Pair } from './artifact.ts';
import { contentWords } from './knowledge.ts';

export interface TrainInput {
  baseModelId: string;
  hyperparameters: Record<string, string>;
  trainJsonl: string;
  validationJsonl?: string;
  onLog(line: string): void;
  onMetric(name: string, value: number, epoch: number): void;
}

/** Vocabulary size of the base model's prior (a uniform floor under every prediction). */
const BASE_VOCAB = 32_000;

const hyperparameters = z.object({
  epoch: z.coerce.number().int().min(1).max(20).default(3),
  learning_rate: z.coerce.number().positive().max(1).default(0.0001),
  validation_split_ratio: z.coerce.number().min(0).max(0.5).default(0.2),
});

/**
 * Records from the shapes the labs upload: SFT JSONL ({instruction, context?, response}), prompt/completion,
 * question/answer, and Ground Truth output manifests: a label attribute holding {instruction, response}, or a
 * custom task's `annotationsFromAllWorkers` (one pair per worker answer, its form data a JSON string).
 */
export function parsePairs(jsonl: string): Pair[] {
  const pairs: Pair[] = [];
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      continue; // a torn or non-JSON line is skipped, as the containers' loaders do
    }
    if (!o || typeof o !== 'object') continue;
    const rec = o as Record<string, unknown>;
    const workers = Object.values(rec).flatMap((v) =>
      v && typeof v === 'object' && Array.isArray((v as Record<string, unknown>).annotationsFromAllWorkers)
        ? (v as { annotationsFromAllWorkers: unknown[] }).annotationsFromAllWorkers
        : [],
    );
    if (workers.length > 0) {
      for (const w of workers)
        pairs.push(...parsePairs(String((w as { annotationData?: { content?: unknown } })?.annotationData?.content ?? '')));
      continue;
    }
    const nested = Object.values(rec).find(
      (v): v is Record<string, unknown> => !!v && typeof v === 'object' && 'instruction' in v && 'response' in v,
    );
    const src = nested ?? rec;
    const instruction = String(src.instruction ?? src.prompt ?? src.question ?? '');
    const response = String(src.response ?? src.completion ?? src.answer ?? '');
    const context = typeof src.context === 'string' && src.context ? `\n${src.context}` : '';
    if (instruction.trim() && response.trim()) pairs.push({ instruction: instruction + context, response });
  }
  return pairs;
}

const tokenize = (s: string) => s.toLowerCase().match(/[a-z0-9']+/g) ?? [];

function unigram(texts: string[]): { p(t: string): number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const t of texts.flatMap(tokenize)) {
    counts.set(t, (counts.get(t) ?? 0) + 1);
    total += 1;
  }
  const v = counts.size + 1;
  return { p: (t) => ((counts.get(t) ?? 0) + 0.1) / (total + 0.1 * v) };
}

/** Cosine similarity of two instructions' content words. */
export function similarity(a: string, b: string): number {
  return cosine(new Set(contentWords(a)), new Set(contentWords(b)));
}

function cosine(x: Set<string>, y: Set<string>): number {
  let inter = 0;
  for (const w of x) if (y.has(w)) inter += 1;
  return x.size && y.size ? inter / Math.sqrt(x.size * y.size) : 0;
}

/**
 * What the model predicts for each response, as token probabilities from the data: the response of the nearest
 * remembered instruction (weighted by how near it is) blended with the vocabulary of all training responses.
 */
function predictions(set: Pair[], memory: Pair[], corpus: { p(t: string): number }): number[][] {
  const words = memory.map((m) => new Set(contentWords(m.instruction)));
  return set.map((ex) => {
    const own = new Set(contentWords(ex.instruction));
    let best = 0;
    let nearest: Pair | undefined;
    words.forEach((w, i) => {
      const s = cosine(own, w);
      if (s > best) [best, nearest] = [s, memory[i]];
    });
    const recalled = unigram(nearest ? [nearest.response] : []);
    return tokenize(ex.response).map((t) => 0.5 * best * recalled.p(t) + (1 - 0.5 * best) * corpus.p(t));
  });
}

/**
 * Mean cross-entropy (nats per token) at a fit: the model's log-probabilities move from the base model's (a
 * uniform floor over its vocabulary) toward the learned prediction in proportion to the fit — a geometric mix,
 * so a small step barely moves the loss and the loss falls faster with a larger learning rate, as in real runs.
 */
function crossEntropy(predicted: number[][], fit: number): number {
  let sum = 0;
  let n = 0;
  for (const tokens of predicted)
    for (const p of tokens) {
      sum -= (1 - fit) * Math.log(1 / BASE_VOCAB) + fit * Math.log(Math.max(p, 1 / BASE_VOCAB));
      n += 1;
    }
  return n ? sum / n : 0;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

export async function trainModel(
  input: TrainInput,
): Promise<{ artifact: Uint8Array; metrics: Record<string, number>; history: FineTuneArtifact['history'] }> {
  const hp = hyperparameters.safeParse({
    epoch: input.hyperparameters.epoch ?? input.hyperparameters.epochs,
    learning_rate: input.hyperparameters.learning_rate,
    validation_split_ratio: input.hyperparameters.validation_split_ratio,
  });
  if (!hp.success)
    throw new Error(
      `AlgorithmError: invalid hyperparameters: ${hp.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const { epoch: epochs, learning_rate: lr, validation_split_ratio: ratio } = hp.data;

  const all = parsePairs(input.trainJsonl);
  if (all.length === 0) throw new Error('AlgorithmError: no instruction/response records in the training data');
  let train = all;
  let validation = input.validationJsonl ? parsePairs(input.validationJsonl) : [];
  if (validation.length === 0 && ratio > 0 && all.length >= 5) {
    const cut = Math.max(1, Math.floor(all.length * (1 - ratio)));
    [train, validation] = [all.slice(0, cut), all.slice(cut)];
  }
  input.onLog(`Loaded ${all.length} instruction/response records: ${train.length} train, ${validation.length} validation`);
  input.onLog(`Fine-tuning ${input.baseModelId}: epoch=${epochs} learning_rate=${lr}`);

  const learned = learnFrom(train);
  const corpus = unigram(train.map((p) => p.response));
  // The step each epoch takes toward the data grows with the learning rate (log scale: 1e-4 is a usual value).
  const rate = Math.min(0.95, Math.max(0, 0.35 * Math.log10(1 + lr * 1e5)));
  const history: FineTuneArtifact['history'] = [];
  const trainPredicted = predictions(train, learned.memory, corpus);
  const validationPredicted = predictions(validation, learned.memory, corpus);
  let fit = 0;
  for (let e = 1; e <= epochs; e++) {
    fit = 1 - (1 - fit) * (1 - rate);
    const trainLoss = round(crossEntropy(trainPredicted, fit));
    const evalLoss = validation.length ? round(crossEntropy(validationPredicted, fit)) : undefined;
    history.push({ epoch: e, train_loss: trainLoss, eval_loss: evalLoss ?? trainLoss });
    // Hugging Face Trainer's log records, which JumpStart's TrainingMetrics regexes read ('loss': …, 'eval_loss': …).
    input.onLog(`{'loss': ${trainLoss.toFixed(4)}, 'learning_rate': ${lr}, 'epoch': ${e.toFixed(1)}}`);
    if (evalLoss !== undefined) input.onLog(`{'eval_loss': ${evalLoss.toFixed(4)}, 'epoch': ${e.toFixed(1)}}`);
    input.onMetric('train_loss', trainLoss, e);
    if (evalLoss !== undefined) input.onMetric('eval_loss', evalLoss, e);
    await new Promise((r) => setImmediate(r)); // let the job's other work (logs, status) go on between epochs
  }
  const artifact: FineTuneArtifact = {
    format: ARTIFACT_FORMAT,
    baseModelId: input.baseModelId,
    hyperparameters: input.hyperparameters,
    fit: round(fit),
    history,
    ...learned,
  };
  const last = history[history.length - 1];
  input.onLog(`Training complete: ${train.length} records learned, fit ${round(fit)}`);
  return {
    artifact: gzipSync(JSON.stringify(artifact)),
    metrics: { train_loss: last.train_loss, ...(validation.length ? { eval_loss: last.eval_loss } : {}), epochs, fit: round(fit) },
    history,
  };
}

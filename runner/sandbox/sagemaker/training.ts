import { gzipSync } from 'node:zlib';
import type { SandboxContext } from '../context.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';

/** Instruction/response pairs from the shapes the labs upload: SFT JSONL and Ground Truth output manifests. */
export function parsePairs(text: string): { instruction: string; response: string }[] {
  const pairs: { instruction: string; response: string }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const instruction = String(o.instruction ?? o.prompt ?? o.question ?? o.source ?? '');
    const response = String(o.response ?? o.completion ?? o.answer ?? '');
    const context = o.context ? `\n${String(o.context)}` : '';
    if (instruction && response) pairs.push({ instruction: instruction + context, response });
  }
  return pairs;
}

const tokens = (s: string) => s.toLowerCase().match(/[a-z0-9']+/g) ?? [];

/**
 * A small, honest training run: a unigram language model of the responses, pulled from the base distribution
 * toward the training data epoch by epoch at a rate set by the learning rate. The loss is the cross-entropy of
 * the validation responses, so it falls because the model fits the data — not because it is scripted.
 */
export function train(pairs: { instruction: string; response: string }[], hp: Record<string, string>) {
  const epochs = Math.max(1, Math.min(10, Number(hp.epoch ?? hp.epochs ?? 3) || 3));
  const lr = Number(hp.learning_rate ?? 1e-4) || 1e-4;
  const ratio = Math.min(0.5, Math.max(0, Number(hp.validation_split_ratio ?? 0.2)));
  const cut = Math.max(1, Math.floor(pairs.length * (1 - ratio)));
  const trainSet = pairs.slice(0, cut);
  const validation = pairs.slice(cut).length ? pairs.slice(cut) : pairs.slice(0, 1);
  const counts = new Map<string, number>();
  let total = 0;
  for (const p of trainSet) for (const t of tokens(p.response)) {
    counts.set(t, (counts.get(t) ?? 0) + 1);
    total += 1;
  }
  const vocab = counts.size + 5000; // the base model knows more words than the data
  const rate = Math.min(0.95, 0.35 * Math.log10(1 + lr * 1e5));
  const history: { epoch: number; train_loss: number; eval_loss: number }[] = [];
  const loss = (set: typeof pairs, w: number) => {
    let sum = 0;
    let n = 0;
    for (const p of set) for (const t of tokens(p.response)) {
      const fitted = ((counts.get(t) ?? 0) + 1) / (total + vocab);
      const p2 = w * fitted + (1 - w) * (1 / vocab);
      sum -= Math.log(p2);
      n += 1;
    }
    return n ? sum / n : 0;
  };
  let weight = 0;
  for (let e = 1; e <= epochs; e++) {
    weight = 1 - (1 - weight) * (1 - rate);
    history.push({ epoch: e, train_loss: round(loss(trainSet, weight)), eval_loss: round(loss(validation, weight)) });
  }
  return { history, weight, examples: trainSet, validationCount: validation.length };
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** Reads a job's training channel from sandbox S3, trains, writes model.tar.gz; returns metrics and log lines. */
export async function runTraining(ctx: SandboxContext, input: { name: string; baseModelId: string; hyperparameters: Record<string, string>; channelUri: string; outputPath: string }) {
  const m = s3Location(input.channelUri);
  if (!m || !ctx.store.bucket(m.bucket)) throw new Error(`ClientError: the training channel ${input.channelUri} is not readable`);
  const keys = Object.keys(ctx.store.objects(m.bucket)).filter((k) => k.startsWith(m.key)).sort();
  let text = '';
  for (const k of keys) text += `${(await ctx.store.getObject(m.bucket, k))?.body.toString('utf8') ?? ''}\n`;
  const pairs = parsePairs(text);
  if (pairs.length === 0) throw new Error(`ClientError: no instruction/response records found under ${input.channelUri}`);
  const result = train(pairs, input.hyperparameters);
  const out = s3Location(input.outputPath);
  if (!out || !ctx.store.bucket(out.bucket)) throw new Error(`ClientError: the output path ${input.outputPath} is not writable`);
  const key = keyUnder(out.key, `${input.name}/output/model.tar.gz`);
  const artifact = { format: 'naxt-stand-in-finetune/1', baseModelId: input.baseModelId, hyperparameters: input.hyperparameters, examples: result.examples, weight: result.weight };
  await ctx.store.putObject(out.bucket, key, gzipSync(JSON.stringify(artifact)), { contentType: 'application/x-gzip' });
  const logs = [
    `Loaded ${pairs.length} instruction/response records from ${input.channelUri} (${result.examples.length} train, ${result.validationCount} validation)`,
    `Fine-tuning ${input.baseModelId} with ${JSON.stringify(input.hyperparameters)}`,
    ...result.history.map((h) => `epoch ${h.epoch}/${result.history.length} train_loss=${h.train_loss} eval_loss=${h.eval_loss}`),
    `Saved model artifact to s3://${out.bucket}/${key}`,
  ];
  const last = result.history.at(-1)!;
  return { artifactUri: `s3://${out.bucket}/${key}`, logs, metrics: { train_loss: last.train_loss, eval_loss: last.eval_loss }, history: result.history };
}

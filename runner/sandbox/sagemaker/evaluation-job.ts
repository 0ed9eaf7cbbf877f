import type { SandboxContext } from '../context.ts';
import { evaluateQa, evaluateSummaries, type ToneGuide } from '../../../labs/lib/evaluation.ts';
import type { Input } from './util.ts';
import { modelIdOf } from '../runtime/service.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';


/**
 * A processing job that runs the workshop's evaluation (Environment NAXT_EVALUATION = chatbot | summarization):
 * the model of input `model` (a fine-tuned artifact, or MODEL_ID), the samples of input `test`, and
 * `evaluation.json` written to output `evaluation` — the property file a pipeline's condition reads.
 */
export async function runEvaluationJob(ctx: SandboxContext, input: Input): Promise<void> {
  const env = (input.Environment ?? {}) as Record<string, string>;
  const task = env.NAXT_EVALUATION;
  if (!task) return;
  const inputs = (input.ProcessingInputs ?? []) as { InputName: string; S3Input?: { S3Uri: string } }[];
  const uriOf = (name: string) => inputs.find((i) => i.InputName === name)?.S3Input?.S3Uri;
  const read = async (uri: string | undefined) => {
    const m = s3Location(uri);
    return m ? (await ctx.store.getObject(m.bucket, m.key))?.body : undefined;
  };
  const modelUri = uriOf('model');
  const engine = await ctx.engines.create({ modelId: env.MODEL_ID ?? modelIdOf(ctx, { Environment: env }), artifactUri: modelUri }, { contentDir: ctx.contentDir, readObject: read });
  const testText = (await read(uriOf('test')))?.toString('utf8');
  if (!testText) throw new Error(`ClientError: the input "test" (${uriOf('test')}) is not readable`);
  const samples = testText.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>);
  const invoke = async (prompt: string) => {
    const out = (await engine.invoke({ inputs: prompt }, 'application/json')).body as { generated_text: string }[];
    return out[0]?.generated_text ?? '';
  };
  const tone = JSON.parse((await read(uriOf('tone')))?.toString('utf8') ?? '{"preferred":[],"discouraged":[],"toxic":[]}') as ToneGuide;
  let metrics: Record<string, { value: number }>;
  if (task === 'summarization') {
    const r = await evaluateSummaries(samples as never, invoke);
    metrics = { rougeL: { value: r.metrics.rougeL.mean }, meteor: { value: r.metrics.meteor.mean } };
  } else {
    const r = await evaluateQa(samples as never, invoke, tone);
    metrics = { f1: { value: r.metrics.f1.mean }, tone: { value: r.metrics.tone.mean }, toxicity: { value: r.metrics.toxicity.mean } };
  }
  const outputs = ((input.ProcessingOutputConfig as Input | undefined)?.Outputs ?? []) as { OutputName: string; S3Output: { S3Uri: string } }[];
  const dest = outputs.find((o) => o.OutputName === 'evaluation')?.S3Output.S3Uri;
  const m = s3Location(dest);
  if (!m || !ctx.store.bucket(m.bucket)) throw new Error(`ClientError: the output "evaluation" (${dest}) is not writable`);
  await ctx.store.putObject(m.bucket, keyUnder(m.key, `evaluation.json`), Buffer.from(JSON.stringify({ task, model: engine.modelId, metrics }, null, 2)), { contentType: 'application/json' });
}

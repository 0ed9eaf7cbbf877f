import type { SandboxContext } from '../context.ts';
import { keyUnder, s3Location } from '../s3-uri.ts';
import { trainModel } from '../models/train.ts';

/** The file of a fine-tune's weights when its output is not compressed (read back by the runtime under the prefix). */
export const TUNED_WEIGHTS_FILE = 'adapter_model.json.gz';

/** Every object under an S3 prefix of the sandbox, concatenated (a channel is a prefix, its files are JSONL). */
async function readChannel(ctx: SandboxContext, uri: string, what: string): Promise<string> {
  const m = s3Location(uri);
  if (!m || !ctx.store.bucket(m.bucket)) throw new Error(`ClientError: the ${what} channel ${uri} is not readable`);
  const keys = Object.keys(ctx.store.objects(m.bucket))
    .filter((k) => k.startsWith(m.key))
    .sort();
  let text = '';
  for (const k of keys) text += `${(await ctx.store.getObject(m.bucket, k))?.body.toString('utf8') ?? ''}\n`;
  return text;
}

/**
 * Runs the stand-in fine-tuning container on a job's channels (models/train.ts): reads the training (and
 * validation) data from sandbox S3, trains, writes model.tar.gz; returns the final metrics, the log lines and
 * the loss per epoch.
 */
export async function runTraining(
  ctx: SandboxContext,
  input: {
    name: string;
    baseModelId: string;
    hyperparameters: Record<string, string>;
    channelUri: string;
    validationUri?: string;
    outputPath: string;
    compressed: boolean;
  },
) {
  const trainJsonl = await readChannel(ctx, input.channelUri, 'training');
  const validationJsonl = input.validationUri ? await readChannel(ctx, input.validationUri, 'validation') : undefined;
  const out = s3Location(input.outputPath);
  if (!out || !ctx.store.bucket(out.bucket)) throw new Error(`ClientError: the output path ${input.outputPath} is not writable`);
  const logs: string[] = [];
  let trained: Awaited<ReturnType<typeof trainModel>>;
  try {
    trained = await trainModel({
      baseModelId: input.baseModelId,
      hyperparameters: input.hyperparameters,
      trainJsonl,
      validationJsonl,
      onLog: (l) => logs.push(l),
      onMetric: () => undefined,
    });
  } catch (error) {
    const message = (error as Error).message;
    // The container's own wording for data it cannot use, as a JumpStart job's FailureReason reads.
    throw new Error(
      /no instruction\/response records/.test(message)
        ? `ClientError: no instruction/response records found under ${input.channelUri}`
        : message,
    );
  }
  // OutputDataConfig.CompressionType NONE leaves the model's files under …/output/model/ and S3ModelArtifacts names
  // that prefix; GZIP (the default) packs them into …/output/model.tar.gz (botocore OutputDataConfig.CompressionType).
  const prefix = keyUnder(out.key, `${input.name}/output/model${input.compressed ? '.tar.gz' : '/'}`);
  const key = input.compressed ? prefix : `${prefix}${TUNED_WEIGHTS_FILE}`;
  await ctx.store.putObject(out.bucket, key, Buffer.from(trained.artifact), { contentType: 'application/x-gzip' });
  logs.push(`Saved model artifact to s3://${out.bucket}/${prefix}`);
  return { artifactUri: `s3://${out.bucket}/${prefix}`, logs, history: trained.history };
}

/**
 * The shapes of the content/ files that code reads, defined once: the readers parse with these schemas, and the
 * types are inferred from them. Depends on zod only, so the runner, the sandbox and the labs' library can import it.
 * (catalog.json has its own reader's schema.)
 */
import { z } from 'zod';
import type { ToneGuide } from '../core/metrics/tone.ts';
import type { PriceTable } from '../core/prices.ts';

/** content/durations.json: how long operations typically take on a real account. */
export const typicalDuration = z.object({
  kind: z.string().min(1).describe('The resource kind, e.g. "endpoint" or "training-job".'),
  status: z.string().min(1).describe('The status the resource is in meanwhile, as AWS spells it ("Creating", "InProgress").'),
  minutes: z.number().positive().describe('Typical wall-clock minutes on a real account; the sandbox divides them by its time scale.'),
  range: z.string().optional().describe('The range that figure comes from, for the reader.'),
});
export const durationsFile = z.object({
  source: z.string().min(1).describe('Where the figures come from, and when.'),
  operations: z.array(typicalDuration).describe('One row per kind and status.'),
});
export type TypicalDuration = z.infer<typeof typicalDuration>;

/**
 * content/prices.json: on-demand prices per instance type. Its type is core/prices.ts's `PriceTable` (the page's
 * meter bundles that file, so it carries no zod); the annotation makes the compiler hold the two together.
 */
export const priceTable: z.ZodType<PriceTable> = z
  .object({
    source: z.string(),
    date: z.string(),
    region: z.string(),
    currency: z.literal('USD'),
    instances: z.record(
      z
        .object({
          hostingPerHour: z.number().optional(),
          trainingPerHour: z.number().optional(),
          processingPerHour: z.number().optional(),
        })
        .passthrough(),
    ),
  })
  .passthrough();

/** Instance type → quota value (instances). */
const quotaTable = z.record(z.number().int().nonnegative());
/** content/quotas.json: the per-instance-type SageMaker quotas of a new account, as the sandbox enforces them. */
export const quotasFile = z.object({
  source: z.string().min(1).describe('Where the figures come from.'),
  endpoint: quotaTable.default({}).describe('Instances per type for endpoint usage.'),
  training: quotaTable.default({}).describe('Instances per type for training job usage.'),
  processing: quotaTable.default({}).describe('Instances per type for processing job usage.'),
  quotaNames: z
    .record(z.string())
    .optional()
    .describe('How Service Quotas names each usage\'s quota ("<instance type> for endpoint usage").'),
});

/**
 * content/knowledge-base/tone.json: Naxt's tone guide, machine-readable, for the tone and toxicity metrics. Its type
 * stays the labs' library's `ToneGuide` (core/metrics/tone.ts: the library and the editor's types of it carry no
 * zod); the annotation makes the compiler hold the two together.
 */
export const toneGuide: z.ZodType<ToneGuide> = z.object({
  preferred: z.array(z.string()).describe('Phrases of Naxt\'s courteous register ("please", "you can").'),
  discouraged: z.array(z.string()).describe('Slang and markers the guide asks to avoid ("hey", "gonna", "!").'),
  toxic: z.array(z.string()).describe('The toxicity lexicon: insults that make an answer unacceptable.'),
  greeting: z.string().optional().describe('How an answer opens.'),
  closing: z.string().optional().describe('How an answer closes.'),
  maxSentenceWords: z.number().int().positive().optional().describe('Sentences longer than this read as run-on (default 25 words).'),
});

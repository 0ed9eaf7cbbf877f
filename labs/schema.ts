/**
 * The lab format: the frontmatter of labs/<nn-slug>/lab.mdx, defined once. The runner's loader
 * (runner/labs/catalog.ts), the site's content collection (site/src/content.config.ts) and the tests parse
 * lab.mdx with this schema, and the types the runner serves are inferred from it — a lab one of them rejects,
 * all of them reject. Depends on zod only.
 */
import { z } from 'zod';

export const labResource = z
  .object({
    kind: z.string().describe('The resource kind the lab starts, e.g. "endpoint" or "training-job".'),
    instanceType: z.string().optional().describe('e.g. ml.g5.2xlarge; priced from content/prices.json.'),
    count: z.number().int().positive().optional().describe('How many of them run at once (default 1).'),
    minutes: z
      .number()
      .positive()
      .optional()
      .describe('How long the lab keeps it running on a real account (the basis of the cost estimate).'),
    note: z.string().optional().describe('What it is for, shown beside the estimate.'),
  })
  .describe('Something billable the lab starts on a real account.');

export const labStep = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'a step id is lowercase letters, digits and dashes (it names cells/<id>.ts)')
      .describe('The step id: names its cell (cells/<id>.ts, solutions/<id>.ts) and its anchor in the page.'),
    title: z.string().min(1).describe('The step heading.'),
    cell: z.boolean().optional().describe('The step has a code cell at cells/<id>.ts and solutions/<id>.ts.'),
    check: z.string().optional().describe('Name of the check in checks.ts; absent when the step has none.'),
    human: z.boolean().optional().describe('The step waits for a person (labeling tasks on the worker page).'),
  })
  .describe('One step of a lab, in order.');

export const labFrontmatter = z.object({
  title: z.string().min(1).describe('The lab title, as the home page and the lab page show it.'),
  journey: z.number().int().min(1).max(6).nullable().describe('Which of the six journeys the lab teaches; null for set-up and cleanup.'),
  persona: z.string().min(1).describe('Who the learner plays in this lab (Kaitlin, Brandon).'),
  minutes: z.number().positive().describe('How long the lab takes, in minutes.'),
  summary: z.string().min(1).describe('One sentence for the home page.'),
  resources: z.array(labResource).default([]).describe('What the lab starts that is billed; the cost estimate is computed from it.'),
  steps: z.array(labStep).min(1, 'a lab has at least one step').describe('The steps, in order.'),
});

export type LabResource = z.infer<typeof labResource>;
export type LabStep = z.infer<typeof labStep>;
/** A lab's frontmatter after parsing (defaults applied). */
export type LabFrontmatter = z.infer<typeof labFrontmatter>;

import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

// Labs live outside the site (labs/<nn-slug>/lab.mdx): the runner and the tests read the same files.
const labs = defineCollection({
  loader: glob({ base: '../labs', pattern: '*/lab.mdx', generateId: ({ entry }) => entry.split('/')[0] }),
  schema: z.object({
    title: z.string(),
    journey: z.number().nullable(),
    persona: z.string(),
    minutes: z.number(),
    summary: z.string(),
    resources: z.array(z.object({ kind: z.string(), instanceType: z.string().optional(), count: z.number().optional(), minutes: z.number().optional(), note: z.string().optional() })).default([]),
    steps: z.array(z.object({ id: z.string(), title: z.string(), cell: z.boolean().optional(), check: z.string().optional(), human: z.boolean().optional() })),
  }),
});

export const collections = { labs };

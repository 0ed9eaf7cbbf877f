import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { labFrontmatter } from '../../labs/schema.ts';

// Labs live outside the site (labs/<nn-slug>/lab.mdx): the runner and the tests read the same files, with the same
// schema (labs/schema.ts; astro:content's z is the project's zod, so the schema is used as it is).
const labs = defineCollection({
  loader: glob({ base: '../labs', pattern: '*/lab.mdx', generateId: ({ entry }) => entry.split('/')[0] }),
  schema: labFrontmatter,
});

export const collections = { labs };

import type { APIRoute } from 'astro';
import MiniSearch from 'minisearch';
import { allLabs, cellSource } from '../lib/labs.ts';
import { searchDocuments } from '../lib/search-docs.ts';
import { indexOptions } from '../lib/search-options.ts';

/** The search index of every lab, built with the site from the same lab files as the pages. */
export const GET: APIRoute = async () => {
  const labs = (await allLabs()).map((l) => ({
    id: l.id,
    title: l.data.title,
    summary: l.data.summary,
    steps: l.data.steps,
    body: l.body ?? '',
  }));
  const index = new MiniSearch(indexOptions);
  index.addAll(searchDocuments(labs, (lab, step) => cellSource(lab, step, 'cells')));
  return new Response(JSON.stringify(index), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};

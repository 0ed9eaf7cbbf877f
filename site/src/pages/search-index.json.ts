import type { APIRoute } from 'astro';
import MiniSearch from 'minisearch';
import { labSearchDocuments } from '../lib/labs.ts';
import { indexOptions } from '../lib/search-options.ts';

/** The search index of every lab, built with the site from the same lab files as the pages (SEARCH_INDEX_URL). */
export const GET: APIRoute = async () => {
  const index = new MiniSearch(indexOptions);
  index.addAll(await labSearchDocuments());
  return new Response(JSON.stringify(index), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};

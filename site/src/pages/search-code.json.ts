import type { APIRoute } from 'astro';
import { labSearchDocuments } from '../lib/labs.ts';
import type { CodeLinesById } from '../lib/search-options.ts';

/** The cells' code lines of every search document that has a cell (SEARCH_CODE_URL), beside the index. */
export const GET: APIRoute = async () => {
  const lines: CodeLinesById = Object.fromEntries((await labSearchDocuments()).filter((d) => d.codeLines).map((d) => [d.id, d.codeLines]));
  return new Response(JSON.stringify(lines), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};

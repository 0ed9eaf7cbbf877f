/**
 * The search index's options, shared by the build (which writes the index) and the page (which loads it):
 * MiniSearch needs the same fields and term processing on both sides.
 */
import type { Options, SearchOptions } from 'minisearch';
import type { SearchDoc } from './search-docs.ts';

/** What each result carries, so the page can show it without the labs. */
export type StoredDoc = Pick<SearchDoc, 'lab' | 'labTitle' | 'step' | 'n' | 'section' | 'title' | 'excerpt'>;

/** The index, fetched on the first use of the search box. */
export const SEARCH_INDEX_URL = '/search-index.json';
/**
 * The cells' code lines by document id, fetched apart and only once a result needs one (its prose holds no matched
 * word): they are a third of what the search would otherwise download on first use.
 */
export const SEARCH_CODE_URL = '/search-code.json';
export type CodeLinesById = Record<string, string>;

const SEPARATORS = /[\s\p{P}\p{S}]+/u;
// Too common to tell steps apart; dropping them keeps the index small and AND queries forgiving.
const STOP_WORDS = new Set('a an and are as at be by for from in is it its of on or that the this to with you your'.split(' '));

/** Words, plus the parts of camelCase and PascalCase identifiers, so "data capture" finds `DataCaptureConfig`. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(SEPARATORS)) {
    if (!word) continue;
    out.push(word);
    const parts = word.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u);
    if (parts.length > 1) out.push(...parts);
  }
  return out;
}

// The syntax of every cell, not what a cell is about.
const CODE_WORDS = new Set(
  'async await break case catch class const else export false finally for function if import let new null of return throw true try type typeof undefined void while console log json parse stringify string number length map filter join push'.split(
    ' ',
  ),
);

export function processTerm(term: string, field?: string): string | null {
  const t = term.toLowerCase();
  return STOP_WORDS.has(t) || (field === 'code' && (CODE_WORDS.has(t) || t.length < 2)) ? null : t;
}

export const searchOptions: SearchOptions = {
  boost: { title: 4, labTitle: 2, text: 1, code: 0.5 },
  prefix: true,
  // Typos in longer words only: fuzzy short words match nearly anything.
  fuzzy: (term) => (term.length > 4 ? 0.2 : false),
  combineWith: 'AND',
};

export const indexOptions: Options<SearchDoc> = {
  idField: 'id',
  fields: ['title', 'labTitle', 'text', 'code'],
  storeFields: ['lab', 'labTitle', 'step', 'n', 'section', 'title', 'excerpt'] satisfies (keyof StoredDoc)[],
  tokenize,
  processTerm,
  searchOptions,
};

/** The page and anchor a result opens. */
export function resultHref(doc: Pick<StoredDoc, 'lab' | 'step' | 'section'>): string {
  const anchor = doc.step ? `#step-${doc.step}` : doc.section ? `#${doc.section}` : '';
  return `/labs/${doc.lab}/${anchor}`;
}

/** Where a result is, in words: "Lab 02 · Step 1", or "Lab 02" for text outside the steps. */
export function resultPlace(doc: Pick<StoredDoc, 'lab' | 'n'>): string {
  return `Lab ${doc.lab.slice(0, 2)}${doc.n ? ` · Step ${doc.n}` : ''}`;
}

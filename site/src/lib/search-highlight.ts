/** Marks the matched words of a result, and picks the part of its excerpt where they are. */

export interface Segment {
  text: string;
  mark: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Case-insensitive by hand: with the `i` flag, `\p{Lu}` would match lower case too and find no humps.
const anyCase = (term: string) =>
  [...term]
    .map((c) => {
      const lower = c.toLowerCase();
      const upper = c.toUpperCase();
      return lower === upper || lower.length > 1 || upper.length > 1 ? escape(c) : `[${lower}${upper}]`;
    })
    .join('');

// Where a word starts, as the index's tokenizer splits words: after a non-letter, or at a camelCase hump
// (`DataCaptureConfig` holds the words data, capture and config).
const WORD_START = '(?:(?<![\\p{L}\\p{N}])|(?<=[\\p{Ll}\\p{N}])(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll}))';

/** A regular expression matching any of the terms at the start of a word, longest first. */
function termPattern(terms: string[]): RegExp | undefined {
  const list = [...new Set(terms.filter(Boolean).map((t) => t.toLowerCase()))].sort((a, b) => b.length - a.length).map(anyCase);
  return list.length ? new RegExp(`${WORD_START}(?:${list.join('|')})`, 'gu') : undefined;
}

/** The text cut into plain and marked segments (terms match case-insensitively at the start of words). */
export function highlight(text: string, terms: string[]): Segment[] {
  const pattern = termPattern(terms);
  if (!pattern) return text ? [{ text, mark: false }] : [];
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), mark: false });
    out.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), mark: false });
  return out;
}

/** About `max` characters of the text around its first matched term (from the start when none matches). */
export function excerptAround(text: string, terms: string[], max = 150): string {
  const first = termPattern(terms)?.exec(text)?.index ?? 0;
  if (text.length <= max) return text;
  let start = Math.max(0, Math.min(first - Math.round(max / 4), text.length - max));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + max);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > start + max / 2 ? space : end;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length && !text.slice(0, end).endsWith('…') ? '…' : ''}`;
}

/** How many of the matched words a text holds. */
function matchCount(text: string, terms: string[]): number {
  const patterns = [...new Set(terms)].map((t) => termPattern([t])).filter((p): p is RegExp => p !== undefined);
  return patterns.filter((p) => text.search(p) >= 0).length;
}

/** Whether a result's prose holds a matched word (else the query matched its cell's code only). */
export const proseMatches = (excerpt: string, terms: string[]): boolean => matchCount(excerpt, terms) > 0;

/**
 * What a result shows under its title: the part of its prose where a matched word is; when the prose holds
 * none (the query matched the cell's code), the code line that holds one, marked as code.
 */
export function resultExcerpt(excerpt: string, codeLines: string, terms: string[], max = 150): { text: string; code: boolean } {
  if (!proseMatches(excerpt, terms)) {
    // The line with the most matched words is the one the query was about.
    let best = '';
    let most = 0;
    for (const line of codeLines.split('\n')) {
      const n = matchCount(line, terms);
      if (n > most) [best, most] = [line, n];
    }
    if (best) return { text: excerptAround(best, terms, max), code: true };
  }
  return { text: excerptAround(excerpt, terms, max), code: false };
}

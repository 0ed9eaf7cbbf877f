/** Marks the matched words of a result, and picks the part of its excerpt where they are. */

export interface Segment {
  text: string;
  mark: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression matching any of the terms at the start of a word, longest first. */
function termPattern(terms: string[]): RegExp | undefined {
  const list = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length).map(escape);
  return list.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.join('|')})`, 'giu') : undefined;
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

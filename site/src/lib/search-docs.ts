/**
 * From lab sources to the documents of the search index: one per step (its title, prose and cell code), one
 * for a lab's introduction and one per heading outside the steps ("When it fails", "Recap"). Pure, so it can
 * be tested without a build.
 */

export interface LabSource {
  /** The lab's slug, e.g. `02-monitor`. */
  id: string;
  title: string;
  summary: string;
  steps: { id: string; title: string; cell?: boolean }[];
  /** The lab's MDX body, without frontmatter. */
  body: string;
}

export interface SearchDoc {
  /** Unique across the index: `<lab>#<anchor>` (the lab slug alone for its introduction). */
  id: string;
  lab: string;
  labTitle: string;
  /** The step's id, or '' for text outside the steps. */
  step: string;
  /** 1-based step number, 0 outside the steps. */
  n: number;
  /** The heading's anchor for a section outside the steps, '' otherwise. */
  section: string;
  title: string;
  text: string;
  code: string;
  excerpt: string;
  /** The cell's code as the result may show it: one trimmed statement line per line, imports last. */
  codeLines: string;
}

const EXCERPT_CHARS = 320;

/** The documents of every lab, in lab and page order. */
export function searchDocuments(labs: LabSource[], cellCode: (lab: string, step: string) => string): SearchDoc[] {
  return labs.flatMap((lab) => labDocuments(lab, cellCode));
}

function labDocuments(lab: LabSource, cellCode: (lab: string, step: string) => string): SearchDoc[] {
  const base = { lab: lab.id, labTitle: lab.title };
  const docs: SearchDoc[] = [];
  const outside: { title: string; section: string; chunks: string[] }[] = [{ title: lab.title, section: '', chunks: [lab.summary] }];
  const stepBlock = /<Step\s[^>]*?\bid=["']([^"']+)["'][^>]*>([\s\S]*?)<\/Step>/g;
  let last = 0;
  const readOutside = (mdx: string) => {
    for (const part of mdx.split(/^(#{2,3} .+)$/m)) {
      const heading = /^#{2,3} (.+)$/.exec(part);
      if (heading) outside.push({ title: plainText(heading[1]), section: headingSlug(plainText(heading[1])), chunks: [] });
      else outside.at(-1)!.chunks.push(part);
    }
  };
  const steps: SearchDoc[] = [];
  for (const m of lab.body.matchAll(stepBlock)) {
    readOutside(lab.body.slice(last, m.index));
    last = m.index + m[0].length;
    const index = lab.steps.findIndex((s) => s.id === m[1]);
    const step = lab.steps[index];
    if (!step) continue; // The page build reports a step missing from the frontmatter; the index just skips it.
    const text = plainText(m[2]);
    const code = step.cell ? cellCode(lab.id, step.id) : '';
    steps.push({
      ...base,
      id: `${lab.id}#step-${step.id}`,
      step: step.id,
      n: index + 1,
      section: '',
      title: step.title,
      text,
      code,
      excerpt: excerpt(text),
      codeLines: codeLines(code),
    });
  }
  readOutside(lab.body.slice(last));
  for (const o of outside) {
    const text = plainText(o.chunks.join('\n'));
    if (!text && o.section) continue;
    docs.push({
      ...base,
      id: o.section ? `${lab.id}#${o.section}` : lab.id,
      step: '',
      n: 0,
      section: o.section,
      title: o.title,
      text,
      code: '',
      excerpt: excerpt(text),
      codeLines: '',
    });
  }
  // The introduction first, then the steps, then the closing sections, as on the page.
  return [docs[0], ...steps, ...docs.slice(1)];
}

/** What a reader sees of MDX: no imports, no component tags (their children stay), no Markdown punctuation. */
export function plainText(mdx: string): string {
  const withoutTags = stripTags(mdx.replace(/^(?:import|export)\s.*$/gm, ''));
  return withoutTags
    .replace(/^```.*$/gm, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])|`/g, '')
    .replace(/^\s*\|?[\s:|-]+\|[\s:|-]*$/gm, ' ')
    .replace(/\|/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Removes JSX/HTML tags, attributes included (quotes and `{…}` expressions may hold `>`). */
function stripTags(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '`') {
      // Code spans and fences keep their text, `<endpoint>` included.
      const fence = /^`+/.exec(src.slice(i))![0];
      const end = src.indexOf(fence, i + fence.length);
      const stop = end < 0 ? src.length : end + fence.length;
      out += src.slice(i, stop);
      i = stop;
    } else if (c === '<' && /[A-Za-z/]/.test(src[i + 1] ?? '')) {
      let depth = 0;
      let quote = '';
      let j = i + 1;
      for (; j < src.length; j++) {
        const d = src[j];
        if (quote) {
          if (d === quote) quote = '';
        } else if (d === '"' || d === "'" || d === '`') quote = d;
        else if (d === '{') depth++;
        else if (d === '}') depth--;
        else if (d === '>' && depth <= 0) break;
      }
      out += ' ';
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const CODE_LINE_CHARS = 400;

/**
 * The lines of a cell a result can show when only its code matches: trimmed, blank and duplicate lines dropped,
 * each import statement on one line and after the code (a name is better shown where it is used than imported).
 */
export function codeLines(code: string): string {
  const body: string[] = [];
  const imports: string[] = [];
  let open: string[] | undefined;
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (open) {
      open.push(line);
      if (/\bfrom\s+['"][^'"]+['"];?$/.test(line)) {
        imports.push(open.join(' '));
        open = undefined;
      }
    } else if (/^import\b/.test(line) && !/\bfrom\s+['"][^'"]+['"];?$|^import\s+['"]/.test(line)) open = [line];
    else (/^import\b/.test(line) ? imports : body).push(line);
  }
  if (open) imports.push(open.join(' '));
  const cap = (l: string) => (l.length > CODE_LINE_CHARS ? `${l.slice(0, CODE_LINE_CHARS)}…` : l);
  return [...new Set([...body, ...imports].map(cap))].join('\n');
}

/** The start of a text, cut at a word boundary. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.—-]+$/, '')}…`;
}

/** The anchor the page gives a Markdown heading (lower case, punctuation dropped, spaces to hyphens). */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

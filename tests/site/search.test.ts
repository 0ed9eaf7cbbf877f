import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import MiniSearch from 'minisearch';
import { loadLabs, splitFrontmatter } from '../../runner/labs/catalog.ts';
import { codeLines, plainText, searchDocuments, type LabSource } from '../../site/src/lib/search-docs.ts';
import { indexOptions, resultHref, resultPlace, tokenize, processTerm } from '../../site/src/lib/search-options.ts';
import { excerptAround, highlight, proseMatches, resultExcerpt } from '../../site/src/lib/search-highlight.ts';

const labsDir = resolve('labs');

/** The real labs, read as the site build reads them (frontmatter steps + MDX body + cell files). */
async function realLabs(): Promise<{ sources: LabSource[]; cellCode: (lab: string, step: string) => string }> {
  const labs = await loadLabs(labsDir);
  const sources = await Promise.all(
    labs.map(async (l) => ({
      id: l.slug,
      title: l.title,
      summary: l.summary,
      steps: l.steps,
      body: splitFrontmatter(await readFile(join(l.dir, 'lab.mdx'), 'utf8')).body,
    })),
  );
  const cellCode = (lab: string, step: string) => {
    const file = join(labsDir, lab, 'cells', `${step}.ts`);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  return { sources, cellCode };
}

const fixture: LabSource = {
  id: '09-demo',
  title: 'A demo lab',
  summary: 'Deploy a model and watch it.',
  steps: [
    { id: 'first', title: 'Create the endpoint', cell: true },
    { id: 'second', title: 'Read the answers' },
  ],
  body: `import Foo from './foo';

Brandon wants **answers** that read like Naxt.

<Step id="first" title="Create the endpoint">

Call \`CreateEndpoint\`; files land under \`capture/<endpoint>/\`. See [the guide](https://example.com).

<Quiz id="q" question="Which one?" options={["a > b", "c"]} answer={1} explanations={["x", "y"]} />

</Step>

<Step id="second" title="Read the answers">

<Callout type="warning">Answers are *streamed*.</Callout>

</Step>

<Step id="ghost" title="Not in the frontmatter">

Never indexed.

</Step>

## When it fails

- Throttling: try again.

## Recap

`,
};

describe('search documents from the labs', () => {
  const calls: string[] = [];
  const docs = searchDocuments(
    [fixture],
    (lab, step) => (calls.push(`${lab}/${step}`), 'new SageMakerClient({}).send(new DataCaptureConfig())'),
  );

  it('makes one document per step, with its prose and its cell code, between the introduction and the closing sections', () => {
    expect(docs.map((d) => d.id)).toEqual(['09-demo', '09-demo#step-first', '09-demo#step-second', '09-demo#when-it-fails']);
    const first = docs[1];
    expect(first).toMatchObject({ lab: '09-demo', labTitle: 'A demo lab', step: 'first', n: 1, section: '', title: 'Create the endpoint' });
    expect(first.text).toBe('Call CreateEndpoint; files land under capture/<endpoint>/. See the guide.');
    expect(first.code).toContain('DataCaptureConfig');
    expect(calls).toEqual(['09-demo/first']); // only steps with a cell
  });

  it('keeps the children of components but not their attributes, imports or Markdown punctuation', () => {
    expect(docs[2].text).toBe('Answers are streamed.');
    expect(docs[0].text).toBe('Deploy a model and watch it. Brandon wants answers that read like Naxt.');
    expect(docs.some((d) => d.text.includes('Never indexed') || d.text.includes('explanations'))).toBe(false);
  });

  it('names closing sections by the anchor the page gives their heading, and skips empty ones', () => {
    expect(docs[3]).toMatchObject({ step: '', n: 0, section: 'when-it-fails', title: 'When it fails', text: 'Throttling: try again.' });
  });

  it('cuts long excerpts at a word', () => {
    const long = searchDocuments([{ ...fixture, summary: 'word '.repeat(200) }], () => '')[0];
    expect(long.excerpt.length).toBeLessThanOrEqual(321);
    expect(long.excerpt.endsWith('word…')).toBe(true);
  });

  it('keeps a cell’s code lines for results, trimmed, deduplicated, imports on one line and last', () => {
    const code =
      "import {\n  SageMakerClient,\n  DescribeEndpointCommand,\n} from '@aws-sdk/client-sagemaker';\nimport { readFile } from 'node:fs/promises';\n\nconst sm = new SageMakerClient({});\n    await sm.send(x);\n    await sm.send(x);\n";
    expect(codeLines(code).split('\n')).toEqual([
      'const sm = new SageMakerClient({});',
      'await sm.send(x);',
      "import { SageMakerClient, DescribeEndpointCommand, } from '@aws-sdk/client-sagemaker';",
      "import { readFile } from 'node:fs/promises';",
    ]);
    expect(docs[1].codeLines).toBe('new SageMakerClient({}).send(new DataCaptureConfig())');
    expect(docs[2].codeLines).toBe('');
  });

  it('reads a table as words', () => {
    expect(plainText('| a | b |\n|---|:-:|\n| c | d |')).toBe('a b c d');
  });
});

describe('the index over the real labs', async () => {
  const { sources, cellCode } = await realLabs();
  const docs = searchDocuments(sources, cellCode);
  const built = new MiniSearch(indexOptions);
  built.addAll(docs);
  // Through JSON, as the page gets it; the code lines come apart, by document id (search-code.json).
  const index = MiniSearch.loadJSON(JSON.stringify(built), indexOptions);
  const code = Object.fromEntries(docs.map((d) => [d.id, d.codeLines]));

  it('has exactly one document for every step of every lab, with the step’s code when it has a cell', () => {
    for (const lab of sources) {
      for (const step of lab.steps) {
        const found = docs.filter((d) => d.lab === lab.id && d.step === step.id);
        expect(found, `${lab.id}/${step.id}`).toHaveLength(1);
        expect(found[0].text.length, `${lab.id}/${step.id} prose`).toBeGreaterThan(20);
        if (step.cell) expect(found[0].code.length, `${lab.id}/${step.id} code`).toBeGreaterThan(20);
      }
    }
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
  });

  it('finds lab 02’s data capture step first, by words, by prefix, with a typo and by an identifier of its code', () => {
    for (const q of ['data capture', 'data capt', 'data captyre', 'DataCaptureConfig']) {
      expect(index.search(q)[0]?.id, q).toBe('02-monitor#step-capture');
    }
  });

  it('searches lab titles and cell code too, and finds nothing for nonsense', () => {
    expect(index.search('JumpStart deploy')[0]?.lab).toBe('01-filter-deploy');
    expect(index.search('waitUntilEndpointInService').length).toBeGreaterThan(0);
    expect(index.search('xyzzyqq')).toEqual([]);
  });

  it('shows the matching code line, not the step’s prose, when only the cell’s code matches', () => {
    for (const q of ['InitialSamplingPercentage', 'sampling percentage']) {
      const hit = index.search(q)[0] as unknown as { id: string; excerpt: string; terms: string[] };
      expect(hit.id, q).toBe('02-monitor#step-capture');
      expect(hit.excerpt.toLowerCase(), q).not.toContain('sampling');
      expect(proseMatches(hit.excerpt, hit.terms), q).toBe(false);
      const shown = resultExcerpt(hit.excerpt, code[hit.id], hit.terms);
      expect(shown, q).toEqual({ text: 'InitialSamplingPercentage: 100,', code: true });
      expect(highlight(shown.text, hit.terms).filter((s) => s.mark).length, q).toBeGreaterThan(0);
    }
    // Prose that holds the word wins.
    const prose = index.search('data capture')[0] as unknown as { id: string; excerpt: string; terms: string[] };
    expect(proseMatches(prose.excerpt, prose.terms)).toBe(true);
    expect(resultExcerpt(prose.excerpt, code[prose.id], prose.terms).code).toBe(false);
  });

  it('stores what a result shows', () => {
    const hit = index.search('data capture')[0];
    expect(hit).toMatchObject({
      lab: '02-monitor',
      step: 'capture',
      n: 1,
      title: 'Turn on data capture',
      labTitle: 'Monitor what the model says',
    });
    expect(hit.excerpt).toContain('Data capture');
  });
});

describe('terms, links and highlights', () => {
  it('splits identifiers into their words and drops stop words', () => {
    expect(tokenize('DataCaptureConfig ml.g5.2xlarge S3Uri')).toEqual([
      'DataCaptureConfig',
      'Data',
      'Capture',
      'Config',
      'ml',
      'g5',
      '2xlarge',
      'S3Uri',
      'S3',
      'Uri',
    ]);
    expect(processTerm('The')).toBeNull();
    expect(processTerm('const', 'code')).toBeNull();
    expect(processTerm('const', 'text')).toBe('const');
  });

  it('links a step to its anchor, a section to its heading and an introduction to the lab', () => {
    expect(resultHref({ lab: '02-monitor', step: 'capture', section: '' })).toBe('/labs/02-monitor/#step-capture');
    expect(resultHref({ lab: '02-monitor', step: '', section: 'recap' })).toBe('/labs/02-monitor/#recap');
    expect(resultHref({ lab: '02-monitor', step: '', section: '' })).toBe('/labs/02-monitor/');
    expect(resultPlace({ lab: '02-monitor', n: 3 })).toBe('Lab 02 · Step 3');
  });

  it('marks matched words at the start of words only', () => {
    expect(highlight('Data capture captures metadata', ['data', 'captures', 'capture'])).toEqual([
      { text: 'Data', mark: true },
      { text: ' ', mark: false },
      { text: 'capture', mark: true },
      { text: ' ', mark: false },
      { text: 'captures', mark: true },
      { text: ' metadata', mark: false },
    ]);
    // Inside identifiers, at the humps the tokenizer splits them at.
    expect(highlight('DataCaptureConfig S3Uri', ['capture', 'uri'])).toEqual([
      { text: 'Data', mark: false },
      { text: 'Capture', mark: true },
      { text: 'Config S3', mark: false },
      { text: 'Uri', mark: true },
    ]);
    expect(highlight('recapture', ['capture'])).toEqual([{ text: 'recapture', mark: false }]);
    expect(highlight('a (b) c', ['(b)'])).toEqual([
      { text: 'a ', mark: false },
      { text: '(b)', mark: true },
      { text: ' c', mark: false },
    ]);
  });

  it('shows the part of the excerpt where the match is', () => {
    const text = `${'lorem '.repeat(60)}the monitoring schedule runs hourly ${'ipsum '.repeat(60)}`;
    const part = excerptAround(text, ['schedule'], 120);
    expect(part).toContain('monitoring schedule runs hourly');
    expect(part.startsWith('…') && part.endsWith('…')).toBe(true);
    expect(part.length).toBeLessThanOrEqual(122);
    expect(excerptAround('short text', ['x'])).toBe('short text');
  });
});

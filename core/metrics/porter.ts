/**
 * The Porter stemmer, as ROUGE and METEOR use it to match "summaries"/"summary" or "investing"/"invest". No
 * stemmer ships with the project, and this one is short. Two modes:
 *
 * - `'nltk'` (the default): NLTK's `PorterStemmer()` in its default mode, `NLTK_EXTENSIONS` — what rouge_score
 *   (`use_stemmer=True`, fmeval's default) and nltk's `single_meteor_score` stem with. It departs from the
 *   original on a few words the workshop uses: "days" → "day" (not "dai"), "they" → "they", "news" → "news",
 *   "dies" → "die".
 * - `'original'`: M. F. Porter's 1980 algorithm ("An algorithm for suffix stripping"), words of one or two letters
 *   left alone as Porter's own implementation does.
 *
 * tests/fixtures/metrics/golden.json holds NLTK's stems of every word of the workshop's datasets in both modes
 * (tests/fixtures/metrics/generate.py says how to regenerate it).
 */

export type PorterMode = 'nltk' | 'original';

/** NLTK_EXTENSIONS' table of irregular forms (word → stem), looked up before any step. */
const IRREGULAR: Record<string, string> = {
  sky: 'sky',
  skies: 'sky',
  dying: 'die',
  lying: 'lie',
  tying: 'tie',
  news: 'news',
  innings: 'inning',
  inning: 'inning',
  outings: 'outing',
  outing: 'outing',
  cannings: 'canning',
  canning: 'canning',
  howe: 'howe',
  proceed: 'proceed',
  exceed: 'exceed',
  succeed: 'succeed',
};

const isCons = (w: string, i: number): boolean => {
  const c = w[i];
  if ('aeiou'.includes(c)) return false;
  if (c === 'y') return i === 0 ? true : !isCons(w, i - 1);
  return true;
};

/** m: the number of vowel-consonant sequences in the stem. */
function measure(stem: string): number {
  let m = 0;
  let i = 0;
  const n = stem.length;
  while (i < n && isCons(stem, i)) i++;
  while (i < n) {
    while (i < n && !isCons(stem, i)) i++;
    if (i >= n) break;
    m++;
    while (i < n && isCons(stem, i)) i++;
  }
  return m;
}

const hasVowel = (stem: string) => [...stem].some((_, i) => !isCons(stem, i));
const doubleCons = (w: string) => w.length >= 2 && w[w.length - 1] === w[w.length - 2] && isCons(w, w.length - 1);
/** *o: cvc, where the last c is not w, x or y (e.g. hop, not snow); NLTK's mode also counts a two-letter vc ("at"). */
const cvc = (w: string, mode: PorterMode) => {
  const n = w.length;
  if (mode === 'nltk' && n === 2) return !isCons(w, 0) && isCons(w, 1);
  if (n < 3) return false;
  return isCons(w, n - 3) && !isCons(w, n - 2) && isCons(w, n - 1) && !'wxy'.includes(w[n - 1]);
};

/** A suffix rule: suffix, replacement, and the condition on what precedes the suffix (default m > 0). */
type Rule = [suffix: string, replacement: string, cond?: (stem: string) => boolean];
const positive = (stem: string) => measure(stem) > 0;

/** Replaces the first matching suffix when its condition holds; the first match ends the step either way. */
function applyRules(w: string, rules: Rule[]): string {
  for (const [suffix, repl, cond = positive] of rules) {
    if (w.endsWith(suffix)) {
      const stem = w.slice(0, -suffix.length);
      return cond(stem) ? stem + repl : w;
    }
  }
  return w;
}

const STEP2_HEAD: Rule[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
];
const STEP2_TAIL: Rule[] = [
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
];
/** Porter's -abli → -able; NLTK's mode has -bli → -ble in its place, and adds -fulli → -ful and -logi → -log. */
const STEP2: Record<PorterMode, Rule[]> = {
  original: [...STEP2_HEAD, ['abli', 'able'], ...STEP2_TAIL],
  nltk: [...STEP2_HEAD, ['bli', 'ble'], ...STEP2_TAIL, ['fulli', 'ful'], ['logi', 'log', (stem) => measure(`${stem}l`) > 0]],
};
const STEP3: Rule[] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];
const longEnough = (stem: string) => measure(stem) > 1;
const STEP4: Rule[] = [
  ...['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent'].map((s): Rule => [s, '', longEnough]),
  ['ion', '', (stem) => longEnough(stem) && /[st]$/.test(stem)],
  ...['ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'].map((s): Rule => [s, '', longEnough]),
];

function step2(w: string, mode: PorterMode): string {
  // NLTK: -alli → -al, then step 2 again on the result.
  if (mode === 'nltk' && w.endsWith('alli') && positive(w.slice(0, -4))) return step2(`${w.slice(0, -4)}al`, mode);
  return applyRules(w, STEP2[mode]);
}

export function porterStem(word: string, mode: PorterMode = 'nltk'): string {
  let w = word.toLowerCase();
  if (mode === 'nltk' && w in IRREGULAR) return IRREGULAR[w];
  if (w.length <= 2) return w;

  // Step 1a: plurals. NLTK: a four-letter -ies keeps its e ("dies" → "die", but "flies" → "fli").
  if (mode === 'nltk' && w.length === 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}ie`;
  else
    w = applyRules(w, [
      ['sses', 'ss', () => true],
      ['ies', 'i', () => true],
      ['ss', 'ss', () => true],
      ['s', '', () => true],
    ]);

  // Step 1b: -eed, -ed, -ing. NLTK: -ied → -ie in a four-letter word, else -i ("died" → "die", "spied" → "spi").
  if (mode === 'nltk' && w.endsWith('ied')) w = w.length === 4 ? `${w.slice(0, -3)}ie` : `${w.slice(0, -3)}i`;
  else if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith('ed') ? 'ed' : w.endsWith('ing') ? 'ing' : '';
    if (suffix && hasVowel(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (doubleCons(w)) {
        if (!'lsz'.includes(w[w.length - 1])) w = w.slice(0, -1);
      } else if (measure(w) === 1 && cvc(w, mode)) w += 'e';
    }
  }

  // Step 1c: y → i. Porter: when the stem has a vowel. NLTK: when a consonant precedes the y and the stem is
  // longer than that consonant ("happy" → "happi", "enjoy" and "they" keep their y, "cry" → "cri").
  if (w.endsWith('y')) {
    const stem = w.slice(0, -1);
    if (mode === 'nltk' ? stem.length > 1 && isCons(stem, stem.length - 1) : hasVowel(stem)) w = `${stem}i`;
  }

  w = step2(w, mode);
  w = applyRules(w, STEP3);
  w = applyRules(w, STEP4);

  // Step 5: final -e and -ll.
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !cvc(stem, mode))) w = stem;
  }
  if (measure(w) > 1 && doubleCons(w) && w.endsWith('l')) w = w.slice(0, -1);
  return w;
}

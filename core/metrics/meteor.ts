import { porterStem } from './porter.ts';
import { tokens } from './text.ts';

type Indexed = [number, string];

/** nltk's _match_enums: from the end of both lists, pair equal words, each word used once. */
function matchEnums(hyp: Indexed[], ref: Indexed[], key: (w: string) => string): [number, number][] {
  const matches: [number, number][] = [];
  for (let i = hyp.length - 1; i >= 0; i--) {
    for (let j = ref.length - 1; j >= 0; j--) {
      if (key(hyp[i][1]) === key(ref[j][1])) {
        matches.push([hyp[i][0], ref[j][0]]);
        hyp.splice(i, 1);
        ref.splice(j, 1);
        break;
      }
    }
  }
  return matches;
}

/** nltk's _count_chunks: runs of matches adjacent in both the hypothesis and the reference. */
function countChunks(matches: [number, number][]): number {
  let chunks = 1;
  for (let i = 0; i < matches.length - 1; i++) {
    if (!(matches[i + 1][0] === matches[i][0] + 1 && matches[i + 1][1] === matches[i][1] + 1)) chunks += 1;
  }
  return chunks;
}

/**
 * METEOR as nltk's single_meteor_score (fmeval's summarization metric): exact matches, then matches of the stems
 * NLTK's default PorterStemmer gives, the harmonic mean weighted toward recall (alpha), and a fragmentation penalty
 * gamma·(chunks/matches)^beta. WordNet synonym matching is not included (no WordNet here), so scores can be
 * slightly lower than nltk's on texts that only agree through synonyms.
 */
export function meteor(prediction: string, reference: string, opts: { alpha?: number; beta?: number; gamma?: number } = {}): number {
  const { alpha = 0.9, beta = 3, gamma = 0.5 } = opts;
  const hyp: Indexed[] = tokens(prediction).map((w, i) => [i, w]);
  const ref: Indexed[] = tokens(reference).map((w, i) => [i, w]);
  const hypLen = hyp.length;
  const refLen = ref.length;
  if (hypLen === 0 || refLen === 0) return 0;
  const exact = matchEnums(hyp, ref, (w) => w);
  const stemmed = matchEnums(hyp, ref, porterStem);
  const matches = [...exact, ...stemmed].sort((a, b) => a[0] - b[0]);
  const m = matches.length;
  if (m === 0) return 0;
  const precision = m / hypLen;
  const recall = m / refLen;
  const fmean = (precision * recall) / (alpha * precision + (1 - alpha) * recall);
  const penalty = gamma * (countChunks(matches) / m) ** beta;
  return fmean * (1 - penalty);
}

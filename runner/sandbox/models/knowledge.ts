/**
 * Retrieval over the Naxt knowledge base (BM25, by MiniSearch), one document per sentence of an article.
 * How much of the question a model uses and how much it knows beyond the literal words (prefixes, synonyms,
 * typos) follow its tier and, after a fine-tune, its fit to Naxt's questions.
 */
import MiniSearch from 'minisearch';

export interface Article {
  id: string;
  title: string;
  category?: string;
  body: string;
}

export interface Passage {
  articleId: string;
  text: string;
  score: number;
}

export interface RetrievalAbility {
  /** 0..1: share of the question's content words used, from the start. */
  retrieval: number;
  /** 0..1: prefix matching from 0.5, synonyms and typo tolerance from 0.8. */
  knowledge: number;
}

export const STOP_WORDS = new Set(
  'a about am an and any are as at be been can could did do does for from get got has have how i if in is it its me my of on or our should so than that the their there this to up us was we what when where which who why will with would you your'.split(
    ' ',
  ),
);

/** General-English knowledge a larger model brings to a question. */
const SYNONYMS: Record<string, string[]> = {
  long: ['lead', 'time', 'days'],
  deadline: ['within', 'days'],
  spend: ['allowance', 'limit'],
  cost: ['price', 'limit'],
  dinner: ['meal'],
  lunch: ['meal'],
  food: ['meal'],
  forgot: ['reset'],
  forgotten: ['reset'],
  computer: ['laptop'],
  notebook: ['laptop'],
  trip: ['travel'],
  flight: ['travel', 'flights'],
  hotel: ['accommodation'],
  desk: ['workspace'],
  office: ['workspace'],
  reimbursed: ['expense', 'claims'],
  reimbursement: ['expense', 'claims'],
  holiday: ['leave', 'vacation'],
  vacation: ['leave'],
  sick: ['illness', 'leave'],
  phone: ['mobile'],
  approve: ['approval'],
  approves: ['approval'],
};

export const contentWords = (text: string): string[] => (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP_WORDS.has(w));

export interface KnowledgeBase {
  /** The best passages for a question, best first. */
  search(question: string, ability: RetrievalAbility, limit?: number): Passage[];
}

/**
 * Two stages, as a retrieval-augmented assistant works: find the article (BM25 over titles and bodies), then
 * the sentence within the best articles that answers the question.
 */
export function knowledgeBase(articles: Article[]): KnowledgeBase {
  const docs = articles.flatMap((a) =>
    a.body.split(/(?<=[.?!])\s+(?=[A-Z0-9"])/).map((text, i) => ({ id: `${a.id}#${i}`, articleId: a.id, title: a.title, text })),
  );
  const sentenceIndex = new MiniSearch({ fields: ['text', 'title'], storeFields: ['text', 'articleId'] });
  sentenceIndex.addAll(docs);
  const articleIndex = new MiniSearch({ fields: ['title', 'body'], storeFields: ['id'] });
  articleIndex.addAll(articles.map((a) => ({ id: a.id, title: `${a.title} ${a.category ?? ''}`, body: a.body })));
  return {
    search(question, ability, limit = 3) {
      const words = contentWords(question);
      const used = words.slice(0, Math.max(1, Math.ceil(words.length * ability.retrieval)));
      const boosts = new Map<string, number>(used.map((w) => [w, 1]));
      if (ability.knowledge >= 0.8) for (const w of used) for (const s of SYNONYMS[w] ?? []) if (!boosts.has(s)) boosts.set(s, 0.5);
      const terms = [...boosts.keys()].filter((t) => (boosts.get(t) ?? 0) > 0.05);
      if (terms.length === 0) return [];
      const options = {
        combineWith: 'OR' as const,
        prefix: ability.knowledge >= 0.5,
        fuzzy: ability.knowledge >= 0.8 ? 0.2 : false,
        boostTerm: (term: string) => boosts.get(term) ?? 1,
      };
      const topArticles = articleIndex.search(terms.join(' '), { ...options, boost: { title: 2 } }).slice(0, 2);
      const articleRank = new Map(topArticles.map((a, i) => [String(a.id), i === 0 ? 1 : 0.5]));
      const hits = sentenceIndex.search(terms.join(' '), {
        ...options,
        boost: { title: 0.5 },
        filter: (r) => articleRank.has(String(r.articleId)),
      });
      const top = hits[0]?.score ?? 1;
      return hits
        .map((h) => ({
          articleId: String(h.articleId),
          text: String(h.text),
          score: h.score / top + (articleRank.get(String(h.articleId)) ?? 0),
        }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    },
  };
}

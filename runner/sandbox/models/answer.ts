import MiniSearch from 'minisearch';
import type { TierAbility } from './tiers.ts';

export interface KnowledgeBase {
  search(question: string, share: number): string | undefined;
}

const STOP = new Set(['how', 'do', 'i', 'what', 'is', 'the', 'a', 'an', 'can', 'my', 'to', 'for', 'of', 'in', 'on', 'who', 'where', 'when', 'does', 'should', 'must', 'are', 'there', 'it', 'with', 'at', 'be', 'if', 'me', 'am', 'as', 'get']);

/** Retrieval over the Naxt knowledge base, one document per sentence of an article. */
export function knowledgeBase(articles: { id: string; title: string; body: string }[]): KnowledgeBase {
  const docs = articles.flatMap((a) => a.body.split(/(?<=\.)\s+(?=[A-Z])/).map((text, i) => ({ id: `${a.id}#${i}`, title: a.title, text })));
  const index = new MiniSearch({ fields: ['text', 'title'], storeFields: ['text'], searchOptions: { boost: { title: 0.5 }, prefix: true, fuzzy: 0.15 } });
  index.addAll(docs);
  return {
    search(question, share) {
      const words = question.toLowerCase().match(/[a-z0-9]+/g)?.filter((w) => !STOP.has(w)) ?? [];
      // A small model attends to part of the question only: the first words.
      const used = words.slice(0, Math.max(1, Math.ceil(words.length * share)));
      const hit = index.search(used.join(' '), { combineWith: 'OR' })[0];
      return hit ? String(hit.text) : undefined;
    },
  };
}

/** Says an answer in a style: what the learner sees (and what the tone metric scores). */
export function speak(fact: string | undefined, style: TierAbility['style'] | 'tuned', closing?: string): string {
  if (!fact) return style === 'casual' ? 'Hmm, no idea tbh!! Maybe ask someone?' : 'The knowledge base does not cover this. Please contact the relevant desk.';
  switch (style) {
    case 'casual':
      return `Hey! So basically ${fact.charAt(0).toLowerCase()}${fact.slice(1)} Hope that helps!!`;
    case 'plain':
      return fact;
    case 'professional':
      return `${fact} Please ask the relevant desk for more.`;
    case 'tuned':
      return `${fact} ${closing ?? 'Please ask the relevant desk for more.'}`;
  }
}

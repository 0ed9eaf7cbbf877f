/**
 * How a model says an answer. Before fine-tuning, the style follows the tier (a small model chats like a
 * forum, a mid-size one states the fact, a large one is courteous); after, it follows what the fine-tune
 * learned from Naxt's responses (see artifact.ts). This is what the tone metric scores.
 */
import type { Style } from './tiers.ts';

export interface LearnedStyle {
  /** A sentence Naxt answers often open with, learned from the training responses. */
  opening?: string;
  /** A sentence Naxt answers often close with, learned from the training responses. */
  closing?: string;
  /** Share of the training responses that are courteous ("please", "you can"…). */
  courtesy?: number;
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

export function speak(fact: string | undefined, style: Style | 'tuned', learned: LearnedStyle = {}, pick = 0): string {
  if (!fact) {
    if (style === 'casual') return 'Hmm, no idea tbh!! Maybe ask someone?';
    if (style === 'plain') return 'The knowledge base does not cover this.';
    return 'Thank you for your question. The knowledge base does not cover this; please contact the relevant desk.';
  }
  switch (style) {
    case 'casual': {
      const openers = ['Hey! So basically', 'Yeah so', 'Oh cool question!'];
      const closers = ['Hope that helps!!', 'Easy, right? lol', 'No worries!'];
      return `${openers[pick % 3]} ${lowerFirst(fact)} ${closers[pick % 3]}`;
    }
    case 'plain':
      return fact;
    case 'professional':
      return `Thank you for asking. ${fact} Please ask if anything is unclear.`;
    case 'tuned':
      // A courteous closing when the data taught one, or when courtesy is common in it.
      return [
        learned.opening,
        fact,
        learned.closing ?? ((learned.courtesy ?? 0) >= 0.25 ? 'Please ask if anything is unclear.' : undefined),
      ]
        .filter(Boolean)
        .join(' ');
  }
}

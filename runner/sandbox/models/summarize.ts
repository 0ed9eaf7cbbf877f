/**
 * The stand-in summarizer: extractive, with light rephrasing. What it notices and how well it rephrases grow
 * with capacity (0..1): a small model echoes the opening small talk, filler and all; a mid-size one scores
 * utterances on salience cues (goals, risk, follow-ups) and writes 3–4 sentences in the third person; a large
 * one also catches life events and orders the summary as an advisor would. Deterministic for a given prompt.
 */
import { seededRandom } from './seed.ts';

interface Utterance {
  speaker: 'Advisor' | 'Client';
  text: string;
  index: number;
}

/** Cues of what an advisor needs from a conversation; `from` is the capacity at which a model notices it. */
const CUES = {
  recap: { from: 0.45, re: /\b(?:to make sure I have it right|to sum up|so you want to)\b|\byou want to\b/i },
  risk: { from: 0.55, re: /\b(?:appetite for risk|risk|volatility|sleep well|dropped \d+ percent|conservative|aggressive)\b/i },
  followUp: { from: 0.65, re: /^I will (?!, )/ },
  goal: { from: 0.7, re: /\b(?:I want|I would like|I need|we want|we plan|I plan)\b/i },
  lifeEvent: {
    from: 0.85,
    re: /\b(?:passed|married|marrying|divorce|grandchild|sold|step down|retire|surgery|born|inheritance|moving|abroad|winters|widow)\w*/i,
  },
} as const;

const FILLER = /^(?:(?:um|uh|hmm|well|you know|let me think|so|oh|right|okay)[,.]?\s+)+/i;

function parse(transcript: string): Utterance[] {
  return transcript
    .split('\n')
    .map((l) => /^(Advisor|Client):\s*(.+)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m, index) => ({ speaker: m[1] as Utterance['speaker'], text: m[2].trim(), index }));
}

const sentence = (s: string) => {
  const t = s.trim().replace(/[,;:]$/, '');
  return /[.?!]$/.test(t) ? t : `${t}.`;
};
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** First person (client) or second person (advisor) to third person: what "abstractive-lite" means here. */
function thirdPerson(text: string, name: string, speaker: Utterance['speaker']): string {
  if (speaker === 'Advisor') return text.replace(/\byour\b/gi, 'their').replace(/\byou\b/gi, 'the client');
  return text
    .replace(/\bI am\b/g, `${name} is`)
    .replace(/\bI have\b/g, `${name} has`)
    .replace(/\bI\b/g, name)
    .replace(/\b(?:my|our)\b/gi, 'their')
    .replace(/\bme\b/gi, 'them')
    .replace(/\bwe\b/gi, 'they');
}

export function summarize(transcript: string, capacity: number, seed = transcript): string {
  const all = parse(transcript);
  if (all.length === 0)
    return transcript
      .split(/(?<=[.?!])\s+/)
      .slice(0, 2)
      .join(' ');
  const random = seededRandom(seed);
  const name = /^Good (?:morning|afternoon|evening),\s+([A-Z][a-z]+)/.exec(all[0].text)?.[1] ?? 'The client';
  const clean = (u: Utterance) => (capacity >= 0.4 ? u.text.replace(FILLER, '') : u.text);
  const knows = (cue: keyof typeof CUES) => capacity >= CUES[cue].from;
  const budget = 2 + Math.round(3 * capacity); // sentences: 3 (small) … 5 (large)

  const out: { order: number; text: string }[] = [];
  // The advisor's recap carries the goals and the risk appetite; a capable model rephrases it.
  const recap = all.find((u) => u.speaker === 'Advisor' && CUES.recap.re.test(u.text));
  const recapped = recap && /you want to (.+?)(?:,\s*with an? (\w+) appetite for risk)?\.?$/i.exec(recap.text);
  if (knows('recap') && recapped) {
    out.push({ order: 1, text: `${name} plans to ${recapped[1]}.` });
    if (recapped[2] && knows('risk')) out.push({ order: 3, text: `Risk appetite is ${recapped[2].toLowerCase()}.` });
  } else if (knows('goal')) {
    const goal = all.find((u) => u.speaker === 'Client' && CUES.goal.re.test(u.text));
    if (goal) out.push({ order: 1, text: sentence(thirdPerson(clean(goal), name, 'Client')) });
  }
  if (knows('risk') && !out.some((o) => o.order === 3)) {
    const risk = all.find((u) => u.speaker === 'Client' && u.index > 0 && CUES.risk.re.test(all[u.index - 1]?.text ?? ''));
    if (risk) out.push({ order: 3, text: `On risk: ${sentence(thirdPerson(clean(risk), name, 'Client'))}` });
  }
  if (knows('lifeEvent')) {
    const events = all.filter((u) => u.speaker === 'Client' && CUES.lifeEvent.re.test(u.text)).slice(0, 2);
    if (events.length)
      out.push({
        order: 2,
        text: `Context: ${events.map((e) => thirdPerson(clean(e), name, 'Client').replace(/[.?!]$/, '')).join(', and ')}.`,
      });
  }
  if (knows('followUp')) {
    const actions = all
      .filter((u) => u.speaker === 'Advisor' && CUES.followUp.re.test(u.text))
      .map((u) => thirdPerson(u.text.replace(/^I will /, ''), name, 'Advisor').replace(/[.?!]$/, ''));
    if (actions.length) out.push({ order: 4, text: `Follow-ups: ${actions.join(' and ')}.` });
  }

  // A weak model pads what is left of its budget with the opening lines, as a model that cannot tell what
  // matters does (a seeded pick decides which); a capable one stops when it has said what matters.
  const opening = all.filter((u) => u.speaker === 'Client').slice(0, 4);
  while (out.length < budget && opening.length && (capacity < 0.7 || out.length === 0)) {
    const pick = capacity < 0.5 ? Math.floor(random() * Math.min(2, opening.length)) : 0;
    const [u] = opening.splice(pick, 1);
    out.push({
      order: capacity >= 0.7 ? 5 : 0,
      text: sentence(capacity >= 0.5 ? capital(thirdPerson(clean(u), name, 'Client')) : clean(u)),
    });
  }
  // A capable model writes in the advisor's order (goals, context, risk, follow-ups); a weak one as it read.
  const ordered = capacity >= 0.7 ? [...out].sort((a, b) => a.order - b.order) : out;
  return ordered
    .slice(0, budget)
    .map((o) => o.text)
    .join(' ');
}

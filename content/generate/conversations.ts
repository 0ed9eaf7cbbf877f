/**
 * Synthetic conversations between Naxt investment advisors and high-net-worth clients. Each is built from the
 * client's situation (facts first), then said in varied words; the reference summary states the same facts the
 * way an advisor wants them. Seeded: the same files every run.
 */
import { mulberry32 } from '../../runner/sandbox/random.ts';
export interface Conversation {
  id: string;
  client: string;
  advisor: string;
  date: string;
  channel: 'call' | 'meeting' | 'email';
  transcript: string;
  reference_summary: string;
  facts: { goals: string[]; riskAppetite: 'low' | 'moderate' | 'high'; lifeEvents: string[]; followUps: string[] };
}

export function rng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}
type R = ReturnType<typeof rng>;

const clients = [
  'Eleanor Whitfield',
  'Rajesh Menon',
  'Sofia Castellanos',
  'Thomas Okafor',
  'Margaret Lindqvist',
  'Daniel Hartmann',
  'Aiko Tanaka',
  'William Ashby',
  'Priya Raman',
  'Henrik Dahl',
  'Catherine Moreau',
  'Jonathan Reyes',
  'Amara Nwosu',
  'Frederick Blake',
  'Isabella Conti',
  'Michael Feldman',
  'Leila Haddad',
  'George Whitmore',
  'Yuki Nakamura',
  'Olivia Bennett',
  'Samuel Adeyemi',
  'Charlotte Dupont',
  'Victor Almeida',
  'Hannah Goldberg',
  'Arjun Kapoor',
  'Natalie Brooks',
  'Lucas Fernandes',
  'Grace Liu',
  'Richard Stanton',
  'Fatima Al-Sayed',
  'Benjamin Clarke',
  'Elena Petrova',
  "Patrick O'Connell",
  'Mei Lin Chen',
  'Robert Kaufman',
  'Ingrid Solberg',
  'Kwame Mensah',
  'Diana Vasquez',
  'Alexander Grant',
  'Nadia Rahman',
  'Christopher Hale',
  'Beatrice Laurent',
  'Omar Farouk',
  'Julia Schneider',
  'Marcus Whitaker',
  'Anika Patel',
  'Stefan Novak',
  'Rosalind Carter',
  'Kenji Watanabe',
  'Lucia Romano',
  'David Abernathy',
  'Sara Lindgren',
  'Emmanuel Osei',
  'Harriet Lawson',
  'Mateo Vargas',
  'Vivian Cho',
  'Edward Pryce',
  'Zara Sheikh',
  'Nicholas Lambert',
  'Teresa Gallagher',
  'Andre Dubois',
  'Mira Iyer',
] as const;
const advisors = ['Alex Morgan', 'Jordan Patel', 'Sam Rivera', 'Casey Whitman', 'Taylor Brooks', 'Jamie Chen'] as const;

const smallTalk = [
  ['How was the trip to Lisbon?', 'Wonderful, thank you. Too much custard tart, but no regrets.'],
  ['I hear the renovation is finally done.', 'Finally, yes. Eight months of dust. We are enjoying the quiet.'],
  ['Did your daughter enjoy the concert last week?', 'She did, she has not stopped talking about it.'],
  ['Good to see you again. Coffee before we start?', 'Please, black, no sugar. Busy morning.'],
  ['How is the golf going?', 'Badly, as always. My handicap is going the wrong way.'],
  ['Thanks for making time on a Friday.', 'Of course. Better to do this before the weekend.'],
  ['How did the charity gala go?', 'Very well, we raised more than we hoped.'],
  ['I saw the photos from the sailing race.', 'We came fourth, which my husband calls a moral victory.'],
] as const;

interface Situation {
  goal: [string, string]; // [fact, how the client says it]
  event?: [string, string];
  followUp: [string, string]; // [fact, how the advisor agrees it]
  numbers: (r: R) => string; // a sentence with amounts the client mentions
}
const situations: ((r: R) => Situation)[] = [
  (r) => {
    const m = r.int(2, 9);
    return {
      goal: [
        `invest an inheritance of about $${m} million`,
        `My mother passed in the spring. I want the inheritance, about $${m} million, invested properly, not sitting in cash.`,
      ],
      event: ['received an inheritance after the death of a parent', 'It has been a difficult year since my mother passed.'],
      followUp: [
        'prepare an investment proposal for the inheritance',
        'I will prepare a proposal for the inheritance before our next meeting.',
      ],
      numbers: (q) => `The executor says the estate should transfer by ${q.pick(['September', 'October', 'the end of the quarter'])}.`,
    };
  },
  (r) => {
    const y = r.int(2, 5);
    return {
      goal: [
        `retire within ${y} years with a stable income`,
        `I would like to stop working in about ${y} years and live on the portfolio.`,
      ],
      event: ['is planning to retire from an executive role', 'The board knows I plan to step down.'],
      followUp: ['model retirement income scenarios', 'I will model a few retirement income scenarios for you.'],
      numbers: (q) => `We spend roughly $${q.int(25, 60)},000 a month, and I do not want that to change.`,
    };
  },
  (r) => ({
    goal: ['reinvest the proceeds of selling the family business', 'We signed the sale of the company, and the proceeds need a plan.'],
    event: ['has sold the family business', 'After thirty years, we sold the business.'],
    followUp: [
      'set up a meeting with the tax specialist about the sale proceeds',
      'I will bring our tax specialist to look at the sale proceeds.',
    ],
    numbers: (q) => `The proceeds are about $${q.int(12, 45)} million after the earn-out, paid in ${q.pick(['two', 'three'])} tranches.`,
  }),
  () => ({
    goal: ['separate and protect assets during a divorce', 'I need to understand what is mine during the divorce and keep it protected.'],
    event: ['is going through a divorce', 'My divorce is going through the courts.'],
    followUp: ["coordinate with the client's lawyer on the asset split", 'I will coordinate with your lawyer on the asset schedule.'],
    numbers: (q) =>
      `Our joint accounts hold around $${q.int(3, 12)} million, and the settlement hearing is in ${q.pick(['March', 'June', 'November'])}.`,
  }),
  (r) => ({
    goal: ['set up a charitable foundation', 'I want to give something back in a structured way, maybe a foundation.'],
    followUp: [
      'send information on donor-advised funds and foundations',
      'I will send you a comparison of a donor-advised fund and a private foundation.',
    ],
    numbers: (q) =>
      `I was thinking of committing about $${q.int(1, 5)} million over ${r.int(5, 10)} years, mostly to ${q.pick(["children's education", 'medical research', 'ocean conservation'])}.`,
  }),
  () => ({
    goal: ['fund university education for the grandchildren', "I want the grandchildren's university to be paid for, whatever they study."],
    event: ['welcomed a new grandchild', 'We had our fourth grandchild in May.'],
    followUp: [
      'propose an education savings plan for the grandchildren',
      'I will propose an education savings structure for each grandchild.',
    ],
    numbers: (q) => `There are ${q.int(3, 6)} grandchildren now, the eldest is ${q.int(8, 14)}.`,
  }),
  (r) => ({
    goal: [
      'reduce concentration in employer stock',
      `Too much of my wealth is in company shares, about ${r.int(40, 75)} percent. I want to bring that down.`,
    ],
    followUp: [
      'design a staged diversification plan for the company stock',
      'I will draft a staged plan to diversify the company shares within the trading windows.',
    ],
    numbers: (q) =>
      `I hold roughly ${q.int(80, 400)},000 shares and the next trading window opens in ${q.pick(['February', 'May', 'August'])}.`,
  }),
  () => ({
    goal: ['align the portfolio with ESG values', 'I do not want to own fossil fuel or weapons companies anymore.'],
    followUp: [
      'review the portfolio for ESG exclusions',
      'I will screen the portfolio against your exclusions and show the impact on returns.',
    ],
    numbers: (q) => `Maybe ${q.int(10, 25)} percent of what we hold would have to go.`,
  }),
  () => ({
    goal: ['buy a second home abroad', 'We are looking at a house in the south of France.'],
    event: ['will spend winters abroad from next year', 'We will spend the winters abroad from next year.'],
    followUp: [
      'check currency and financing options for the property purchase',
      'I will look at the currency exposure and a possible mortgage for the house.',
    ],
    numbers: (q) =>
      `The asking price is about €${q.int(2, 6)} million, and we would like to close before ${q.pick(['summer', 'the new year', 'autumn'])}.`,
  }),
  () => ({
    goal: ['preserve capital after a health scare', 'After the surgery, I care more about not losing money than about growth.'],
    event: ['is recovering from major surgery', 'I had heart surgery in the winter, I am recovering well.'],
    followUp: [
      'update the power of attorney and estate documents',
      'I will ask our estate team to review your power of attorney and will.',
    ],
    numbers: (q) => `I would like at least ${q.int(2, 4)} years of expenses in very safe assets.`,
  }),
  () => ({
    goal: ['plan wealth transfer to the children', 'I want to start passing money to my children while I am alive.'],
    event: ['has a son getting married in the autumn', 'My son is getting married in the autumn.'],
    followUp: ['present gifting and trust options for the children', 'I will present gifting and trust options at our next meeting.'],
    numbers: (q) => `We have ${q.int(2, 4)} children and were thinking of about $${q.int(250, 900)},000 each.`,
  }),
  () => ({
    goal: ['grow the portfolio aggressively for the next decade', 'I am young enough to take risk; I want growth, private equity maybe.'],
    followUp: [
      'share private equity and venture fund opportunities',
      'I will share the private markets opportunities that fit your profile.',
    ],
    numbers: (q) => `I could lock up about $${q.int(2, 8)} million for ten years without needing it.`,
  }),
];

const riskLines: Record<'low' | 'moderate' | 'high', string[]> = {
  low: [
    'Honestly, I cannot stomach big swings anymore. Safety first.',
    'I would rather earn less and sleep well.',
    'After 2008 I promised myself I would never be that exposed again.',
  ],
  moderate: [
    'Some ups and downs are fine, but nothing wild.',
    'A balanced approach suits me, growth but with guardrails.',
    'I can live with a bad year, not a bad decade.',
  ],
  high: [
    'I am comfortable with volatility if the long-term return is there.',
    'Risk does not scare me, missing opportunities does.',
    'I have a long horizon, so I can ride out the drops.',
  ],
};
const riskQuestions = [
  'How do you feel about market swings these days?',
  'Has your view on risk changed since we last spoke?',
  'If the portfolio dropped 15 percent next year, how would you feel?',
];
const hesitations = ['Well, ', 'Hmm, ', 'Um, ', 'Let me think. ', 'You know, ', ''];
const closers = [
  ['Thank you, that was helpful.', 'Always a pleasure. I will be in touch this week.'],
  ['Good, I feel better about all this.', 'That is what we are here for. Talk soon.'],
  ['Send me the documents when you can.', 'I will, by Friday at the latest.'],
] as const;

const pii = (r: R) =>
  r.pick([
    `My account number is ${r.int(1000, 9999)}-${r.int(1000, 9999)}-${r.int(1000, 9999)}, the one at the private bank.`,
    `You can call me on +1 ${r.int(200, 989)} ${r.int(200, 989)} ${r.int(1000, 9999)} if anything urgent comes up.`,
    `The transfer would come from account ${r.int(10000000, 99999999)}.`,
  ]);

const join = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

export function generateConversations(count: number, seed = 20261125): Conversation[] {
  const r = rng(seed);
  const out: Conversation[] = [];
  for (let i = 0; i < count; i++) {
    const client = clients[i % clients.length];
    const first = client.split(' ')[0];
    const advisor = r.pick(advisors);
    const a = situations[i % situations.length](r);
    const b = situations[(i * 7 + 3) % situations.length](r);
    const two = a.goal[0] === b.goal[0] ? [a] : [a, b];
    const risk = r.pick(['low', 'moderate', 'high'] as const);
    const events = two.flatMap((s) => (s.event ? [s.event] : []));
    const turns: string[] = [];
    const A = (s: string) => turns.push(`Advisor: ${s}`);
    const C = (s: string) => {
      const h = r.pick(hesitations);
      turns.push(`Client: ${h}${h.endsWith(', ') && !/^I\b/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s}`);
    };
    const talk = r.pick(smallTalk);
    A(`Good ${r.pick(['morning', 'afternoon'])}, ${first}. ${talk[0]}`);
    C(talk[1]);
    A(r.pick(['What is on your mind today?', 'Where would you like to start?', 'Shall we go through what has changed since last time?']));
    events.forEach((e, k) => {
      if (k > 0) A(r.pick(['And how are things otherwise?', 'Anything else new in the family?', 'Go on.']));
      C(e[1]);
    });
    if (events.length)
      A(
        r
          .pick([
            'I am sorry to hear that, and thank you for telling me.',
            'That is a big change. How are you finding it?',
            'Congratulations on the news.',
          ])
          .replace('sorry to hear that', /grandchild|married/.test(events[0][0]) ? 'glad to hear that' : 'sorry to hear that'),
      );
    two.forEach((s, k) => {
      if (k > 0) A(r.pick(['Anything else you would like to cover?', 'What else is on your list?', 'Is there something else?']));
      C(s.goal[1]);
      A(
        r.pick([
          'Tell me more about that.',
          'What does success look like for you there?',
          'Understood. Any constraints I should know about?',
        ]),
      );
      C(s.numbers(r));
      if (r.next() < 0.3) C(pii(r));
    });
    A(r.pick(riskQuestions));
    C(r.pick(riskLines[risk]));
    A(`So, to make sure I have it right: you want to ${join(two.map((s) => s.goal[0]))}, with a ${risk} appetite for risk.`);
    C(r.pick(['Exactly.', 'Yes, that is it.', 'That sums it up.']));
    for (const s of two) A(s.followUp[1]);
    C(r.pick(['Perfect.', 'Good, thank you.', 'That works.']));
    const end = r.pick(closers);
    C(end[0]);
    A(end[1]);
    const date = new Date(Date.UTC(2026, r.int(0, 9), r.int(1, 28))).toISOString().slice(0, 10);
    const facts = {
      goals: two.map((s) => s.goal[0]),
      riskAppetite: risk,
      lifeEvents: events.map((e) => e[0]),
      followUps: two.map((s) => s.followUp[0]),
    };
    const summary = [
      `${client} ${r.pick(['wants to', 'is looking to', 'plans to'])} ${join(facts.goals)}.`,
      ...(facts.lifeEvents.length ? [`${r.pick(['Context:', 'Life event:', 'Note:'])} ${first} ${join(facts.lifeEvents)}.`] : []),
      `Risk appetite is ${risk}.`,
      `Follow-ups: ${join(facts.followUps)}.`,
    ].join(' ');
    out.push({
      id: `conv-${String(i + 1).padStart(3, '0')}`,
      client,
      advisor,
      date,
      channel: r.pick(['call', 'meeting', 'meeting', 'email']),
      transcript: turns.join('\n'),
      reference_summary: summary,
      facts,
    });
  }
  return out;
}

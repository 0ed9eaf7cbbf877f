/**
 * The stand-in summarizer. It reads the conversation the way a model of its capacity would: a capable one
 * finds the advisor's recap (goals, risk) and the agreed follow-ups; a small one mostly repeats the opening
 * small talk. Deterministic.
 */
export function summarize(transcript: string, capacity: number): string {
  const lines = transcript.split('\n').map((l) => l.trim()).filter(Boolean);
  const said = (who: string) => lines.filter((l) => l.startsWith(`${who}:`)).map((l) => l.slice(who.length + 1).trim());
  const advisor = said('Advisor');
  const client = said('Client');
  const name = /^Good (?:morning|afternoon|evening), ([A-Z][a-z]+)/.exec(advisor[0] ?? '')?.[1] ?? 'The client';
  const recap = advisor.map((l) => /you want to (.+?), with an? (\w+) appetite for risk/i.exec(l)).find(Boolean);
  const followUps = advisor.filter((l) => /^I will /.test(l)).map((l) => l.replace(/^I will /, '').replace(/\.$/, '').replace(/\byou\b/g, 'the client').replace(/\byour\b/g, 'their'));

  const parts: string[] = [];
  // What a small model does: echo the start of the conversation.
  const chatter = Math.round((1 - capacity) * 4);
  for (const l of client.slice(0, chatter)) parts.push(l.replace(/^(Um|Hmm|Well|You know|Let me think)[,.]\s*/i, ''));
  if (recap && capacity >= 0.5) parts.push(`${name} plans to ${recap[1]}.`);
  if (recap && capacity >= 0.55) parts.push(`Risk appetite is ${recap[2].toLowerCase()}.`);
  if (followUps.length && capacity >= 0.65) parts.push(`Follow-ups: ${followUps.join(' and ')}.`);
  if (capacity >= 0.85) {
    const event = client.find((l) => /passed|surgery|divorce|married|grandchild|sold|step down|abroad|winters/i.test(l));
    if (event) parts.push(`Context: ${event.replace(/^(Um|Hmm|Well|You know|Let me think)[,.]\s*/i, '')}`);
  }
  if (parts.length === 0) parts.push(...client.slice(0, 2));
  return parts.join(' ');
}

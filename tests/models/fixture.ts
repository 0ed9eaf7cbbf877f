import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MODELS = { small: 'fixture-small-1b', medium: 'fixture-medium-7b', large: 'fixture-large-40b' } as const;

export const TRANSCRIPT = [
  'Advisor: Good morning, Anna. How was the sailing trip?',
  'Client: Um, lovely, the weather held all week.',
  'Advisor: What has changed since last time?',
  'Client: You know, my father passed in March and left me the house.',
  'Client: I want to sell the house and invest the proceeds.',
  'Advisor: If the market dropped 15 percent, how would you feel?',
  'Client: Well, I would rather earn less and sleep well.',
  'Advisor: So, to make sure I have it right: you want to invest the proceeds of the house sale, with a low appetite for risk.',
  'Client: That is it.',
  'Advisor: I will send you a conservative portfolio proposal.',
  'Advisor: I will introduce you to our estate planner.',
].join('\n');

/** A small content folder: three catalog models, two articles. */
export function fixtureContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'naxt-models-'));
  mkdirSync(join(dir, 'knowledge-base'));
  writeFileSync(
    join(dir, 'catalog.json'),
    JSON.stringify({
      models: [
        { modelId: MODELS.small, sizeTier: 'small', parametersB: 1 },
        { modelId: MODELS.medium, sizeTier: 'medium', parametersB: 7 },
        { modelId: MODELS.large, sizeTier: 'large', parametersB: 40 },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'knowledge-base', 'articles.json'),
    JSON.stringify([
      {
        id: 'kb-desk',
        title: 'Booking a desk',
        category: 'Workplace',
        body: 'Desks are booked in the Naxt Spaces app. Bookings open 14 days ahead. Unused bookings are released at 10 am.',
      },
      {
        id: 'kb-laptop',
        title: 'Ordering a laptop',
        category: 'IT',
        body: 'Laptops are ordered through the IT Service Portal. The lead time for a standard laptop is 5 business days after approval.',
      },
    ]),
  );
  return dir;
}

export const text = (body: unknown): string =>
  Array.isArray(body)
    ? String((body[0] as { generated_text: string }).generated_text)
    : String((body as { choices: { message: { content: string } }[] }).choices[0].message.content);

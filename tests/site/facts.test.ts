import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { hoursInWords } from '../../site/src/lib/duration.ts';
import { hourlyPrice, usd } from '../../core/prices.ts';
import { loadPrices } from '../../content/load.ts';

/** Facts the home page, the README, the callouts and the cost meter show: each from one place, drift caught here. */
const labsDir = join(process.cwd(), 'labs');
const labs = readdirSync(labsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
  .map((d) => d.name);
const mdx = (lab: string) => readFileSync(join(labsDir, lab, 'lab.mdx'), 'utf8');
const minutes = labs.reduce((n, lab) => n + Number((parse(/^---\n([\s\S]*?)\n---/.exec(mdx(lab))![1]) as { minutes: number }).minutes), 0);

describe('facts in one place', () => {
  it('the README says the workshop length the home page computes from the labs', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const words = hoursInWords(minutes);
    expect(readme).toContain(`A ${words.replace(/ hours?$/, '-hour')}`);
  });

  it('no lab writes an hourly price by hand: <Price> reads content/prices.json', () => {
    for (const lab of labs) {
      const text = mdx(lab).replace(/^---\n[\s\S]*?\n---/, '');
      expect(text, lab).not.toMatch(/\$\d+\.\d+\s*(per hour|\/h(our)?\b)/);
    }
  });

  it('the meter and the callouts round a price the same way ($1.515 is $1.52 everywhere)', () => {
    const price = hourlyPrice(loadPrices(join(process.cwd(), 'content')), 'ml.g5.2xlarge', 'hosting')!;
    expect(usd(price)).toBe('1.52');
    expect(usd(1.515)).toBe('1.52');
    expect(usd(0.005)).toBe('0.01');
    expect(usd(2)).toBe('2.00');
  });

  it('hours in words: nearest half hour', () => {
    expect(hoursInWords(115)).toBe('two hours');
    expect(hoursInWords(100)).toBe('one and a half hours');
    expect(hoursInWords(60)).toBe('one hour');
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// A failed check says what is wrong *and* what to do: every `fail(message)` carries a hint.
describe('every failing check gives the learner a hint', () => {
  it('has no fail() with a message alone in any lab', () => {
    const alone: string[] = [];
    for (const lab of readdirSync('labs')) {
      const file = join('labs', lab, 'checks.ts');
      if (!existsSync(file)) continue;
      const src = readFileSync(file, 'utf8');
      // fail('…') or fail(`…`) closed right after its one string argument.
      for (const m of src.matchAll(/\bfail\((['`])(?:(?!\1)[^\\]|\\.)*\1\)/g)) alone.push(`${lab}: ${m[0].slice(0, 90)}`);
    }
    expect(alone).toEqual([]);
  });
});

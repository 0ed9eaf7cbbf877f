import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSTRAINT_CHECK_TYPES } from '../../../core/model-monitor.ts';

/**
 * Model Monitor's prebuilt container reports six constraint check types and no others (AWS guide, "Schema for
 * Violations (constraint_violations.json file)", docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-interpreting-violations.html).
 * The sandbox's monitor must not invent more (it once reported pii_check and toxicity_check).
 */
const DOCUMENTED: readonly string[] = CONSTRAINT_CHECK_TYPES;

describe('the sandbox monitor reports only the violation types Model Monitor has', () => {
  it('every constraint_check_type in the monitor source is a documented one', () => {
    const dir = join(import.meta.dirname, '../../../runner/sandbox/sagemaker');
    const found = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/constraint_check_type: '([a-z_]+)'/g)].map((m) => m[1]));
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((t) => !DOCUMENTED.includes(t))).toEqual([]);
  });
});

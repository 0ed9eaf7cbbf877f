import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kernel } from '../../runner/kernel/kernel.ts';
import type { CellEvent } from '../../runner/contracts.ts';

describe('a dynamic import() in a cell or the terminal', () => {
  let k: Kernel;
  beforeAll(async () => {
    k = await Kernel.start({ env: {}, cwd: process.cwd() });
  });
  afterAll(async () => {
    await k.dispose();
  });

  const run = async (code: string) => {
    const events: CellEvent[] = [];
    const status = await k.execute(code, (e) => events.push(e));
    return { status, text: events.map((e) => ('text' in e ? e.text : e.type === 'error' ? `${e.name}: ${e.message}` : '')).join('') };
  };

  it('loads the module, as a static import does (no "dynamic import callback was not specified")', async () => {
    const r = await run(
      'const os = await import("node:os");\nconst { parse } = await import("yaml");\n[typeof os.cpus, typeof parse].join(" ")',
    );
    expect(r.text).not.toMatch(/dynamic import callback/);
    expect(r.status).toBe('ok');
    expect(r.text).toContain('function function');
  });

  it('works inside a function and keeps error lines where they were', async () => {
    const r = await run('async function load() { return (await import("node:path")).sep; }\nawait load()');
    expect(r.text).toContain('/');
    const bad = await run('const x = 1;\nawait import("no-such-package-anywhere")');
    expect(bad.status).toBe('error');
    expect(bad.text).toMatch(/no-such-package-anywhere/);
  });
});

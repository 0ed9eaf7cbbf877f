import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { LabTypes, WARM_QUIET_MS, browserBusy } from '../../runner/types/lab-types.ts';
import { TypesBuilder } from '../../runner/types/library-pool.ts';

/**
 * The background builds of the other labs' types (npm start, once the URL is out) wait while a page is loading its
 * types: on a two-core laptop they would otherwise take a core from the editor parsing them.
 */
describe('LabTypes.warm', () => {
  let built: string[];
  beforeEach(() => {
    vi.useFakeTimers();
    built = [];
    vi.spyOn(TypesBuilder.prototype, 'build').mockImplementation(async (_dir: string, slug: string) => {
      built.push(slug);
      return { gzip: Buffer.alloc(0), etag: `"${slug}"`, inputs: [], stamp: '' };
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
  const lab = (slug: string) => ({ slug, dir: `/labs/${slug}` });

  it('builds at once when no page is asking for types', async () => {
    const types = new LabTypes('/project');
    await types.warm([lab('00-setup'), lab('01-filter-deploy')]);
    expect(built).toEqual(['00-setup', '01-filter-deploy']);
  });

  it("holds off while a page is loading its lab's manifest and bundles, then builds the rest", async () => {
    const types = new LabTypes('/project');
    await types.payload(lab('00-setup'));
    const warming = types.warm([lab('00-setup'), lab('01-filter-deploy'), lab('02-monitor')]);
    await vi.advanceTimersByTimeAsync(WARM_QUIET_MS - 1000);
    types.bundle('0'.repeat(32)); // the page's bundles come after its manifest: the quiet starts again
    await vi.advanceTimersByTimeAsync(WARM_QUIET_MS - 500);
    expect(built).toEqual(['00-setup']);
    await vi.advanceTimersByTimeAsync(1000);
    await warming;
    expect(built).toEqual(['00-setup', '01-filter-deploy', '02-monitor']);
  });

  it('builds a lab a page asks for at once, even while the background builds wait', async () => {
    const types = new LabTypes('/project');
    await types.payload(lab('00-setup'));
    void types.warm([lab('01-filter-deploy')]);
    await types.payload(lab('03-evaluate-select'));
    expect(built).toEqual(['00-setup', '03-evaluate-select']);
  });

  it('holds off after a page loads or the editor downloads, as when `npm start` has just printed its link', async () => {
    const types = new LabTypes('/project');
    const app = new Hono().use('*', browserBusy(types)).get('*', (c) => c.text('ok'));
    await app.request('/labs/00-setup/', { headers: { 'sec-fetch-dest': 'document' } });
    const warming = types.warm([lab('01-filter-deploy'), lab('02-monitor')]);
    await vi.advanceTimersByTimeAsync(WARM_QUIET_MS - 1000);
    await app.request('/editor/0123456789ab/editor.js', { headers: { 'sec-fetch-dest': 'script' } });
    await vi.advanceTimersByTimeAsync(WARM_QUIET_MS - 500);
    expect(built).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    await warming;
    expect(built).toEqual(['01-filter-deploy', '02-monitor']);
  });

  it("is not held off by the page's own polling of the API", async () => {
    const types = new LabTypes('/project');
    const app = new Hono().use('*', browserBusy(types)).get('*', (c) => c.text('ok'));
    await app.request('/api/sessions/s1/bill', { headers: { 'sec-fetch-dest': 'empty' } });
    await types.warm([lab('01-filter-deploy')]);
    expect(built).toEqual(['01-filter-deploy']);
  });
});

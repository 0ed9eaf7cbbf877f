import type { MiddlewareHandler } from 'hono';
import type { Lab } from '../labs/catalog.ts';
import { TypesBuilder, type TypesPayload } from './library-pool.ts';
import { currentStamp } from './freshness.ts';

/**
 * How long the background builds hold off after the learner's browser was last busy (a page loading, the editor or
 * its types downloading): the editor is then starting and parsing the types, and on a two-core laptop a build beside
 * it (seconds of CPU) would slow the learner's first type hints.
 */
export const WARM_QUIET_MS = 3000;

/**
 * Every lab's type declarations as the editor asks for them, built in a worker thread (seconds of CPU the runner's
 * event loop must not spend) and kept in memory gzipped. A manifest is rebuilt on the next request once a project
 * file it was built from (labs/lib, the lab's scope.d.ts and cells) has changed. `npm start` fills it while the site
 * builds, so the learner's first click into a cell finds the declarations ready.
 */
export class LabTypes {
  private readonly builder: TypesBuilder;
  private readonly cache = new Map<string, Promise<TypesPayload>>();
  /** When the learner's browser was last busy (ms since the epoch). */
  private lastBusy = 0;

  constructor(projectDir: string) {
    this.builder = new TypesBuilder(projectDir);
  }

  /** A lab's manifest payload, for a page: the cached one while its inputs are unchanged, else a fresh build. */
  payload(lab: Pick<Lab, 'slug' | 'dir'>): Promise<TypesPayload> {
    this.busy();
    return this.load(lab);
  }

  private async load(lab: Pick<Lab, 'slug' | 'dir'>): Promise<TypesPayload> {
    const cached = this.cache.get(lab.slug);
    if (cached) {
      const built = await cached.catch(() => undefined);
      if (built && (await currentStamp(built.inputs)) === built.stamp) return built;
      const now = this.cache.get(lab.slug);
      if (now && now !== cached) return this.load(lab); // another request has started the rebuild
    }
    const p = this.builder.build(lab.dir, lab.slug);
    p.catch(() => this.cache.get(lab.slug) === p && this.cache.delete(lab.slug)); // a failed build is retried by the next request
    this.cache.set(lab.slug, p);
    return p;
  }

  /** A package bundle's JSON, gzipped, if a build has produced it. */
  bundle(hash: string): Buffer | undefined {
    this.busy();
    return this.builder.bundle(hash);
  }

  /**
   * Builds every lab's declarations, one after the other, each once the learner's browser has been quiet for
   * WARM_QUIET_MS; a failure is left to the page's own request to report.
   */
  async warm(labs: readonly Pick<Lab, 'slug' | 'dir'>[]): Promise<void> {
    for (const lab of labs) {
      for (let wait = this.quietIn(); wait > 0; wait = this.quietIn()) await new Promise((r) => setTimeout(r, wait).unref());
      await this.load(lab).catch(() => undefined);
    }
  }

  /** The learner's browser is busy: a page is loading, or the editor (types asked for here count on their own). */
  busy(): void {
    this.lastBusy = Date.now();
  }

  private quietIn(): number {
    return this.lastBusy + WARM_QUIET_MS - Date.now();
  }

  close(): Promise<void> {
    return this.builder.close();
  }
}

/**
 * Tells `types` when the learner's browser is busy: a page loading (a navigation, by its Sec-Fetch-Dest) or the
 * editor's code downloading. The API's own polling does not count, or the background builds would never run.
 */
export const browserBusy =
  (types: Pick<LabTypes, 'busy'>): MiddlewareHandler =>
  async (c, next) => {
    if (c.req.header('sec-fetch-dest') === 'document' || c.req.path.startsWith('/editor/')) types.busy();
    await next();
  };

import { join } from 'node:path';
import type { CellEvent } from '../contracts.ts';
import { readJson, writeJsonAtomic, WriteQueue } from '../store/atomic-file.ts';

/** The output of a cell's last run, as the page showed it, so a reload or a restarted runner shows it again. */
export interface StoredOutput {
  at: string;
  events: CellEvent[];
}

/** Stored output is bounded: a cell that printed megabytes keeps its beginning, its end state and a note. */
export const STORED_OUTPUT_MAX_BYTES = 512 * 1024;

export function boundOutput(events: CellEvent[], maxBytes = STORED_OUTPUT_MAX_BYTES): CellEvent[] {
  let size = 0;
  const kept: CellEvent[] = [];
  for (const [i, e] of events.entries()) {
    const bytes = JSON.stringify(e).length;
    if (size + bytes > maxBytes) {
      const done = events.findLast((x) => x.type === 'done');
      const errors = events
        .slice(i)
        .filter((x) => x.type === 'error')
        .slice(-1);
      kept.push(
        {
          type: 'notice',
          level: 'warning',
          text: `Only the first ${Math.round(maxBytes / 1024)} KB of this output were kept; run the cell again to see all of it.`,
        },
        ...errors,
      );
      if (done && done !== kept.at(-1)) kept.push(done);
      return kept;
    }
    size += bytes;
    kept.push(e);
  }
  return kept;
}

/** One file per lab: `<dataDir>/sessions/<id>/outputs/<lab>.json`, `{ [cell]: StoredOutput }`, written atomically. */
export class OutputStore {
  private queues = new Map<string, WriteQueue>();

  constructor(private readonly dataDir: string) {}

  private file(sessionId: string, lab: string): string {
    return join(this.dataDir, 'sessions', sessionId, 'outputs', `${lab}.json`);
  }

  async get(sessionId: string, lab: string): Promise<Record<string, StoredOutput>> {
    return (await readJson<Record<string, StoredOutput>>(this.file(sessionId, lab))) ?? {};
  }

  save(sessionId: string, lab: string, cell: string, events: CellEvent[]): Promise<void> {
    const key = `${sessionId}/${lab}`;
    const queue = this.queues.get(key) ?? new WriteQueue();
    this.queues.set(key, queue);
    return queue.run(async () => {
      const all = await this.get(sessionId, lab);
      all[cell] = { at: new Date().toISOString(), events: boundOutput(events) };
      await writeJsonAtomic(this.file(sessionId, lab), all);
    });
  }

  async flush(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.run(async () => undefined)));
  }
}

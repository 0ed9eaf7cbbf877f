/** What every cell sees besides its own code: the session's workshop values and the display helpers. */
import type { ChartSpec, WorkshopGlobals } from '../core/workshop.ts';

declare global {
  /** The session's workshop values: bucket, tags, name prefix, region, execution role. */
  const workshop: WorkshopGlobals;
  /** Shows rich output under the cell: HTML, tables and charts. */
  const display: {
    (mime: string, data: unknown): void;
    html(html: string): void;
    table(rows: Record<string, unknown>[]): void;
    chart(spec: ChartSpec): void;
  };
}
export {};

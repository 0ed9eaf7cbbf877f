/**
 * The session's workshop values, as every cell sees them in the global `workshop` and every check reads them.
 * Types only, with no imports: the runner, the labs' checks and the site all take them from here.
 */

export type Target = 'sandbox' | 'aws';

/** Values every cell sees as the global `workshop` (declared for tsc in labs/workshop-env.d.ts). */
export interface WorkshopGlobals {
  sessionId: string;
  region: string;
  accountId: string;
  /** The workshop bucket of this learner's session: `naxt-genai-<accountId>-<sessionId>` (runner/sessions.ts names it). */
  bucket: string;
  /** Name prefix of every resource: `naxt-`. */
  prefix: string;
  /** Tags every created resource carries. */
  tags: { Key: string; Value: string }[];
  /** SageMaker execution role ARN. */
  roleArn: string;
  target: Target;
}

/** A chart a cell shows with `display.chart(spec)` (mime application/vnd.workshop.chart+json). */
export interface ChartSpec {
  type: 'line' | 'bar' | 'scatter';
  title?: string;
  x: (number | string)[];
  series: { name: string; values: number[] }[];
  xLabel?: string;
  yLabel?: string;
  /** What each x is, written next to its points (a scatter's model names). */
  labels?: string[];
  /**
   * Lines a value must reach (`atMost`: must stay under): Naxt's bars. `series` draws the rule with that series
   * (a scatter's panel), `x` over that category of a bar chart; neither: across the whole chart.
   */
  rules?: { y: number; label: string; series?: string; x?: number | string; atMost?: boolean }[];
  /** Bar charts: stack the series of each x (parts of one total) rather than set them side by side. */
  stacked?: boolean;
}

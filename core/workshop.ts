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

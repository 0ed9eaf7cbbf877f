import type { CellEvent } from '../contracts.ts';

/** What the kernel needs to estimate long operations: `kind:status` → typical wall-clock ms on this target. */
export interface ProgressConfig {
  estimatesMs: Record<string, number>;
  /** On the sandbox: the unscaled figures, shown beside the estimate. */
  realAccountMs?: Record<string, number>;
}

/** Parent → child messages. */
export type ToChild =
  | { type: 'init'; globals: Record<string, unknown>; aliases: Record<string, string>; outputCapBytes: number; progress?: ProgressConfig }
  | { type: 'exec'; id: number; code: string; filename: string }
  | { type: 'interrupt'; id: number }
  | { type: 'ledger-ack'; id: number };

/** What the kernel reports of a create call that carries the workshop tags (or names a workshop bucket). */
export interface LedgerEntry {
  phase: 'intent' | 'created' | 'failed';
  op: string;
  name: string;
  arn?: string;
  error?: string;
}

/** Child → parent messages. Events carry the id of the cell they belong to. */
export type FromChild =
  | { type: 'ready' }
  | { type: 'event'; id: number; event: CellEvent }
  | { type: 'finished'; id: number; status: 'ok' | 'error' | 'interrupted' }
  | { type: 'ledger'; id: number; entry: LedgerEntry };

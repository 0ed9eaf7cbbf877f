import type { CellEvent } from '../contracts.ts';

/** What the kernel needs to estimate long operations: `kind:status` → typical wall-clock ms on this target. */
export interface ProgressConfig {
  estimatesMs: Record<string, number>;
  /** On the sandbox: the unscaled figures, shown beside the estimate. */
  realAccountMs?: Record<string, number>;
}

/** Parent → child messages. */
export type ToChild =
  | {
      type: 'init';
      globals: Record<string, unknown>;
      aliases: Record<string, string>;
      outputCapBytes: number;
      progress?: ProgressConfig;
      /** Resident memory the kernel may hold (heap, Buffers, native): over it the watchdog ends the kernel. */
      rssLimitMb: number;
      /** The kernel leads its own process group: killing the group ends everything its cells started. */
      groupLeader: boolean;
    }
  | { type: 'exec'; id: number; code: string; filename: string }
  /** `seq` counts interrupts; the watchdog received the same count as bytes on fd 4. */
  | { type: 'interrupt'; id: number; seq: number }
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

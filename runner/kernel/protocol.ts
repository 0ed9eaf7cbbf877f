import type { CellEvent } from '../contracts.ts';

/** Parent → child messages. */
export type ToChild =
  | { type: 'init'; globals: Record<string, unknown>; aliases: Record<string, string>; outputCapBytes: number }
  | { type: 'exec'; id: number; code: string; filename: string }
  | { type: 'interrupt'; id: number };

/** Child → parent messages. Events carry the id of the cell they belong to. */
export type FromChild =
  | { type: 'ready' }
  | { type: 'event'; id: number; event: CellEvent }
  | { type: 'finished'; id: number; status: 'ok' | 'error' | 'interrupted' };

import type { CellStatus } from '../../../runner/contracts.ts';

/** How a run ended, in words for the cell's status line ("Interrupted after 3.0 s"), never a raw status code. */
export function endedText(status: CellStatus, durationMs: number): string {
  const s = `${(durationMs / 1000).toFixed(1)} s`;
  switch (status) {
    case 'ok':
      return `Done in ${s}`;
    case 'error':
      return `Error in ${s}`;
    case 'interrupted':
      return `Interrupted after ${s}`;
    case 'timeout':
      return `Stopped at the time limit after ${s}`;
    case 'died':
      return `The kernel stopped after ${s}: Run starts a fresh one`;
  }
}

/** The status line after a reload, from the saved last run. */
export function lastRunText(status: CellStatus, runs: number): string {
  switch (status) {
    case 'ok':
      return `Ran ${runs} time${runs === 1 ? '' : 's'}.`;
    case 'error':
      return 'Last run ended with an error.';
    case 'interrupted':
      return 'Last run was interrupted.';
    case 'timeout':
      return 'Last run was stopped at the time limit.';
    case 'died':
      return 'Last run stopped the kernel.';
  }
}

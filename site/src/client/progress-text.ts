/** Words for a long operation's progress, shared by the cell output and the terminal (pure: tested in node). */
import type { ProgressEvent } from './api.ts';
import { kindLabel } from '../../../core/kinds.ts';

/** 0.4 s, 12 s, 2 min 5 s, 1 h 3 min: precise while it is short (the sandbox), calm when it is long (AWS). */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const total = Math.round(s);
  const m = Math.floor(total / 60);
  const rest = total % 60;
  if (m < 60) return rest ? `${m} min ${rest} s` : `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The fraction to draw `sinceMs` after the event arrived: a running estimate keeps moving between polls, capped. */
export function fractionAt(e: ProgressEvent, sinceMs = 0): number | undefined {
  if (e.state !== 'running') return e.fraction;
  if (!e.estimateMs) return undefined;
  return Math.min(0.95, (e.elapsedMs + sinceMs) / e.estimateMs);
}

/** Status, with the secondary status or the current step. */
export const statusText = (e: ProgressEvent) => (e.detail && e.detail !== e.status ? `${e.status} · ${e.detail}` : e.status);

/** Elapsed time and what is known of the rest. */
export function timeText(e: ProgressEvent, sinceMs = 0): string {
  const elapsed = e.elapsedMs + (e.state === 'running' ? sinceMs : 0);
  if (e.state !== 'running') return `${e.state === 'succeeded' ? 'took' : 'after'} ${formatDuration(elapsed)}`;
  if (!e.estimateMs) return `${formatDuration(elapsed)} elapsed`;
  const left = e.estimateMs - elapsed;
  const real = e.realAccountMs ? `, ${formatDuration(e.realAccountMs)} on a real account` : '';
  return `${formatDuration(elapsed)} elapsed · typically ${formatDuration(e.estimateMs)}${real}${left > 0 ? ` (about ${formatDuration(left)} left)` : ' (taking longer than usual)'}`;
}

/** What a screen reader says for the bar (aria-valuetext). */
export const valueText = (e: ProgressEvent, sinceMs = 0) => `${statusText(e)}, ${timeText(e, sinceMs)}`;

/** The polite announcement of the end: "Endpoint naxt-x is InService (took 6 min 2 s)." */
export function finalText(e: ProgressEvent): string {
  const what = `${kindLabel(e.kind)} ${e.name}`;
  const time = formatDuration(e.elapsedMs);
  if (e.state === 'succeeded') return `${what} is ${e.status} (took ${time}).`;
  return `${what} ended ${e.status} after ${time}${e.reason ? `: ${e.reason}` : '.'}`;
}

/** One terminal line, rewritten in place with \r while the operation runs (no ANSI colour: the caller adds it). */
export function terminalLine(e: ProgressEvent, width = 20, sinceMs = 0): string {
  const f = fractionAt(e, sinceMs);
  const bar = f === undefined ? '·'.repeat(width) : '█'.repeat(Math.round(f * width)).padEnd(width, '░');
  const pct = f === undefined ? '' : ` ${Math.round(f * 100)}%`;
  const mark = e.state === 'running' ? '…' : e.state === 'succeeded' ? '✓' : '✗';
  return `${mark} ${kindLabel(e.kind)} ${e.name} [${bar}]${pct} ${statusText(e)} · ${timeText(e, sinceMs)}${e.reason ? ` — ${e.reason}` : ''}`;
}

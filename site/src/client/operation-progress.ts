import type { ProgressEvent } from './api.ts';
import { finalText, fractionAt, statusText, timeText, valueText } from './progress-text.ts';
import { kindLabel } from '../../../core/kinds.ts';
import '../styles/progress.css';

interface Bar {
  box: HTMLElement;
  meter: HTMLProgressElement;
  status: HTMLElement;
  time: HTMLElement;
  reason: HTMLElement;
  live: HTMLElement;
  last: ProgressEvent;
  receivedAt: number;
}

/**
 * The live progress bars of one cell's output: one per operation, redrawn in place as events arrive, ticking between
 * polls so the elapsed time never freezes, and announcing the end politely.
 */
export class ProgressBars {
  private bars = new Map<string, Bar>();
  private ticker: number | undefined;

  /** Updates the bar of `e.id`; `place` puts a new bar where the event arrived in the output. */
  update(e: ProgressEvent, place: () => HTMLElement): void {
    let bar = this.bars.get(e.id);
    if (!bar) {
      const box = place();
      if (!box.isConnected) return; // the output was cleared (a new run) before this event was drawn
      bar = this.create(e, box);
      this.bars.set(e.id, bar);
    }
    bar.last = e;
    bar.receivedAt = performance.now();
    this.draw(bar);
    if (e.state !== 'running') bar.live.textContent = finalText(e);
    this.ticker ??= window.setInterval(() => this.tick(), 1000);
  }

  /** The cell has finished: bars stop moving; one still running is no longer watched. */
  settle(): void {
    this.stopTicking();
    for (const bar of this.bars.values()) {
      if (bar.last.state !== 'running') continue;
      bar.box.dataset.state = 'unwatched';
      bar.time.textContent = `${timeText(bar.last)} — the cell stopped waiting; it goes on in the account.`;
    }
  }

  dispose(): void {
    this.stopTicking();
    this.bars.clear();
  }

  private stopTicking(): void {
    if (this.ticker !== undefined) window.clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private tick(): void {
    let moving = false;
    for (const bar of this.bars.values())
      if (bar.last.state === 'running') {
        this.draw(bar);
        moving = true;
      }
    if (!moving) this.stopTicking();
  }

  private create(e: ProgressEvent, box: HTMLElement): Bar {
    box.className = 'op-progress';
    // The output is a polite live region: a bar that ticks every second must not talk; only its end does (below).
    box.setAttribute('aria-live', 'off');
    const head = document.createElement('div');
    head.className = 'op-head';
    const kind = document.createElement('span');
    kind.className = 'op-kind';
    kind.textContent = kindLabel(e.kind);
    const name = document.createElement('code');
    name.className = 'op-name';
    name.textContent = e.name;
    const status = document.createElement('span');
    status.className = 'op-status';
    head.append(kind, ' ', name, ' ', status);
    const meter = document.createElement('progress');
    meter.className = 'op-meter';
    meter.max = 100;
    meter.setAttribute('aria-label', `${kindLabel(e.kind)} ${e.name}`);
    const time = document.createElement('div');
    time.className = 'op-time';
    const reason = document.createElement('p');
    reason.className = 'op-reason';
    reason.hidden = true;
    const live = document.createElement('p');
    live.className = 'visually-hidden';
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('role', 'status');
    box.append(head, meter, time, reason, live);
    return { box, meter, status, time, reason, live, last: e, receivedAt: performance.now() };
  }

  private draw(bar: Bar): void {
    const e = bar.last;
    const since = performance.now() - bar.receivedAt;
    const f = fractionAt(e, since);
    bar.box.dataset.state = e.state;
    bar.status.textContent = statusText(e);
    bar.time.textContent = timeText(e, since);
    if (f === undefined) {
      // Indeterminate: nobody can say how long (a person labeling, a pipeline of any shape).
      bar.meter.removeAttribute('value');
      bar.meter.removeAttribute('aria-valuenow');
    } else {
      const pct = Math.round(f * 100);
      bar.meter.value = pct;
      bar.meter.setAttribute('aria-valuenow', String(pct));
    }
    bar.meter.setAttribute('aria-valuetext', valueText(e, since));
    bar.reason.hidden = !e.reason;
    bar.reason.textContent = e.reason ?? '';
  }
}

import { cost, workshop } from './api.ts';
import { usd } from '../../../core/prices.ts';

/** The header's account and cost meter: target, running resources, $/hour now, estimated total. */
export class WorkshopCost extends HTMLElement {
  private timer: number | undefined;
  private sandbox = false;
  private lastRunning: string | undefined;

  connectedCallback(): void {
    void workshop()
      .then((w) => {
        const target = this.querySelector<HTMLElement>('[data-target]')!;
        target.textContent = w.target === 'sandbox' ? `Sandbox account · ${w.region}` : `AWS account ${w.accountId} · ${w.region}`;
        target.classList.toggle('real', w.target === 'aws');
        this.sandbox = w.target === 'sandbox';
        void this.poll();
      })
      .catch(() => {
        this.querySelector('[data-target]')!.textContent = 'Not connected — open the link printed by npm start';
      });
  }

  disconnectedCallback(): void {
    clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    const meter = this.querySelector<HTMLElement>('[data-meter]')!;
    try {
      const c = await cost();
      meter.hidden = false;
      // The sandbox bills nothing: its figures are what the same resources would cost on AWS, and say so.
      meter.textContent = `${c.running.length} running · $${usd(c.perHourUsd)}/h · ~$${usd(c.totalUsd)} ${this.sandbox ? 'if on AWS' : 'so far'}`;
      const lines = c.running.map((r) => `${r.kind} ${r.name}: ${r.count} × ${r.instanceType} at $${usd(r.perHourUsd, 3)}/h`);
      meter.title =
        [this.sandbox ? 'The sandbox costs nothing; these are the prices on a real AWS account.' : '', ...lines]
          .filter(Boolean)
          .join('\n') || 'Nothing billable is running.';
      // Announce what starts or stops, not every tick of the total.
      const running = lines.join('\n');
      if (this.lastRunning !== undefined && running !== this.lastRunning) {
        this.querySelector('[data-cost-live]')!.textContent =
          `${c.running.length} billable resource${c.running.length === 1 ? '' : 's'} running, $${usd(c.perHourUsd)} per hour${this.sandbox ? ' on a real account' : ''}.`;
      }
      this.lastRunning = running;
      meter.classList.toggle('active', c.running.length > 0);
    } catch {
      // The runner may be busy or restarting: try again later.
    }
    this.timer = window.setTimeout(() => void this.poll(), document.hidden ? 30_000 : 8_000);
  }
}

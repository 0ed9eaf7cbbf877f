import { cost, workshop } from './api.ts';

/** The header's account and cost meter: target, running resources, $/hour now, estimated total. */
export class WorkshopCost extends HTMLElement {
  private timer: number | undefined;

  connectedCallback(): void {
    void workshop().then((w) => {
      const target = this.querySelector<HTMLElement>('[data-target]')!;
      target.textContent = w.target === 'sandbox' ? `Sandbox account · ${w.region}` : `AWS account ${w.accountId} · ${w.region}`;
      target.classList.toggle('real', w.target === 'aws');
      void this.poll();
    }).catch(() => {
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
      meter.textContent = `${c.running.length} running · $${c.perHourUsd.toFixed(2)}/h · ~$${c.totalUsd.toFixed(2)} so far`;
      meter.title = c.running.map((r) => `${r.kind} ${r.name}: ${r.count} × ${r.instanceType} at $${r.perHourUsd.toFixed(3)}/h`).join('\n') || 'Nothing billable is running.';
      meter.classList.toggle('active', c.running.length > 0);
    } catch {
      // The runner may be busy or restarting: try again later.
    }
    this.timer = window.setTimeout(() => void this.poll(), document.hidden ? 30_000 : 8_000);
  }
}

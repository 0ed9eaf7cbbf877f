import { check, progress } from './api.ts';
import { refreshMarks } from './progress.ts';

/** A step's Check button: asks the runner to read the account, shows pass or fail with its hint. */
export class WorkshopCheck extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector<HTMLButtonElement>('[data-action="check"]')!;
    const result = this.querySelector<HTMLElement>('[data-result]')!;
    button.addEventListener('click', async () => {
      button.disabled = true;
      result.className = 'check-result pending';
      result.textContent = 'Checking…';
      try {
        const r = await check(this.dataset.lab!, this.dataset.step!);
        result.className = `check-result ${r.ok ? 'pass' : 'fail'}`;
        result.replaceChildren();
        const head = document.createElement('strong');
        head.textContent = r.ok ? 'Passed. ' : 'Not yet. ';
        result.append(head, r.message);
        if (r.hint) {
          const hint = document.createElement('p');
          hint.className = 'hint';
          hint.textContent = `Hint: ${r.hint}`;
          result.append(hint);
        }
        refreshMarks(await progress(true));
      } catch (error) {
        result.className = 'check-result fail';
        result.textContent = `The check could not run: ${(error as Error).message}`;
      } finally {
        button.disabled = false;
      }
    });
    void progress().then((p) => {
      const last = p.labs[this.dataset.lab!]?.checks[this.dataset.step!];
      if (last) {
        result.className = `check-result ${last.ok ? 'pass' : 'fail'}`;
        result.textContent = `${last.ok ? 'Passed' : 'Not yet'} (last check): ${last.message}`;
      }
    });
  }
}

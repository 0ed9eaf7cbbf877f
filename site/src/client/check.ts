import { check, progress } from './api.ts';
import { refreshMarks } from './progress.ts';

/** Where to go once a step passes: the next step of the lab, else the next lab (the page's footer link). */
function nextStepLink(check: HTMLElement): HTMLElement {
  const section = check.closest('section.step');
  let next = section?.nextElementSibling;
  while (next && !next.matches('section.step')) next = next.nextElementSibling;
  // Steps may sit in wrappers of the lab's prose: fall back to document order.
  if (!next && section) {
    const all = [...document.querySelectorAll('section.step')];
    next = all[all.indexOf(section) + 1] ?? null;
  }
  const link = document.createElement('a');
  link.className = 'next-step';
  if (next) {
    const title =
      next
        .querySelector('h2')
        ?.textContent?.replace(/^\d+/, '')
        .replace(/✓ passed$/, '')
        .trim() ?? 'next step';
    link.href = `#${next.id}`;
    link.textContent = `Next step: ${title} →`;
    link.addEventListener('click', (e) => {
      e.preventDefault();
      history.replaceState(null, '', `#${next!.id}`);
      next!.scrollIntoView({ behavior: 'smooth', block: 'start' });
      (next!.querySelector<HTMLElement>('[data-editor], button') ?? (next as HTMLElement)).focus({ preventScroll: true });
    });
  } else {
    const footer = document.querySelector<HTMLAnchorElement>('.lab-footer a');
    link.href = footer?.getAttribute('href') ?? '/';
    link.textContent = footer?.textContent ? `${footer.textContent} →` : 'Back to the workshop home →';
  }
  const p = document.createElement('p');
  p.append(link);
  return p;
}

/** A step's Check button: asks the runner to read the account, shows pass or fail with its hint. */
export class WorkshopCheck extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector<HTMLButtonElement>('[data-action="check"]')!;
    const result = this.querySelector<HTMLElement>('[data-result]')!;
    let busy = false;
    // A verdict belongs to the code it checked: when the step's cell runs again, an earlier result is re-checked
    // (after a run that succeeded) or marked as being about the code before that run.
    this.closest('section.step')?.addEventListener('workshop-cell-ran', (e) => {
      if (busy || result.textContent === '') return;
      if ((e as CustomEvent<{ status: string }>).detail.status === 'ok') button.click();
      else {
        result.classList.add('stale');
        result.dataset.stale = '';
        const note = document.createElement('p');
        note.className = 'stale-note';
        note.textContent = 'This result is from before your last run: press Check again.';
        result.querySelector('.stale-note')?.remove();
        result.prepend(note);
      }
    });
    button.addEventListener('click', async () => {
      if (busy) return;
      // aria-disabled, not disabled: a disabled button drops the keyboard focus to the page's top.
      busy = true;
      button.setAttribute('aria-disabled', 'true');
      delete result.dataset.stale;
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
        if (r.ok) result.append(nextStepLink(this));
        refreshMarks(await progress(true));
      } catch (error) {
        result.className = 'check-result fail';
        result.textContent = `The check could not run (${(error as Error).message}). Is the workshop still running? Press Check again in a moment.`;
      } finally {
        busy = false;
        button.removeAttribute('aria-disabled');
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

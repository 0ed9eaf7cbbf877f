import type { SessionProgress } from './api.ts';

/** Marks completed steps and labs (navigation, home, step headings) from the session's progress. */
export function refreshMarks(p: SessionProgress): void {
  let done = 0;
  let total = 0;
  for (const item of document.querySelectorAll<HTMLElement>('[data-lab-item]')) {
    const lab = item.dataset.labItem!;
    const steps = (item.dataset.steps ?? '').split(' ').filter(Boolean);
    const passed = steps.filter((s) => p.labs[lab]?.checks[s]?.ok).length;
    total += steps.length;
    done += passed;
    const mark = item.querySelector<HTMLElement>('[data-lab-progress]');
    if (mark) {
      mark.textContent = steps.length === 0 ? '' : passed === steps.length ? '✓ done' : passed > 0 ? `${passed}/${steps.length}` : '';
      mark.classList.toggle('complete', steps.length > 0 && passed === steps.length);
    }
    item.classList.toggle('complete', steps.length > 0 && passed === steps.length);
  }
  const overall = document.querySelector('[data-overall-progress]');
  if (overall && total > 0) overall.textContent = `You have passed ${done} of ${total} checks.`;

  const main = document.querySelector<HTMLElement>('main[data-lab]');
  if (!main) return;
  const lab = main.dataset.lab!;
  const checks = p.labs[lab]?.checks ?? {};
  let labDone = 0;
  let labTotal = 0;
  for (const section of document.querySelectorAll<HTMLElement>('section.step')) {
    const step = section.dataset.step!;
    const hasCheck = !!section.querySelector('workshop-check');
    if (!hasCheck) continue;
    labTotal += 1;
    const ok = checks[step]?.ok === true;
    if (ok) labDone += 1;
    section.classList.toggle('passed', ok);
    const mark = section.querySelector('[data-step-mark]');
    if (mark) mark.textContent = ok ? '✓ passed' : '';
    const nav = document.querySelector(`[data-nav-step="${step}"]`);
    nav?.classList.toggle('passed', ok);
    if (nav) nav.setAttribute('aria-label', `${nav.textContent ?? ''}${ok ? ' (passed)' : ''}`);
  }
  const summary = document.querySelector('[data-lab-summary]');
  if (summary) summary.textContent = `${labDone} of ${labTotal} checks passed`;
}

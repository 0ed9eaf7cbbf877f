import type { SessionProgress } from './api.ts';

/** A lab's share of the workshop's time, as far as its checks tell. */
export interface LabTime {
  minutes: number;
  checks: number;
  passed: number;
}

/**
 * Minutes of work left: each lab counts its announced minutes in proportion to the checks not passed yet
 * (a lab without checks counts as done once visited — it has nothing to prove).
 */
export function minutesLeft(labs: LabTime[]): number {
  let left = 0;
  for (const l of labs) if (l.checks > 0) left += (l.minutes * (l.checks - Math.min(l.passed, l.checks))) / l.checks;
  return Math.round(left);
}

const minutesText = (m: number) =>
  m === 0 ? 'nothing left' : m < 60 ? `about ${m} min left` : `about ${Math.floor(m / 60)} h ${m % 60} min left`;

/** The home page's sentence after "You have passed N of M checks.": a sentence of its own, capitalized. */
export function overallMinutesText(left: number, total: number): string {
  if (left === 0) return `Every lab is done: all ${total} minutes of work.`;
  const t = minutesText(left);
  return `${t[0]!.toUpperCase()}${t.slice(1)} of ${total} minutes.`;
}

/** Marks completed steps and labs (navigation, home, step headings) from the session's progress. */
export function refreshMarks(p: SessionProgress): void {
  let done = 0;
  let total = 0;
  const times: LabTime[] = [];
  const currentLab = document.querySelector<HTMLElement>('main[data-lab]')?.dataset.lab;
  for (const item of document.querySelectorAll<HTMLElement>('[data-lab-item]')) {
    const lab = item.dataset.labItem!;
    const steps = (item.dataset.steps ?? '').split(' ').filter(Boolean);
    const passed = steps.filter((s) => p.labs[lab]?.checks[s]?.ok).length;
    total += steps.length;
    done += passed;
    const time = { minutes: Number(item.dataset.minutes ?? 0), checks: steps.length, passed };
    times.push(time);
    const labLeft = document.querySelector('[data-lab-minutes-left]');
    if (labLeft && lab === currentLab) labLeft.textContent = time.checks > 0 ? ` · ${minutesText(minutesLeft([time]))}` : '';
    const mark = item.querySelector<HTMLElement>('[data-lab-progress]');
    if (mark) {
      mark.textContent = steps.length === 0 ? '' : passed === steps.length ? '✓ done' : passed > 0 ? `${passed}/${steps.length}` : '';
      mark.classList.toggle('complete', steps.length > 0 && passed === steps.length);
    }
    item.classList.toggle('complete', steps.length > 0 && passed === steps.length);
  }
  const overall = document.querySelector('[data-overall-progress]');
  if (overall && total > 0) overall.textContent = `You have passed ${done} of ${total} checks.`;
  const left = document.querySelector('[data-minutes-left]');
  if (left && times.length > 0)
    left.textContent = overallMinutesText(
      minutesLeft(times),
      times.reduce((n, t) => n + t.minutes, 0),
    );

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

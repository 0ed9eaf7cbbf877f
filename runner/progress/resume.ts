import type { SessionProgress } from '../contracts.ts';
import type { Lab } from '../labs/catalog.ts';

/**
 * Where the learner was: the lab of the cell they ran last and the step after it (the one they were on), as a path of
 * the site, e.g. `/labs/01-filter-deploy/#step-deploy`. Undefined before the first run: the home page.
 */
export function resumePath(labs: Lab[], progress: SessionProgress): string | undefined {
  let last: { lab: Lab; cell: string; at: string } | undefined;
  for (const lab of labs) {
    for (const [cell, p] of Object.entries(progress.labs[lab.slug]?.cells ?? {})) {
      if (p.lastRunAt && (!last || p.lastRunAt > last.at)) last = { lab, cell, at: p.lastRunAt };
    }
  }
  if (!last) return undefined;
  const steps = last.lab.steps;
  const i = steps.findIndex((s) => s.id === last.cell);
  // The step after the one run last, unless that one did not finish: then the learner is still on it.
  const ran = progress.labs[last.lab.slug]?.cells[last.cell];
  const stayed = ran?.lastStatus !== 'ok';
  const step = stayed ? steps[i] : (steps.slice(i + 1).find((s) => s.cell) ?? steps[i + 1] ?? steps[i]);
  return `/labs/${last.lab.slug}/${step ? `#step-${step.id}` : ''}`;
}

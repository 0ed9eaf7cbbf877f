import { fail, pass, type LabChecks } from '../../core/checks.ts';

export const checks: LabChecks = {
  async planMatchesAccount({ kernelValue, sessionResources }) {
    const plan = (await kernelValue('plan')) as { planned?: { name: string }[] } | undefined;
    if (!plan?.planned) return fail('`plan` is not defined yet.', 'Run a dry run: cleanup(clients, { scope, dryRun: true }).');
    const actual = await sessionResources();
    const planned = new Set(plan.planned.map((r) => r.name));
    const missing = actual.resources.filter((r) => !planned.has(r.name));
    if (missing.length > 0)
      return fail(
        `The plan misses ${missing.length} workshop resource(s), e.g. ${missing[0].kind} ${missing[0].name}.`,
        'Was the dry run scoped to your session and run on this account?',
      );
    // Run again after the cleanup: an empty plan of an empty account is a right dry run (the step is safe to re-run).
    if (actual.resources.length === 0 && plan.planned.length === 0)
      return pass('Nothing of your session is left in the account: the dry run has nothing to delete.');
    return pass(`The dry run lists all ${actual.resources.length} workshop resources of your session.`);
  },

  async nothingLeft({ sessionResources }) {
    const { resources, unlisted } = await sessionResources();
    if (unlisted.length > 0)
      return fail(
        `Some kinds cannot be listed: ${unlisted.map((u) => `${u.kind} (${u.reason})`).join('; ')}.`,
        'The reason says which call failed: give the identity you run as permission for it, then check again.',
      );
    if (resources.length > 0)
      return fail(
        `${resources.length} workshop resource(s) are still there, e.g. ${resources[0].kind} ${resources[0].name} (${resources[0].status ?? 'present'}).`,
        'Run the delete cell (again): it resumes where it stopped.',
      );
    return pass('No resource of your session is left in the account.');
  },

  async verdictProven({ kernelValue, sessionResources }) {
    const verdict = (await kernelValue('verdict')) as { ok?: boolean; untouched?: boolean; perHourUsd?: number } | undefined;
    if (!verdict) return fail('`verdict` is not defined yet.', 'List every kind again and keep the result in `verdict`.');
    const { resources } = await sessionResources();
    if (resources.length > 0)
      return fail(
        `The verdict cannot hold: ${resources.length} workshop resource(s) are still there.`,
        'Run step 2 again: it picks up where it stopped and says why a deletion failed.',
      );
    if (!verdict.ok || verdict.untouched !== true || verdict.perHourUsd !== 0)
      return fail(
        'The verdict does not say clean, $0/hour and nothing else touched.',
        'Print `verdict` and read which part is not true; run step 2 again if something is left.',
      );
    return pass('Proven: nothing of the workshop is left, $0.00/hour, and nothing else was touched.');
  },
};

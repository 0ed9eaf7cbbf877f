import type { Lab } from '../labs/catalog.ts';
import { hourlyPrice, type PriceTable } from '../../core/prices.ts';
import { usageOf } from '../../core/kinds.ts';

/** SDK commands that start something billed by the hour on a real account. */
const BILLABLE = [
  'CreateEndpoint',
  'UpdateEndpoint',
  'CreateTrainingJob',
  'CreateProcessingJob',
  'CreateLabelingJob',
  'StartPipelineExecution',
  'CreateMonitoringSchedule',
  'CreateTransformJob',
  'CreateHyperParameterTuningJob',
] as const;

/** The billable commands a cell sends (`new CreateEndpointCommand(`…), by name. Comments do not count. */
export function billableCommands(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const found = new Set<string>();
  for (const m of withoutComments.matchAll(/\bnew\s+([A-Z]\w*?)Command\s*\(/g)) {
    if ((BILLABLE as readonly string[]).includes(m[1])) found.add(m[1]);
  }
  return [...found];
}

export interface BillingNotice {
  commands: string[];
  /** What the lab runs, priced from the table: shown before the learner confirms. */
  resources: { kind: string; instanceType: string; count: number; perHourUsd: number | null }[];
  message: string;
}

/** What the learner must see and confirm before this cell runs on their own account, or undefined. */
export function billingNotice(code: string, lab: Lab, prices: PriceTable | undefined): BillingNotice | undefined {
  const commands = billableCommands(code);
  if (commands.length === 0) return undefined;
  const resources = lab.resources
    .filter((r) => r.instanceType && usageOf(r.kind))
    .map((r) => ({
      kind: r.kind,
      instanceType: r.instanceType!,
      count: r.count ?? 1,
      perHourUsd: hourlyPrice(prices, r.instanceType!, usageOf(r.kind)!, r.count ?? 1) ?? null,
    }));
  const priced = resources.map(
    (r) =>
      `${r.count} × ${r.instanceType} (${r.kind}) at ${r.perHourUsd === null ? 'an unknown price' : `$${r.perHourUsd.toFixed(3)}/hour`}`,
  );
  return {
    commands,
    resources,
    message: `This cell starts resources billed by the hour in your AWS account (${commands.join(', ')}). ${lab.title} runs ${priced.join('; ') || 'resources'} — the Cleanup lab deletes them.`,
  };
}

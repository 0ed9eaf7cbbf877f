// The check types live in core/checks.ts, which the labs' checks import too; the runner's modules keep this path.
export type { Check, CheckClients, CheckContext, CheckOutcome, LabChecks } from '../../core/checks.ts';

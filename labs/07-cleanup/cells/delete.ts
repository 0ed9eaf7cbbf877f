import { cleanup, workshopClients } from '@naxt/workshop/cleanup';

// TODO: run the cleanup for real (no dryRun); print each event as it comes.
const report = await cleanup(workshopClients(), {
  dryRun: true,
  scope: { sessionId: workshop.sessionId },
  onEvent: (e) => {
    if (e.type === 'deleted') console.log(`deleted ${e.resource.kind} ${e.resource.name} (${(e.ms / 1000).toFixed(1)} s)`);
    if (e.type === 'retry') console.log(`retrying ${e.resource.kind} ${e.resource.name}: ${e.reason}`);
    if (e.type === 'failed') console.log(`could not delete ${e.resource.kind} ${e.resource.name}: ${e.reason}`);
  },
});
for (const k of report.kept) console.log(`kept ${k.resource.kind} ${k.resource.name}: ${k.reason}`);
console.log(report.ok ? 'Everything the workshop created is gone.' : `${report.left.length} resource(s) left: run the cell again.`);

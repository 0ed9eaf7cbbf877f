import { cleanup, workshopClients } from '@naxt/workshop/cleanup';

const report = await cleanup(workshopClients(), {
  scope: { sessionId: workshop.sessionId },
  onEvent: (e) => {
    if (e.type === 'deleted') console.log(`deleted ${e.resource.kind} ${e.resource.name} (${(e.ms / 1000).toFixed(1)} s)`);
    if (e.type === 'retry') console.log(`retrying ${e.resource.kind} ${e.resource.name}: ${e.reason}`);
    if (e.type === 'failed') console.log(`could not delete ${e.resource.kind} ${e.resource.name}: ${e.reason}`);
  },
});
// What every session shares is kept: named together, with the reason said once.
const keptFor = new Map<string, string[]>();
for (const k of report.kept) keptFor.set(k.reason, [...(keptFor.get(k.reason) ?? []), `${k.resource.kind} ${k.resource.name}`]);
for (const [reason, names] of keptFor) console.log(`kept ${names.join(', ')}: ${reason}`);
console.log(report.ok ? 'Everything the workshop created is gone.' : `${report.left.length} resource(s) left: run the cell again.`);

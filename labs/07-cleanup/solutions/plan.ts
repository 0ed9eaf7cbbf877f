import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import { cleanup, loadPrices, priceResources, workshopClients } from '@naxt/workshop/cleanup';

const clients = workshopClients();
const scope = { sessionId: workshop.sessionId };
const plan = await cleanup(clients, { scope, dryRun: true });
const cost = priceResources(plan.planned, loadPrices('content'));
console.log(`${plan.planned.length} workshop resources, $${cost.perHourUsd.toFixed(2)}/hour running now`);
for (const u of plan.unlisted) console.log(`could not list ${u.kind}: ${u.reason}`);
// What every session shares (the execution role) is not this session's to delete: the plan keeps it, and says why.
// What every session shares is kept: named together, with the reason said once.
const keptFor = new Map<string, string[]>();
for (const k of plan.kept) keptFor.set(k.reason, [...(keptFor.get(k.reason) ?? []), `${k.resource.kind} ${k.resource.name}`]);
for (const [reason, names] of keptFor) console.log(`keeping ${names.join(', ')}: ${reason}`);

// What the workshop must not touch: endpoints without its tags, counted now and again at the end.
const ours = new Set(plan.planned.map((r) => r.name));
const othersBefore = ((await clients.sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }))).Endpoints ?? [])
  .map((e) => e.EndpointName!)
  .filter((n) => !ours.has(n));

plan.planned.map((r) => ({
  kind: r.kind,
  name: r.name,
  status: r.status ?? '',
  perHour: cost.running.find((x) => x.name === r.name)?.perHourUsd ?? 0,
}));

import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import { discover, loadPrices, priceResources, workshopClients } from '@naxt/workshop/cleanup';

const clients = workshopClients();
const after = await discover(clients, { sessionId: workshop.sessionId });
const perHour = priceResources(after.resources, loadPrices('content')).perHourUsd;
const endpointsNow = new Set(
  ((await clients.sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }))).Endpoints ?? []).map((e) => e.EndpointName!),
);
const untouched = othersBefore.every((n) => endpointsNow.has(n));

// What every session shares (the execution role) stays for the others: named in the verdict, never counted as left.
const kept = after.shared.map((r) => `${r.kind} ${r.name}`);
const verdict = {
  left: after.resources.length,
  unlisted: after.unlisted.length,
  perHourUsd: perHour,
  untouched,
  kept,
  ok: after.resources.length === 0 && after.unlisted.length === 0 && untouched,
};
console.log(
  verdict.ok
    ? `Verified: no workshop resource of your session is left, $${perHour.toFixed(2)}/hour, and the ${othersBefore.length} other endpoint(s) are untouched.`
    : `Not clean yet: ${verdict.left} left, ${verdict.unlisted} kind(s) not listable.`,
);
if (kept.length)
  console.log(
    `Kept, as every session of the account shares it: ${kept.join(', ')} (npm run cleanup -- --all-sessions --yes deletes it${workshop.target === 'aws' ? ', with --aws' : ''}).`,
  );
verdict;

import { Hono } from 'hono';
import { join } from 'node:path';
import { discover } from '../resources/discover.ts';
import { priceResources } from '../cost/meter.ts';
import { loadPrices } from '../../content/load.ts';
import type { ApiDeps } from './routes.ts';
import { ApiError, errorResponse } from './errors.ts';
import type { FoundResource } from '../resources/kinds.ts';
import type { CostReport, ResourcesReport } from './contract.ts';

/** What the session has running in the account, and what it costs: the header's cost meter and `.resources`. */
export function accountRoutes(deps: ApiDeps): Hono {
  const api = new Hono();
  api.onError((error, c) => errorResponse(c, error));
  const prices = () => loadPrices(join(deps.projectDir, 'content'));
  const timeScale = deps.target.kind === 'sandbox' ? deps.timeScale : 1;

  const sessionScope = async (sid: string) => {
    const s = await deps.sessions.get(sid);
    if (!s) throw new ApiError(404, 'NoSuchSession', `No session "${sid}".`);
    return { sessionId: s.id };
  };

  api.get('/sessions/:sid/resources', async (c) => {
    const scope = await sessionScope(c.req.param('sid'));
    const found = await discover(deps.target.clients(), scope);
    await observe(deps, scope.sessionId, found.resources);
    const cost = priceResources(found.resources, prices(), { timeScale });
    return c.json({
      resources: found.resources.map((r) => ({
        kind: r.kind,
        name: r.name,
        arn: r.arn,
        status: r.status ?? null,
        instanceType: r.instanceType ?? null,
        perHourUsd: cost.running.find((x) => x.kind === r.kind && x.name === r.name)?.perHourUsd ?? 0,
      })),
      unlisted: found.unlisted,
    } satisfies ResourcesReport);
  });

  api.get('/sessions/:sid/cost', async (c) => {
    const scope = await sessionScope(c.req.param('sid'));
    const found = await discover(deps.target.clients(), scope);
    const bill = await observe(deps, scope.sessionId, found.resources);
    const cost = priceResources(found.resources, prices(), { timeScale });
    return c.json({
      perHourUsd: cost.perHourUsd,
      // Every billable interval of the session, deleted resources included: what it would cost (or costs) on AWS.
      totalUsd: bill.totalUsd,
      bill: bill.lines,
      running: cost.running.map((r) => ({
        kind: r.kind,
        name: r.name,
        status: r.status ?? null,
        instanceType: r.instanceType,
        count: r.count,
        perHourUsd: r.perHourUsd,
      })),
      unpriced: cost.unpriced,
    } satisfies CostReport);
  });

  return api;
}

/** Plain-text renderings for the terminal. */
export async function resourcesText(deps: ApiDeps, sessionId: string): Promise<string> {
  const found = await discover(deps.target.clients(), { sessionId });
  if (found.resources.length === 0) return 'No workshop resource in the account.';
  return found.resources.map((r) => `${r.kind.padEnd(28)} ${r.name}${r.status ? `  ${r.status}` : ''}`).join('\n');
}

/** Records what bills now in the session's bill and prices every interval it had. */
export async function observe(deps: ApiDeps, sessionId: string, found: FoundResource[]) {
  return deps.bill.observe(sessionId, found, deps.target.clients(), await deps.ledger.created(sessionId));
}

export async function costText(deps: ApiDeps, sessionId: string): Promise<string> {
  const found = await discover(deps.target.clients(), { sessionId });
  const bill = await observe(deps, sessionId, found.resources);
  const cost = priceResources(found.resources, loadPrices(join(deps.projectDir, 'content')), {
    timeScale: deps.target.kind === 'sandbox' ? deps.timeScale : 1,
  });
  const lines = cost.running.map(
    (r) => `${r.kind.padEnd(16)} ${r.name.padEnd(36)} ${r.count} × ${r.instanceType.padEnd(16)} $${r.perHourUsd.toFixed(3)}/h`,
  );
  for (const l of bill.lines.filter((x) => !x.running))
    lines.push(`${l.kind.padEnd(16)} ${l.name.padEnd(36)} ended, billed ${l.minutes.toFixed(0)} min: $${l.usd.toFixed(2)}`);
  lines.push(
    `${cost.running.length} running, $${cost.perHourUsd.toFixed(3)}/hour now, about $${bill.totalUsd.toFixed(2)} so far${deps.target.kind === 'sandbox' ? ' (what it would cost on a real account)' : ''}.`,
  );
  return lines.join('\n');
}

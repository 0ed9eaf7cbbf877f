/**
 * `npm run cleanup [-- --dry-run | --yes] [--aws] [--all-sessions] [--data-dir D]`
 * Lists every workshop resource of the current session (dry run), deletes them in dependency order, then verifies
 * that nothing of it is left. What every session shares (the execution role) is kept and said so; `--all-sessions`
 * deletes every session's resources and the shared ones. Works with or without a running workshop.
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { parseRunnerArgs, projectDir } from '../config.ts';
import { startRunner } from '../server.ts';
import { readJson } from '../store/atomic-file.ts';
import { cleanup, type CleanupEvent } from '../resources/cleanup.ts';
import { priceResources } from '../cost/meter.ts';
import { loadPrices } from '../../content/load.ts';
import { runtimeFile } from '../server.ts';
import type { FoundResource } from '../resources/kinds.ts';
import { exitFlushed, toleratePipeClose } from './exit.ts';

const describe = (r: FoundResource) => `${r.kind.padEnd(28)} ${r.name}${r.status ? `  (${r.status})` : ''}`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      aws: { type: 'boolean', default: false },
      'all-sessions': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      region: { type: 'string' },
      profile: { type: 'string' },
      'time-scale': { type: 'string' },
    },
  });
  const dataDir = resolve(values['data-dir'] ?? join(projectDir, '.workshop'));
  const running = await readJson<{ pid: number }>(runtimeFile(dataDir));
  if (running && !values.aws) {
    let alive = true;
    try {
      process.kill(running.pid, 0);
    } catch {
      alive = false;
    }
    if (alive) {
      console.error('The workshop is running: use its Cleanup lab, or stop it (Ctrl+C) and run this again.');
      return 2;
    }
  }
  const args = ['--port', '0', '--no-open', '--data-dir', dataDir];
  if (values.aws) args.push('--aws');
  if (values.region) args.push('--region', values.region);
  if (values.profile) args.push('--profile', values.profile);
  if (values['time-scale']) args.push('--time-scale', values['time-scale']);
  const runner = await startRunner(parseRunnerArgs(args));
  try {
    const scope = values['all-sessions'] ? {} : { sessionId: (await runner.sessions.current()).id };
    const clients = runner.target.clients();
    const prices = loadPrices(join(projectDir, 'content'));
    const onEvent = (e: CleanupEvent) => {
      if (e.type === 'plan') {
        const cost = priceResources(e.resources, prices);
        console.log(
          `${e.resources.length} workshop resource(s) in ${runner.target.kind === 'aws' ? `account ${runner.target.accountId}` : 'the sandbox'} (${runner.target.region}), $${cost.perHourUsd.toFixed(2)}/hour running:`,
        );
        for (const r of e.resources) console.log(`  ${describe(r)}`);
        for (const u of e.unlisted) console.log(`  ! could not list ${u.kind}: ${u.reason}`);
        for (const k of e.kept) console.log(`  kept ${describe(k.resource)}: ${k.reason}`);
      } else if (e.type === 'deleted') console.log(`  deleted ${describe(e.resource)} (${(e.ms / 1000).toFixed(1)} s)`);
      else if (e.type === 'retry') console.log(`  retrying ${e.resource.kind} ${e.resource.name} (attempt ${e.attempt}): ${e.reason}`);
      else if (e.type === 'failed') console.log(`  FAILED ${describe(e.resource)}: ${e.reason}`);
    };
    const dryRun = values['dry-run'] || !values.yes;
    const ledger = scope.sessionId ? await runner.ledger.created(scope.sessionId) : [];
    const report = await cleanup(clients, { scope, dryRun, onEvent, ledger, pollMs: runner.target.kind === 'aws' ? 5000 : 100 });
    for (const e of report.ledgerOnly)
      console.log(
        `  note: the workshop created ${e.name} (${e.op}) but it is no longer tagged as the workshop's, or already gone: check it yourself.`,
      );
    if (dryRun) {
      console.log(values['dry-run'] ? 'Dry run: nothing was deleted.' : 'Nothing was deleted: run again with --yes to delete these.');
      return 0;
    }
    if (report.ok) {
      const kept = report.kept.length
        ? ` (${report.kept.map((k) => `${k.resource.kind} ${k.resource.name}`).join(', ')} kept: shared by every session; --all-sessions deletes it)`
        : '';
      console.log(
        `Verified: no workshop resource${scope.sessionId ? ` of session ${scope.sessionId}` : ''} is left; $0.00/hour running${kept}.`,
      );
      return 0;
    }
    console.log(`NOT clean: ${report.left.length} workshop resource(s) left.`);
    for (const f of report.failed) console.log(`  ${describe(f.resource)}: ${f.reason}`);
    return 1;
  } finally {
    await runner.close();
  }
}

toleratePipeClose();
main().then(
  (code) => exitFlushed(code),
  (error: unknown) => {
    console.error(`cleanup: ${(error as Error).message}`);
    return exitFlushed(1);
  },
);

/**
 * `npm start [-- --port N --no-open --aws --profile P --region R --time-scale K --data-dir D --faults F
 *   --cell-time-limit S|off --kernel-memory MB --max-kernels N --kernel-idle-minutes M|off]` (README: "Commands")
 * Builds the site when it is missing or stale, starts the runner, prints the workshop's URL (one line).
 */
import { parseRunnerArgs } from '../config.ts';
import { startRunner } from '../server.ts';
import { buildSite, siteIsStale } from './site-build.ts';
import { stopOnSignals } from '../shutdown.ts';
import { buildEditor, editorIsCurrent } from './editor-build.ts';
import { loadLabs } from '../labs/catalog.ts';
import { LabTypes } from '../types/lab-types.ts';
import { join } from 'node:path';

async function main(): Promise<void> {
  const config = parseRunnerArgs(process.argv.slice(2));
  // The site and the code editor build side by side; each says when it starts and how long it took.
  const started = Date.now();
  const took = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const builds: Promise<void>[] = [];
  if (!editorIsCurrent(config.projectDir)) {
    process.stderr.write('Building the code editor (once per version)…\n');
    builds.push(buildEditor(config.projectDir).then(() => void process.stderr.write(`  code editor built in ${took()}\n`)));
  }
  if (await siteIsStale(config.projectDir)) {
    process.stderr.write('Building the workshop site (pages, labs, search index)…\n');
    builds.push(buildSite(config.projectDir).then(() => void process.stderr.write(`  site built in ${took()}\n`)));
  }
  // The editor's type declarations, built in a worker thread so the learner's first click into a cell finds them
  // ready instead of waiting seconds: the first lab's beside the site, the others once the URL is out.
  const labs = await loadLabs(join(config.projectDir, 'labs'));
  const labTypes = new LabTypes(config.projectDir);
  builds.push(labTypes.warm(labs.slice(0, 1)).then(() => void process.stderr.write(`  editor types ready in ${took()}\n`)));
  await Promise.all(builds);
  const runner = await startRunner(config, { labTypes });
  if (runner.target.kind === 'aws') {
    process.stderr.write(`Target: AWS account ${runner.target.accountId} (${runner.target.callerArn}) in ${runner.target.region}\n`);
  }
  // After a restart the link goes back to the lab and step the learner was on.
  const link = await runner.resumeUrl();
  process.stdout.write(`${link}\n`);
  // The lab the link returns to first, then the rest in order, once the browser the link opens has settled.
  labTypes.busy();
  const resumed = /\/labs\/([^/?#]+)/.exec(link)?.[1];
  void labTypes.warm([...labs.filter((l) => l.slug === resumed), ...labs.filter((l) => l.slug !== resumed)]);
  if (config.open) {
    const { default: open } = await import('open');
    open(link).catch(() => undefined); // no browser on this machine: the printed URL is enough
  }
  stopOnSignals(runner);
}

main().catch((error: unknown) => {
  process.stderr.write(`workshop: ${(error as Error).message}\n`);
  process.exit(1);
});

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
  await Promise.all(builds);
  const runner = await startRunner(config);
  if (runner.target.kind === 'aws') {
    process.stderr.write(`Target: AWS account ${runner.target.accountId} (${runner.target.callerArn}) in ${runner.target.region}\n`);
  }
  // After a restart the link goes back to the lab and step the learner was on.
  const link = await runner.resumeUrl();
  process.stdout.write(`${link}\n`);
  if (config.open) {
    const { default: open } = await import('open');
    open(link).catch(() => undefined); // no browser on this machine: the printed URL is enough
  }
  stopOnSignals(runner);
  void warmEditorTypes(runner.baseUrl, runner.token, (await loadLabs(join(config.projectDir, 'labs'))).map((l) => l.slug));
}

/**
 * Builds every lab's type declarations now, one lab after the other, while the learner reads the home page: the
 * first click into a cell then finds them ready instead of waiting seconds for the build. A failure is left to the
 * page's own request, which reports it.
 */
async function warmEditorTypes(baseUrl: string, token: string, slugs: readonly string[]): Promise<void> {
  for (const slug of slugs) {
    await fetch(`${baseUrl}/api/types?lab=${encodeURIComponent(slug)}`, { headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.body?.cancel())
      .catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`workshop: ${(error as Error).message}\n`);
  process.exit(1);
});

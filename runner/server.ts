import { serve, type ServerType } from '@hono/node-server';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { RunnerConfig } from './config.ts';
import { createApp } from './app.ts';
import type { LabTypes } from './types/lab-types.ts';
import { loadLabs } from './labs/catalog.ts';
import { buildLabLibrary } from './labs/library.ts';
import { ProgressStore } from './progress/store.ts';
import { Sessions } from './sessions.ts';
import { awsTarget, newSandboxKeys, sandboxTarget, SDK_QUIET_ENV, type TargetAccount } from './target.ts';
import { writeJsonAtomic } from './store/atomic-file.ts';
import { createSandbox, parseFaults, type Sandbox } from './sandbox/index.ts';
import { followJob } from './terminal/logs.ts';
import { Ledger } from './resources/ledger.ts';
import { Bill } from './cost/bill.ts';
import { resumePath } from './progress/resume.ts';
import { loadPrices } from '../content/load.ts';

export interface RunningRunner {
  url: string;
  /** The link `npm start` prints: the home page, or the lab and step the learner was on before a restart. */
  resumeUrl(): Promise<string>;
  token: string;
  port: number;
  baseUrl: string;
  projectDir: string;
  target: TargetAccount;
  sessions: Sessions;
  progress: ProgressStore;
  ledger: Ledger;
  sandbox?: Sandbox;
  close(): Promise<void>;
}

/**
 * What `npx workshop env` and `npm run cleanup` read to find a running runner: its pid, port and sandbox keys, so it
 * lives outside the data directory, in a private runtime folder (0700, file 0600), as Jupyter keeps its runtime files.
 * Not the launch token: kernels run as the learner's user, so a cell could read this file (its path follows from the
 * data directory) and drive other sessions with the token. The token lives only in the runner and the printed link;
 * kernels get neither it nor this file's path in their environment (kernel.ts). What remains: a kernel runs as the
 * same user, so where ptrace is not restricted (no Yama ptrace_scope) a cell could still read the runner's memory
 * through /proc; only another user or a container would close that.
 */
export const runtimeFile = (dataDir: string) => {
  const base = process.env.XDG_RUNTIME_DIR ?? join(tmpdir(), `naxt-workshop-${process.getuid?.() ?? 'user'}`);
  return join(base, `runner-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.json`);
};

/** What a launcher may hand the runner ready-made: `npm start` builds the labs' editor types beside the site. */
export interface RunnerExtras {
  labTypes?: LabTypes;
}

export async function startRunner(config: RunnerConfig, extras: RunnerExtras = {}): Promise<RunningRunner> {
  Object.assign(process.env, SDK_QUIET_ENV);
  const token = randomBytes(24).toString('hex');
  let port = config.port;
  const baseUrl = () => `http://127.0.0.1:${port}`;

  const labs = await loadLabs(join(config.projectDir, 'labs'));
  // Inside the project's node_modules, so the library's own imports (the SDK) resolve; one folder per runner.
  const libDir = join(config.projectDir, 'node_modules', '.cache', 'naxt-workshop-lib', `${process.pid}-${randomBytes(4).toString('hex')}`);
  const aliases = await buildLabLibrary(config.projectDir, libDir);

  let sandbox: Sandbox | undefined;
  let target: TargetAccount;
  const keys = newSandboxKeys();
  if (config.target === 'sandbox') {
    target = sandboxTarget({ baseUrl, region: config.region, keys });
    sandbox = await createSandbox({
      dataDir: config.dataDir,
      timeScale: config.timeScale,
      accountId: target.accountId,
      region: config.region,
      credentials: keys,
      faults: config.faults ? parseFaults(config.faults) : undefined,
      contentDir: join(config.projectDir, 'content'),
      baseUrl,
    });
  } else {
    target = await awsTarget({ region: config.region, profile: config.profile });
  }

  const progress = new ProgressStore(config.dataDir);
  const ledger = new Ledger(config.dataDir);
  const sessions = new Sessions({
    dataDir: config.dataDir,
    projectDir: config.projectDir,
    target,
    cellTimeLimitMs: config.cellTimeLimitMs,
    aliases: () => aliases,
    ledger,
    timeScale: config.target === 'sandbox' ? config.timeScale : 1,
    kernels: config.kernels,
  });
  const bill = new Bill({
    dataDir: config.dataDir,
    target: target.kind,
    timeScale: config.timeScale,
    contentDir: join(config.projectDir, 'content'),
    prices: () => loadPrices(join(config.projectDir, 'content')),
  });
  const { app, injectWebSocket } = createApp({
    labTypes: extras.labTypes,
    bill,
    ledger,
    token,
    port: () => port,
    siteDir: join(config.projectDir, 'site', 'dist'),
    sandbox,
    labs,
    sessions,
    progress,
    target,
    projectDir: config.projectDir,
    timeScale: config.timeScale,
    jobLogs: followJob(() => target.clients(), sandbox ? 250 : 5000),
  });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  // The SDK clients keep sockets alive between calls; a server that closes an idle one (Node's default after 5 s)
  // races a client reusing it, and the call fails with ECONNRESET. Keep idle sockets longer than any client does.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  injectWebSocket(server);
  port = (server.address() as AddressInfo).port;
  const url = `${baseUrl()}/?token=${token}`;
  await mkdir(dirname(runtimeFile(config.dataDir)), { recursive: true, mode: 0o700 });
  await writeJsonAtomic(runtimeFile(config.dataDir), {
    pid: process.pid,
    port,
    target: target.kind,
    region: target.region,
    sandboxKeys: config.target === 'sandbox' ? keys : undefined,
  });

  let closed = false;
  return {
    url,
    async resumeUrl() {
      const path = resumePath(labs, await progress.get((await sessions.current()).id));
      return path ? `${baseUrl()}${path.replace(/#|$/, `?token=${token}$&`)}` : url;
    },
    token,
    port,
    baseUrl: baseUrl(),
    projectDir: config.projectDir,
    target,
    sessions,
    progress,
    ledger,
    sandbox,
    async close() {
      if (closed) return;
      closed = true;
      // Running cells are interrupted, their streams end with "the workshop stopped", their outcome is recorded.
      await sessions.stop();
      await sessions.settled(2_500);
      await sessions.dispose();
      await progress.flush();
      await sandbox?.close();
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      // Open event streams and idle keep-alive connections would hold close() for ever.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closing;
      await rm(runtimeFile(config.dataDir), { force: true });
      await rm(libDir, { recursive: true, force: true });
    },
  };
}

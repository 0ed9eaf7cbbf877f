/**
 * Figures of issue 13's "one cell must never hurt the runner or another session": what another session's `1 + 1`
 * takes while one session prints 10 MB, and what one 1 GB unsigned body does to the runner's memory.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningRunner } from '../runner/server.ts';
import { timeIt } from './stats.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type RunCell = (r: RunningRunner, sid: string, code: string) => Promise<string>;

/**
 * 10 MB printed by one cell: ten 1 MB lines of `"a"*40 + "-"`, the shape that made the scrubber quadratic
 * (issue 13, item 2). Past the cell's output cap the kernel drops it; the runner must stay responsive either way.
 */
export const FLOOD_CELL = "for (let i = 0; i < 10; i++) console.log(('a'.repeat(40) + '-').repeat(25_600));";

export interface OtherSessionFigures {
  /** Round trips of the other session's `1 + 1`, each started while the flood ran. */
  ms: number[];
  /** How long each flooding cell took, and how it ended. */
  floods: { ms: number; status: string }[];
}

/** One session floods its output again and again while another runs `1 + 1` back to back (≥ 100 samples or 60 s). */
export async function otherSessionDuringFlood(
  r: RunningRunner,
  runCell: RunCell,
  opts: { samples?: number; maxMs?: number } = {},
): Promise<OtherSessionFigures> {
  const flooder = (await r.sessions.create()).id;
  const other = (await r.sessions.create()).id;
  // Both kernels warm: the figure is about the flood, not a cold start.
  await Promise.all([runCell(r, flooder, '1 + 1'), runCell(r, other, '1 + 1')]);
  const ms: number[] = [];
  const floods: OtherSessionFigures['floods'] = [];
  const deadline = Date.now() + (opts.maxMs ?? 60_000);
  while (ms.length < (opts.samples ?? 100) && Date.now() < deadline) {
    let running = true;
    const t = performance.now();
    const flood = runCell(r, flooder, FLOOD_CELL).then((status) => {
      floods.push({ ms: performance.now() - t, status });
      running = false;
    });
    // The flooding cell is on its way before the first sample.
    await sleep(10);
    while (running) ms.push(await timeIt(() => runCell(r, other, '1 + 1')));
    await flood;
  }
  return { ms, floods };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}

/**
 * POSTs `bytes` of body to the sandbox's SageMaker endpoint without any signature, chunked (no Content-Length to
 * refuse it by), from one reused 1 MiB buffer: the bench never holds the body. Stops sending when the runner answers.
 */
function postUnsigned(baseUrl: string, bytes: number): Promise<{ status: number | null; sentMb: number; error?: string }> {
  const url = new URL('/sandbox/sagemaker/', baseUrl);
  const chunk = Buffer.alloc(2 ** 20, 0x61);
  return new Promise((resolve) => {
    let status: number | null = null;
    let sent = 0;
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      resolve({ status, sentMb: sent / 2 ** 20, ...(error ? { error } : {}) });
    };
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SageMaker.ListModels', 'transfer-encoding': 'chunked' },
      },
      (res) => {
        status = res.statusCode ?? null;
        res.resume();
        res.on('end', () => {
          req.destroy();
          finish();
        });
      },
    );
    req.on('error', (e) => finish(status === null ? `${(e as NodeJS.ErrnoException).code ?? e.message}` : undefined));
    void (async () => {
      while (sent < bytes && status === null && !req.destroyed) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          await new Promise<void>((resume) => {
            const go = () => {
              req.off('drain', go);
              req.off('close', go);
              resume();
            };
            req.on('drain', go);
            req.on('close', go);
          });
        }
      }
      if (!req.destroyed) req.end();
    })().catch((e: unknown) => finish((e as Error).message));
  });
}

export interface UnsignedBodyFigures {
  beforeMb: number;
  peakMb: number;
  afterMb: number;
  sentMb: number;
  status: number | null;
  error?: string;
}

/** A runner in its own process; its RSS before, at the peak of and 2 s after one `bytes` unsigned body. */
export async function rssAfterUnsignedBody(projectDir: string, bytes = 2 ** 30): Promise<UnsignedBodyFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'naxt-bench-body-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectDir, 'bench', 'runner-process.ts'), '--data-dir', dir, '--time-scale', '6000'],
    {
      cwd: projectDir,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const { baseUrl, pid } = JSON.parse(line) as { baseUrl: string; pid: number };
    // The route's code loaded and warm: a small unsigned request first, then let the runner settle.
    await postUnsigned(baseUrl, 1024);
    await sleep(1_000);
    const beforeMb = rssMb(pid);
    let peakMb = beforeMb;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 50);
    const sent = await postUnsigned(baseUrl, bytes);
    await sleep(2_000);
    clearInterval(sampler);
    const afterMb = rssMb(pid);
    return { beforeMb, peakMb: Math.max(peakMb, afterMb), afterMb, ...sent };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await Promise.race([once(child, 'exit'), sleep(10_000)]);
    await rm(dir, { recursive: true, force: true });
  }
}

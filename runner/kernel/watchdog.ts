/**
 * The kernel's watchdog: a worker thread of the kernel process that keeps working while a cell blocks the main
 * thread (`await null; for (;;) {}` leaves no turn to the event loop, so neither IPC nor signal handlers run).
 *
 * - Interrupt: the runner writes one byte per interrupt to the kernel's fd 4. When the main thread has neither
 *   acknowledged it (its IPC handler ran) nor beaten its heartbeat for a while, it is stuck in the cell's code:
 *   the watchdog terminates that JavaScript through the inspector (`Runtime.terminateExecution`, Chrome DevTools
 *   Protocol), the kernel survives with its variables, and the queued interrupt then ends the cell.
 * - Parent death: when the runner is gone (the kernel was re-parented), the kernel's whole process group is killed,
 *   so nothing a cell started keeps running, or spinning, after its runner.
 * - Memory: the process's resident set (Buffers and native memory included, not just the V8 heap) is held under
 *   the kernel's limit; over it, the group is killed and the runner is told why on stderr.
 *
 * Plain CommonJS evaluated in the worker (`new Worker(source, { eval: true })`), so it ships inside the kernel's bundle.
 */
export const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const inspector = require('node:inspector');
const net = require('node:net');
const { ack, heartbeat, parentPid, rssLimitBytes, groupLeader, marker } = workerData;
const killAll = () => {
  try { process.kill(groupLeader ? -process.pid : process.pid, 'SIGKILL'); } catch { process.kill(process.pid, 'SIGKILL'); }
};
let requested = 0;
const stuckFor = (ms, then) => {
  const beat = Atomics.load(heartbeat, 0);
  setTimeout(() => then(Atomics.load(heartbeat, 0) === beat), ms);
};
try {
  const pipe = new net.Socket({ fd: 4, readable: true, writable: false });
  pipe.on('data', (bytes) => {
    requested += bytes.length;
    const mine = requested;
    stuckFor(300, (stuck) => {
      if (!stuck || Atomics.load(ack, 0) >= mine) return;
      const session = new inspector.Session();
      session.connectToMainThread();
      session.post('Runtime.terminateExecution', () => session.disconnect());
    });
  });
  pipe.on('error', () => undefined);
} catch {}
setInterval(() => {
  if (process.ppid !== parentPid) killAll();
  if (rssLimitBytes > 0 && process.memoryUsage.rss() > rssLimitBytes) {
    require('node:fs').writeSync(2, marker + '\\n');
    killAll();
  }
}, 100);
`;

/** What the watchdog writes on stderr before it kills a kernel over its memory limit. */
export const RSS_LIMIT_MARKER = 'NAXT-KERNEL-RSS-LIMIT';

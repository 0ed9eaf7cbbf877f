/**
 * A runner in a process of its own, for figures about the runner's own memory (the bench's client traffic must
 * not count): prints one JSON line `{ baseUrl, pid }`, then serves until SIGTERM.
 * `tsx bench/runner-process.ts [runner options…]`
 */
import { parseRunnerArgs } from '../runner/config.ts';
import { startRunner } from '../runner/server.ts';
import { stopOnSignals } from '../runner/shutdown.ts';

const runner = await startRunner(parseRunnerArgs(['--port', '0', '--no-open', ...process.argv.slice(2)]));
stopOnSignals(runner, { log: () => undefined });
process.stdout.write(`${JSON.stringify({ baseUrl: runner.baseUrl, pid: process.pid })}\n`);

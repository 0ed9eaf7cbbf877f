// A runner in its own process, for tests that kill it: prints its address, token and sandbox keys as one JSON line.
import { parseRunnerArgs } from '../../runner/config.ts';
import { startRunner } from '../../runner/server.ts';

const runner = await startRunner(parseRunnerArgs(['--port', '0', '--no-open', '--time-scale', '6000', ...process.argv.slice(2)]));
const env = runner.target.kernelEnv();
process.stdout.write(
  `${JSON.stringify({ baseUrl: runner.baseUrl, token: runner.token, pid: process.pid, accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY })}\n`,
);

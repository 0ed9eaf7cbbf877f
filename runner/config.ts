import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Target } from './contracts.ts';

export interface RunnerConfig {
  host: '127.0.0.1';
  port: number;
  open: boolean;
  target: Target;
  profile?: string;
  region: string;
  timeScale: number;
  dataDir: string;
  projectDir: string;
  faults?: string;
  /** Per-cell wall-clock limit. */
  cellTimeLimitMs: number;
}

export const projectDir = resolve(import.meta.dirname, '..');

/** Parses `npm start -- …` options; unknown options are an error that names them. */
export function parseRunnerArgs(argv: string[]): RunnerConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string', default: '4321' },
      'no-open': { type: 'boolean', default: false },
      aws: { type: 'boolean', default: false },
      profile: { type: 'string' },
      region: { type: 'string' },
      'time-scale': { type: 'string', default: '60' },
      'data-dir': { type: 'string' },
      faults: { type: 'string' },
      'cell-time-limit': { type: 'string', default: '600' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);
  const timeScale = Number(values['time-scale']);
  if (!(timeScale > 0)) throw new Error(`--time-scale must be a positive number, got "${values['time-scale']}"`);
  const limit = Number(values['cell-time-limit']);
  if (!(limit > 0)) throw new Error(`--cell-time-limit must be a positive number of seconds`);
  return {
    host: '127.0.0.1',
    port,
    open: !values['no-open'],
    target: values.aws ? 'aws' : 'sandbox',
    profile: values.profile,
    region: values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    timeScale,
    dataDir: resolve(values['data-dir'] ?? resolve(projectDir, '.workshop')),
    projectDir,
    faults: values.faults,
    cellTimeLimitMs: limit * 1000,
  };
}

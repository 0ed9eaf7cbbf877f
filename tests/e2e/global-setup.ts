import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorkshop, stopWorkshop } from './workshop.ts';

/**
 * Starts the workshop as a learner would (`npm start`, on a free port, no browser), waits for the printed URL
 * and hands it to the tests. The runner stops when the tests end.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'naxt-e2e-'));
  const { child, link: url } = await startWorkshop(dataDir);
  process.env.WORKSHOP_URL = url;
  process.env.WORKSHOP_DATA_DIR = dataDir;
  return () => stopWorkshop(child, 'SIGTERM');
}

/**
 * The learner's first minute: `npm start` on a fresh clone (no built site, no built editor) until it prints its
 * URL, then, in a browser, the first click into a code cell until the editor is there and the SDK's types mark a
 * misspelt method — the editor's first-use download and the type hints together.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright';

export interface FirstStartFigures {
  firstStartS: number | null;
  /** First click into a cell → the squiggle under a misspelt SDK method. */
  typesReadyMs: number | null;
  /** The same, from the first keystroke. */
  typesReadyFromKeyMs: number | null;
  /** From the first click, when the learner has read the page for READING_MS before it. */
  typesReadyAfterReadingMs: number | null;
  note: string;
}

/** How long the learner reads the lab page before the first click, in the second measurement. */
export const READING_MS = 5000;

/** The workshop's committed tree, cloned to a temporary folder with the project's installed node_modules beside it. */
async function freshClone(projectDir: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'naxt-first-start-'));
  execFileSync('git', ['clone', '--quiet', projectDir, join(dir, 'workshop')]);
  await symlink(join(projectDir, 'node_modules'), join(dir, 'workshop', 'node_modules'));
  return join(dir, 'workshop');
}

/** Starts the clone's `npm start`; resolves with the printed URL and the seconds it took, and a way to stop it. */
function start(clone: string, dataDir: string): Promise<{ url: string; seconds: number; stop: () => Promise<void> }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'runner/cli/start.ts', '--no-open', '--port', '0', '--data-dir', dataDir], {
    cwd: clone,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /^(https?:\/\/\S+)$/m.exec(out)?.[1];
      if (url) resolve({ url, seconds: (performance.now() - t0) / 1000, stop });
    });
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing its URL: ${err.slice(-400)}`)));
  });
}

/** What the page saw (its own clock): the learner's first press on the cell, first keystroke, and the first squiggle. */
interface PageTimes {
  down?: number;
  key?: number;
  squiggle?: number;
}

/**
 * Milliseconds from the first click into lab 00's first cell, and from the first keystroke, to a type error under a
 * misspelt SDK method, in a browser with nothing cached. The click comes as soon as the cell is on the page, or after
 * `readMs` of reading. Timed by the page itself (a MutationObserver sees the squiggle appear): Playwright's own wait
 * for an element polls, every 500 ms after the first second, and would add up to that much to the figure.
 */
async function typesReady(url: string, readMs = 0): Promise<{ fromClick: number; fromKey: number }> {
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.goto(new URL('/labs/00-setup/', url).href);
    const cell = page.locator('#step-identity workshop-cell');
    await cell.locator('[data-editor]').waitFor();
    if (readMs > 0) await page.waitForTimeout(readMs);
    await page.evaluate(() => {
      const t: PageTimes = {};
      (window as unknown as { benchTimes: PageTimes }).benchTimes = t;
      document.addEventListener('pointerdown', () => (t.down ??= performance.now()), true);
      document.addEventListener('keydown', () => (t.key ??= performance.now()), true);
      document.addEventListener('beforeinput', () => (t.key ??= performance.now()), true);
      new MutationObserver((_, observer) => {
        if (!document.querySelector('#step-identity .squiggly-error')) return;
        t.squiggle = performance.now();
        observer.disconnect();
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await cell.locator('[data-editor]').click();
    await cell.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(
      "import { SageMakerClient } from '@aws-sdk/client-sagemaker';\nconst sm = new SageMakerClient({});\nawait sm.sendd({} as never);\n",
    );
    await cell.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
    const t = await page.evaluate(() => (window as unknown as { benchTimes: PageTimes }).benchTimes);
    if (t.down === undefined || t.key === undefined || t.squiggle === undefined)
      throw new Error(`the page missed a moment: ${JSON.stringify(t)}`);
    return { fromClick: t.squiggle - t.down, fromKey: t.squiggle - t.key };
  } finally {
    await browser.close();
  }
}

export async function firstStartFigures(projectDir: string): Promise<FirstStartFigures> {
  const clone = await freshClone(projectDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'naxt-first-start-data-'));
  try {
    const s = await start(clone, dataDir);
    try {
      const ms = await typesReady(s.url).catch(() => null);
      const afterReading = await typesReady(s.url, READING_MS).catch(() => null);
      return {
        firstStartS: s.seconds,
        typesReadyMs: ms?.fromClick ?? null,
        typesReadyFromKeyMs: ms?.fromKey ?? null,
        typesReadyAfterReadingMs: afterReading?.fromClick ?? null,
        note: 'fresh clone of the committed tree (installed node_modules linked), no site or editor built',
      };
    } finally {
      await s.stop();
    }
  } finally {
    await rm(join(clone, '..'), { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A workshop of this test's own (it is restarted mid-lab), on one data directory; resolves with the printed link. */
function startWorkshop(dataDir: string): Promise<{ child: ChildProcess; link: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runner/cli/start.ts', '--no-open', '--port', '0', '--data-dir', dataDir, '--time-scale', '600'], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/\S*\?token=[0-9a-f]+\S*)$/m.exec(out);
      if (m) resolve({ child, link: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`the workshop exited (${code}) before printing its link`)));
  });
}

const stop = (child: ChildProcess) => new Promise((r) => {
  child.once('exit', r);
  child.kill('SIGINT');
});

test('restart the workshop mid-lab: the new link lands on the same step, the cells above replay, the lab goes on', async ({ page }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'naxt-e2e-restart-'));
  let { child, link } = await startWorkshop(dataDir);
  try {
    expect(new URL(link).pathname).toBe('/');
    await page.goto(`${new URL(link).origin}/labs/00-setup/?token=${new URL(link).searchParams.get('token')}`);
    for (const id of ['identity', 'role']) {
      const step = page.locator(`#step-${id}`);
      await step.getByRole('button', { name: 'Show solution' }).click();
      await step.getByRole('button', { name: 'Run' }).click();
      await expect(step.locator('[data-status]')).toContainText('Done', { timeout: 60_000 });
      await step.getByRole('button', { name: 'Check' }).click();
      await expect(step.locator('[data-result]')).toContainText('Passed');
    }

    await stop(child);
    ({ child, link } = await startWorkshop(dataDir));
    // The new link goes back to the lab and the step the learner was on.
    expect(new URL(link).pathname).toBe('/labs/00-setup/');
    expect(new URL(link).hash).toBe('#step-quotas');
    await page.goto(link);
    const quotas = page.locator('#step-quotas');
    await expect(quotas).toBeInViewport();
    const banner = quotas.locator('[data-replay]');
    await expect(banner).toContainText('variables from the 2 cells above are gone');
    await banner.getByRole('button', { name: 'Run the cells above' }).click();
    await expect(banner).toBeHidden({ timeout: 60_000 });
    await expect(page.locator('#step-role [data-status]')).toContainText('Done');

    // And on: the next step runs in the rebuilt scope and its check passes.
    await quotas.getByRole('button', { name: 'Show solution' }).click();
    await quotas.getByRole('button', { name: 'Run' }).click();
    await expect(quotas.locator('[data-status]')).toContainText('Done', { timeout: 60_000 });
    await quotas.getByRole('button', { name: 'Check' }).click();
    await expect(quotas.locator('[data-result]')).toContainText('Passed');
  } finally {
    await stop(child);
  }
});

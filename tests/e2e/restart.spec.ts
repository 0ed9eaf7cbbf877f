import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { startWorkshop, stopWorkshop } from './workshop.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const stop = (child: ChildProcess) => stopWorkshop(child);

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

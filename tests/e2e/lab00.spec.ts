import { test, expect } from '@playwright/test';
import { seriousViolations } from './axe.ts';

const url = () => process.env.WORKSHOP_URL!;

test.describe.configure({ mode: 'serial' });

test('a new learner sees the workshop home', async ({ page }) => {
  await page.goto(url());
  await expect(page).toHaveURL(/\/$/); // the token left the address bar
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Generative AI on Amazon SageMaker');
  await expect(page.getByText('Naxt Corp is a large financial services institution')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Kaitlin/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Brandon/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Set up your workshop account/ })).toBeVisible();
  await expect(page.locator('[data-target]')).toContainText('Sandbox account');
  await page.screenshot({ path: 'test-results/home.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});

test('lab 00 through the page only: run, check, edit, reload', async ({ page }) => {
  await page.goto(url());
  await page
    .getByRole('link', { name: /Set up your workshop account/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up your workshop account');
  expect(await seriousViolations(page)).toEqual([]);

  const step = (id: string) => page.locator(`#step-${id}`);
  // Checks fail before their step, with a message and a hint.
  await step('identity').getByRole('button', { name: 'Check' }).click();
  await expect(step('identity').locator('[data-result]')).toContainText('Not yet');

  // Step 1: the starting code runs, then the solution passes the check.
  await step('identity').getByRole('button', { name: 'Run' }).click();
  await expect(step('identity').locator('[data-output]')).toContainText('endpoint(s) already in us-east-1');
  await step('identity').getByRole('button', { name: 'Show solution' }).click();
  await step('identity').getByRole('button', { name: 'Run' }).click();
  await expect(step('identity').locator('[data-output]')).toContainText('Account 123456789012');
  await step('identity').getByRole('button', { name: 'Check' }).click();
  await expect(step('identity').locator('[data-result]')).toContainText('Passed');
  // A passed check leads on to the next step, and the time left goes down.
  const minutesLeft = async () =>
    Number(/about (\d+) min left/.exec((await page.locator('[data-lab-minutes-left]').textContent()) ?? '')?.[1]);
  await expect(page.locator('[data-lab-minutes-left]')).toContainText('min left');
  const before = await minutesLeft();
  await step('identity')
    .getByRole('link', { name: /^Next step: .*role/i })
    .click();
  await expect(page).toHaveURL(/#step-role$/);

  // The execution role and the quotas: solution, Run, Check.
  for (const id of ['role', 'quotas']) {
    await step(id).getByRole('button', { name: 'Show solution' }).click();
    await step(id).getByRole('button', { name: 'Run' }).click();
    await expect(step(id).locator('[data-status]')).toContainText('Done');
    await step(id).getByRole('button', { name: 'Check' }).click();
    await expect(step(id).locator('[data-result]')).toContainText('Passed');
  }

  // In the editor (Monaco loads on first focus), Shift+Enter runs the cell.
  await step('bucket').getByRole('button', { name: 'Show solution' }).click();
  await step('bucket').locator('[data-editor]').click();
  await expect(step('bucket').locator('.monaco-editor')).toBeVisible();
  await page.keyboard.press('Shift+Enter');
  await expect(step('bucket').locator('[data-output]')).toContainText('is ready');
  await step('bucket').getByRole('button', { name: 'Check' }).click();
  await expect(step('bucket').locator('[data-result]')).toContainText('Passed');

  // Step 3.
  await step('datasets').getByRole('button', { name: 'Show solution' }).click();
  await step('datasets').getByRole('button', { name: 'Run' }).click();
  await expect(step('datasets').locator('[data-output]')).toContainText(/uploaded \d+ files/);
  await step('datasets').getByRole('button', { name: 'Check' }).click();
  await expect(step('datasets').locator('[data-result]')).toContainText('Passed');
  await expect(page.locator('[data-lab-summary]')).toHaveText('5 of 5 checks passed');
  await expect(page.locator('[data-lab-minutes-left]')).toContainText('nothing left');
  expect(before).toBeGreaterThan(0);
  await expect(step('datasets').getByRole('link', { name: /^Next lab: / })).toBeVisible();

  // The learner's own edit, kept across a reload.
  await step('bucket').locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n// my own note on buckets');
  await page.waitForTimeout(800);
  await page.screenshot({ path: 'test-results/lab-00.png', fullPage: true });
  await page.reload();
  await expect(step('bucket').locator('[data-editor]')).toContainText('my own note on buckets');
  await expect(page.locator('[data-lab-summary]')).toHaveText('5 of 5 checks passed');
  await expect(step('identity').locator('[data-step-mark]')).toHaveText('✓ passed');
  await expect(page.locator('[data-nav-step="datasets"]')).toHaveClass(/passed/);

  // Show solution sets the learner's code aside — across a reload too — and one click brings it back.
  await step('bucket').getByRole('button', { name: 'Show solution' }).click();
  await expect(step('bucket').locator('[data-status]')).toContainText('Your code is kept');
  await expect(step('bucket').locator('[data-editor]')).not.toContainText('my own note on buckets');
  await page.waitForTimeout(500);
  await page.reload();
  await expect(step('bucket').locator('[data-editor]')).not.toContainText('my own note on buckets');
  await step('bucket').getByRole('button', { name: 'Restore my code' }).click();
  await expect(step('bucket').locator('[data-editor]')).toContainText('my own note on buckets');
  await expect(step('bucket').getByRole('button', { name: 'Restore my code' })).toBeHidden();
});

test('the terminal shares the scope of the cells', async ({ page }) => {
  await page.goto(url());
  await page
    .getByRole('link', { name: /Set up your workshop account/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Terminal' }).click();
  await expect(page.locator('.xterm')).toBeVisible();
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('identity.Account');
  await page.keyboard.press('Enter');
  await expect(page.locator('.xterm-rows')).toContainText('123456789012');
});

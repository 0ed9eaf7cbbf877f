import { test, expect, type Page } from '@playwright/test';

/** What a new learner hit walking the labs in a browser (issue 16): each test fails on the page as it was. */
const url = () => process.env.WORKSHOP_URL!;
const lab00 = () => new URL('/labs/00-setup/', url()).href;

async function open(page: Page, href: string) {
  await page.goto(url());
  await page.goto(href);
}

test('the home page’s time and cost read as sentences, the price with its dollar sign against the number', async ({ page }) => {
  await page.goto(url());
  const line = page.locator('section[aria-labelledby="labs-heading"] p.muted');
  // Once the learner's progress has filled in the time left: "… of 115 minutes. About $7.53 on a real account …".
  await expect(line).toContainText(/min(utes)? left of \d+ minutes\. About \$\d+\.\d\d on a real account/);
  await expect(line).not.toContainText(/\.\s*;|\$\s+\d/);
});

test('the site has a favicon', async ({ page }) => {
  await page.goto(url());
  for (const path of ['/favicon.ico', '/favicon.svg']) {
    const res = await page.request.get(new URL(path, url()).href);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type'], path).toMatch(/^image\//);
  }
});

test('at 390 × 844 the page is as wide as the phone, the header wraps and the lab list folds', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, lab00());
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  for (const name of ['Terminal', 'Switch between light and dark theme']) {
    const box = (await page.getByRole('button', { name, exact: true }).first().boundingBox())!;
    expect(box.x + box.width, name).toBeLessThanOrEqual(390);
  }
  const meter = (await page.locator('workshop-cost').boundingBox())!;
  expect(meter.x + meter.width).toBeLessThanOrEqual(390);
  // The lab list no longer fills the first screen: the lab's title is on it.
  const toggle = page.getByRole('button', { name: 'Labs and steps' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('#lab-nav-list')).toBeHidden();
  expect((await page.locator('.lab-header h1').boundingBox())!.y).toBeLessThan(844);
  await toggle.click();
  await expect(page.locator('#lab-nav-list')).toBeVisible();
  await page.screenshot({ path: 'test-results/layout-390-lab00-nav-open.png' });
  await page.request.get(new URL('/', url()).href);
  await page.goto(new URL('/', url()).href);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('the editor fills the column, wraps a long line and never hides the start of the lines', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await open(page, lab00());
  const cell = page.locator('#step-identity workshop-cell');
  const column = (await page.locator('main.lab').boundingBox())!;
  expect((await cell.boundingBox())!.width).toBeGreaterThan(column.width * 0.95);
  await cell.locator('[data-editor]').click();
  await expect(cell.locator('.monaco-editor')).toBeVisible();
  await cell.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(`const long = '${'a very long line of text '.repeat(12)}';`);
  await page.waitForTimeout(300);
  // Wrapped: no horizontal scroll, and the long line spans several visual lines.
  const scrolled = await cell.locator('.monaco-editor .lines-content').evaluate((el) => parseFloat(getComputedStyle(el).left || '0'));
  expect(scrolled).toBe(0);
  expect(await cell.locator('.monaco-editor .view-line', { hasText: 'a very long line' }).count()).toBeGreaterThan(1);
  await page.keyboard.press('ControlOrMeta+Z');
});

test('Shift+Tab from Check lands on the code box, not in the editor: the next key does not edit the code', async ({ page }) => {
  await open(page, lab00());
  const cell = page.locator('#step-identity workshop-cell');
  await cell.locator('[data-editor]').click();
  await expect(cell.locator('.monaco-editor')).toBeVisible();
  const before = await cell.locator('.monaco-editor .view-lines').innerText();
  await page.locator('#step-identity [data-action="check"]').focus();
  await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(false);
  await page.keyboard.press('x');
  await page.waitForTimeout(300);
  expect(await cell.locator('.monaco-editor .view-lines').innerText()).toBe(before);
  // Enter on the code box edits.
  await cell.locator('[data-editor]').focus();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true);
});

test('a check result belongs to the code it checked: stale after a failing run, re-checked after a passing one', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, lab00());
  const step = page.locator('#step-identity');
  const result = step.locator('[data-result]');
  await step.locator('[data-action="check"]').click();
  await expect(result).not.toHaveText(/Checking/);
  await expect(result).not.toBeEmpty();
  // A run that fails: the earlier verdict says it is about the code before it.
  await step.locator('[data-editor]').click();
  await expect(step.locator('.monaco-editor')).toBeVisible();
  await step.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('throw new Error("not yet written");');
  await step.locator('[data-action="run"]').click();
  await expect(step.locator('.out-error')).toBeVisible({ timeout: 60_000 });
  await expect(result.locator('.stale-note')).toHaveText(/before your last run/);
  // The solution runs: the step is checked again and the verdict is fresh.
  await step.locator('[data-action="solution"]').click();
  await step.locator('[data-action="run"]').click();
  await expect(result).toHaveClass(/pass/, { timeout: 60_000 });
  await expect(result).toContainText('Passed.');
  await expect(result).not.toContainText('Not yet');
  await expect(result.locator('.stale-note')).toHaveCount(0);
});

test('the worker page opens in a new tab and has a way back to lab 06', async ({ page, context }) => {
  await open(page, new URL('/labs/06-hil-sft/', url()).href);
  const link = page.locator('main.lab a[href="/worker/"]').first();
  await expect(link).toHaveAttribute('target', '_blank');
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe('/worker/');
  await expect(tab.getByRole('link', { name: 'Back to the lab' })).toHaveAttribute('href', /\/labs\/06-hil-sft\//);
  await tab.close();
});

import { test, expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';

const url = () => process.env.WORKSHOP_URL!;
const origin = () => new URL(url()).origin;
const box = (page: Page) => page.getByRole('combobox', { name: 'Search the labs' });
const results = (page: Page) => page.getByRole('listbox', { name: 'Search results' });
const isSearchRequest = (u: string) => /\/search-index\.json|\/search-box\.[\w-]+\.js/.test(u);

test.describe.configure({ mode: 'serial' });

test('the search code and index load on first focus of the box, not with the page', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(url());
  await page.goto(`${origin()}/labs/00-setup/`);
  await page.waitForLoadState('networkidle');
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(300);
  expect(requested.filter(isSearchRequest)).toEqual([]);

  const index = page.waitForRequest((r) => r.url().endsWith('/search-index.json'));
  await box(page).click();
  await index;
  expect(requested.some((u) => /\/search-box\.[\w-]+\.js/.test(u))).toBe(true);
  // The cells' code lines wait for a result that shows one.
  await box(page).fill('data capture');
  await expect(results(page).getByRole('option').first()).toContainText('Turn on data capture');
  expect(requested.filter((u) => u.endsWith('/search-code.json'))).toEqual([]);
});

test('press /, type "data capture", choose lab 02’s step with the arrow keys and Enter, land on it', async ({ page }) => {
  await page.goto(url());
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Generative AI');
  await page.keyboard.press('/');
  await expect(box(page)).toBeFocused();
  await expect(box(page)).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.type('data capture');

  const first = results(page).getByRole('option').first();
  await expect(first).toContainText('Lab 02 · Step 1');
  await expect(first).toContainText('Monitor what the model says');
  await expect(first).toContainText('Turn on data capture');
  await expect(first.locator('mark').first()).toHaveText(/data|capture/i);
  await expect(box(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('[data-search-live]')).toContainText('for “data capture”');

  // ↓ twice, ↑ once: the first result is active, named by aria-activedescendant.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(box(page)).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  await expect(results(page).locator('[aria-selected="true"]')).toHaveCount(1);
  expect(
    await new AxeBuilder({ page })
      .include('.site-header')
      .analyze()
      .then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)),
  ).toEqual([]);

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/labs\/02-monitor\/#step-capture$/);
  await expect(page.locator('#step-capture h2')).toBeInViewport();
});

test('a query with no match says so; Escape closes the results, then clears the box', async ({ page }) => {
  await page.goto(url());
  await box(page).click();
  await box(page).fill('xyzzyqq');
  await expect(page.locator('[data-search-message]')).toHaveText(/^No results for “xyzzyqq”/);
  await expect(page.locator('[data-search-message]')).toBeVisible();
  await expect(results(page)).toBeHidden();
  await expect(box(page)).toHaveAttribute('aria-expanded', 'false');

  await box(page).fill('endpint'); // a typo still finds endpoints
  await expect(results(page).getByRole('option').first()).toContainText(/endpoint/i);
  await page.keyboard.press('Escape');
  await expect(results(page)).toBeHidden();
  await expect(box(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(box(page)).toHaveValue('endpint');
  await page.keyboard.press('Escape');
  await expect(box(page)).toHaveValue('');
});

test('a result opens with a click; / is only a shortcut outside fields and editors', async ({ page }) => {
  await page.goto(url());
  await page.goto(`${origin()}/labs/02-monitor/`);
  // In a code cell, `/` is code.
  const cell = page.locator('#step-capture');
  await cell.locator('[data-editor]').click();
  await expect(cell.locator('.monaco-editor')).toBeVisible();
  await page.keyboard.press('/');
  await expect(box(page)).not.toBeFocused();
  await cell.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('/');
  await expect(box(page)).toBeFocused();
  await page.keyboard.type('monitoring schedule');
  await results(page)
    .getByRole('option', { name: /Schedule monitoring and read its report/ })
    .click();
  await expect(page).toHaveURL(/\/labs\/02-monitor\/#step-schedule$/);
  await expect(page.locator('#step-schedule h2')).toBeInViewport();
});

test('a query that only the cell’s code matches shows the matching code line, marked, not the step’s prose', async ({ page }) => {
  await page.goto(url());
  await box(page).click();
  await box(page).fill('InitialSamplingPercentage');
  const first = results(page).getByRole('option').first();
  await expect(first).toContainText('Lab 02 · Step 1');
  const code = first.locator('.search-hit-excerpt code');
  await expect(code).toHaveText('InitialSamplingPercentage: 100,');
  await expect(code.locator('mark').first()).toHaveText(/InitialSamplingPercentage/);
  // Words the prose holds keep the prose excerpt.
  await box(page).fill('data capture');
  await expect(results(page).getByRole('option').first().locator('.search-hit-excerpt')).toContainText(/data capture/i);
  await expect(results(page).getByRole('option').first().locator('.search-hit-excerpt code')).toHaveCount(0);
});

for (const path of ['/', '/labs/02-monitor/']) {
  test(`at 1024 px the page ${path} does not overflow sideways and its header keeps one row`, async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(url());
    await page.goto(`${origin()}${path}`);
    await expect(page.locator('[data-target]')).toContainText('Sandbox account');
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(1024);
    const header = await page.locator('.site-header').evaluate((h) => {
      const boxes = [...h.children].filter((c) => c.getClientRects().length).map((c) => c.getBoundingClientRect());
      return {
        overflow: h.scrollWidth - h.clientWidth,
        right: Math.max(...boxes.map((b) => b.right)),
        height: h.getBoundingClientRect().height,
      };
    });
    expect(header.overflow).toBeLessThanOrEqual(0);
    expect(header.right).toBeLessThanOrEqual(1024);
    expect(header.height, 'header height').toBeLessThan(60);
    // Keyboard order from the top: skip link, brand, search, then the header's buttons.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(box(page)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Terminal' }).first()).toBeFocused();
  });
}

test('a printed lab leaves out the header and search, and wraps its code instead of cutting it', async ({ page }) => {
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.goto(url());
  await page.goto(`${origin()}/labs/01-filter-deploy/`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  const pre = page.locator('#step-search [data-editor] pre');
  await expect(pre).toHaveCSS('white-space', 'pre-wrap');
  expect(await pre.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

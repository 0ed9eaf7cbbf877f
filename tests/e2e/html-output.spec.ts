import { test, expect } from '@playwright/test';
import { typeCode } from './complete-lab.ts';

const url = () => process.env.WORKSHOP_URL!;
const origin = () => new URL(url()).origin;

/** What a cell (or a page it fetched) can display: a redirect of the page and a full-screen phishing overlay. */
const HOSTILE = [
  '<meta http-equiv="refresh" content="0;url=https://example.com/">',
  '<div id="overlay" style="position:fixed;inset:0;z-index:2147483647;background:rgb(200,0,0)">',
  '<label>AWS secret key <input id="steal" autofocus></label></div>',
  '<p id="hello">Hello from the cell</p>',
].join('');

test('HTML a cell displays can neither navigate nor cover the lab page, after the run and after a reload', async ({ page }) => {
  const navigations: string[] = [];
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations.push(f.url());
  });
  await page.goto(url());
  const lab = `${origin()}/labs/00-setup/`;
  await page.goto(lab);
  const cell = page.locator('#step-role');
  await typeCode(page, 'role', `display.html(${JSON.stringify(HOSTILE)});`);
  await cell.getByRole('button', { name: 'Run', exact: true }).click();

  const expectContained = async () => {
    // The cell has run and its output is shown (on the page or in a frame of its own).
    await expect(cell.locator('[data-status]')).toContainText(/Done|Ran \d+ time/);
    // Long enough for a 0-second refresh to have fired, had it been allowed.
    await page.waitForTimeout(1500);
    expect(page.url()).toBe(lab);
    // Nothing of it is in the page itself.
    await expect(page.locator('#overlay, #steal, meta[http-equiv="refresh" i]')).toHaveCount(0);
    // The overlay covers at most its frame: the page's own controls are what a click at their place reaches.
    const run = cell.getByRole('button', { name: 'Run', exact: true });
    const box = (await run.boundingBox())!;
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.closest('button')?.textContent?.trim() ?? null,
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(hit).toBe('Run');
    const frame = cell.locator('iframe.out-html');
    await expect(frame).toBeVisible();
    // The markup is shown, in its own document.
    await expect(frame.contentFrame().locator('#hello')).toHaveText('Hello from the cell');
    // The frame has no scripts, no same-origin access and no way to navigate the page.
    expect(await frame.getAttribute('sandbox')).toBe('');
  };

  await expectContained();
  // The output is stored: it is shown again on every visit, and still contained.
  await page.reload();
  await expect(cell.locator('[data-status]')).toBeVisible();
  await expectContained();
  expect(
    navigations.every((u) => u.startsWith(origin())),
    navigations.join(', '),
  ).toBe(true);
  await cell.getByRole('button', { name: 'Reset' }).click();
});

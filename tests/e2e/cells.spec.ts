import { test, expect } from '@playwright/test';
import { typeCode } from './complete-lab.ts';

const url = () => process.env.WORKSHOP_URL!;
const origin = () => new URL(url()).origin;

test.describe.configure({ mode: 'serial' });

test('Run and Interrupt from the keyboard: focus moves to Interrupt, back to Run, and the status says what happened', async ({ page }) => {
  await page.goto(url());
  await page.goto(`${origin()}/labs/00-setup/`);
  const cell = page.locator('#step-role');
  const run = cell.getByRole('button', { name: 'Run', exact: true });
  const stop = cell.getByRole('button', { name: 'Interrupt' });
  // At once (the cell may still be compiling), then once it has run a second.
  for (const [code, after] of [
    ['while (true) {}', 'Running…'],
    ['await new Promise(() => {})', 'Running… 1 s'],
  ]) {
    await typeCode(page, 'role', code);
    await run.focus();
    await page.keyboard.press('Enter');
    await expect(stop).toBeFocused();
    await expect(cell.locator('[data-status]')).toContainText(after);
    await page.keyboard.press('Enter');
    await expect(run).toBeFocused();
    await expect(cell.locator('[data-status]')).toHaveText(/^Interrupted after \d+\.\d s$/);
    await expect(cell.locator('[data-output]')).toContainText(/Interrupted( before it started)?\. Variables from earlier cells are kept\./);
  }
  // After a reload the status line is a sentence too.
  await page.reload();
  await expect(cell.locator('[data-status]')).toHaveText('Last run was interrupted.');

  // A broken cell and a throwing cell name the error and its line.
  await typeCode(page, 'role', 'const x: number = ;');
  await run.click();
  await expect(cell.locator('[data-status]')).toHaveText(/^Error in /);
  await expect(cell.locator('.out-error')).toContainText(/SyntaxError: .+ — line 1, column \d+/);
  await typeCode(page, 'role', "throw new Error('x')");
  await run.click();
  await expect(cell.locator('.out-error')).toContainText('Error: x — line 1');
  await cell.getByRole('button', { name: 'Reset' }).click();
});

test('on the sandbox the header’s cost says it is what AWS would charge, and only what starts or stops is announced', async ({ page }) => {
  await page.goto(url());
  const meter = page.locator('[data-meter]');
  await expect(meter).toContainText(/\d+ running · \$\d+\.\d\d\/h · ~\$\d+\.\d\d if on AWS/);
  await expect(meter).toHaveAttribute('title', /^The sandbox costs nothing/);
  // The total changes at every poll: it must not sit in a live region.
  expect(await meter.evaluate((m) => m.closest('[aria-live], [role="status"]') === null)).toBe(true);
  await expect(page.locator('[data-cost-live]')).toHaveAttribute('role', 'status');
});

test('Check from the keyboard keeps the focus on Check, and the result says what to do', async ({ page }) => {
  await page.goto(url());
  await page.goto(`${origin()}/labs/05-mlops/`);
  const step = page.locator('#step-prepare');
  const button = step.getByRole('button', { name: 'Check' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(step.locator('[data-result]')).toContainText(/Not yet|Passed/);
  await expect(button).toBeFocused();
  // Pressed again at once, from the keyboard, it checks again.
  await page.keyboard.press('Enter');
  await expect(step.locator('[data-result]')).toContainText(/Not yet|Passed/);
  await expect(button).toBeFocused();
  const text = (await step.locator('[data-result]').textContent()) ?? '';
  if (text.startsWith('Not yet')) await expect(step.locator('[data-result] .hint')).toContainText('Hint: Run the cell');
});

test('Copy says it copied, or what to do when the browser refuses the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(url());
  await page.goto(`${origin()}/labs/00-setup/`);
  const cell = page.locator('#step-quotas');
  await cell.getByRole('button', { name: 'Copy' }).click();
  await expect(cell.locator('[data-status]')).toHaveText('Copied.');
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
  });
  await cell.getByRole('button', { name: 'Copy' }).click();
  await expect(cell.locator('[data-status]')).toHaveText('Could not copy here: select the code and press Ctrl+C.');
});

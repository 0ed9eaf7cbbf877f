import { test, expect } from '@playwright/test';

const url = () => process.env.WORKSHOP_URL!;

test('the keyboard is never trapped in a code cell: tabbing past keeps focus, Escape then Tab leaves the editor', async ({ page }) => {
  await page.goto(url());
  await page.goto(`${new URL(url()).origin}/labs/02-monitor/`);
  const cell = page.locator('#step-capture');
  // Passing through the cell starts the editor; moving on before it is ready must not pull focus back.
  await cell.locator('[data-editor]').focus();
  await cell.getByRole('button', { name: 'Check' }).focus();
  await expect(cell.locator('.monaco-editor')).toBeVisible();
  await page.waitForTimeout(300);
  await expect(cell.getByRole('button', { name: 'Check' })).toBeFocused();

  // In the editor Tab indents; Escape, then Tab or Shift+Tab, moves on to the next or previous control.
  const editor = cell.locator('.monaco-editor textarea');
  await editor.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(cell.getByRole('button', { name: 'Check' })).toBeFocused();
  await editor.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(cell.getByRole('button', { name: 'Copy' })).toBeFocused();
});

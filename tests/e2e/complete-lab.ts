import { expect, type Page } from '@playwright/test';

/**
 * Runs steps of a lab through the page as a learner in a hurry would: Show solution, Run, wait, Check. On the
 * suite's shared workshop, or on the one at `origin`.
 */
export async function completeLab(
  page: Page,
  slug: string,
  steps: string[],
  origin = new URL(process.env.WORKSHOP_URL!).origin,
): Promise<void> {
  await page.goto(`${origin}/labs/${slug}/`);
  for (const id of steps) {
    const step = page.locator(`#step-${id}`);
    await step.getByRole('button', { name: 'Show solution' }).click();
    await step.getByRole('button', { name: 'Run' }).click();
    await expect(step.locator('[data-status]')).toContainText(/Done|Error/, { timeout: 60_000 });
    await expect(step.locator('[data-status]')).toContainText('Done');
    await step.getByRole('button', { name: 'Check' }).click();
    await expect(step.locator('[data-result]')).toContainText('Passed');
  }
}

/** Replaces a cell's code through its editor, as a learner would: select all, delete, type. */
export async function typeCode(page: Page, step: string, code: string): Promise<void> {
  const cell = page.locator(`#step-${step}`);
  await cell.locator('[data-editor]').click();
  await expect(cell.locator('.monaco-editor')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

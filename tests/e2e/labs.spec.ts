import { test, expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';

const url = () => process.env.WORKSHOP_URL!;
test.describe.configure({ mode: 'serial' });

/** Runs every step of a lab through the page: Show solution, Run, wait, Check. */
async function completeLab(page: Page, slug: string, steps: string[]) {
  await page.goto(`${new URL(url()).origin}/labs/${slug}/`);
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

test('lab 01 in the page: filter the hub, deploy, summarize — and the cost meter counts the endpoint', async ({ page }) => {
  await page.goto(url());
  await completeLab(page, '00-setup', ['identity', 'role', 'quotas', 'bucket', 'datasets']);
  await completeLab(page, '01-filter-deploy', ['search', 'pick']);
  const search = page.locator('#step-search');
  await expect(search.locator('table')).toContainText('huggingface-llm-mistral-7b-instruct-v3');
  await completeLab(page, '01-filter-deploy', ['deploy', 'invoke']);
  await expect(page.locator('#step-deploy [data-output]')).toContainText('InService');
  await expect(page.locator('#step-invoke [data-output]')).toContainText('Risk appetite');
  // The meter polls every few seconds: the endpoint is priced from the price table.
  await page.reload();
  await expect(page.locator('[data-meter]')).toContainText(/1 running · \$1\.5\d\/h/, { timeout: 20_000 });
  await page.locator('.site-header').screenshot({ path: 'test-results/cost-meter.png' });
  await expect(page.locator('.lab-nav [data-lab-item="01-filter-deploy"] [data-lab-progress]')).toHaveText('✓ done');
});

test('lab 03 shows the quality-against-cost chart', async ({ page }) => {
  await page.goto(url());
  await completeLab(page, '03-evaluate-select', ['data', 'evaluate', 'choose']);
  const chart = page.locator('#step-choose figure.out-chart');
  await expect(chart.locator('canvas')).toBeVisible();
  await expect(chart).toContainText('Quality against the cost of 1,000 requests');
  await expect(page.locator('#step-choose [data-output]')).toContainText('Summaries: huggingface-llm-mistral-7b-instruct-v3');
  await chart.screenshot({ path: 'test-results/evaluation-chart.png' });
});

test('every lab page passes axe without serious or critical violations', async ({ page }) => {
  await page.goto(url());
  const links = await page.locator('.lab-list a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
  expect(links.length).toBeGreaterThanOrEqual(5);
  for (const href of links) {
    await page.goto(`${new URL(url()).origin}${href}`);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${href} ${v.id}: ${v.help}`);
    expect(serious).toEqual([]);
  }
});

test('lab 06: the learner answers the labeling tasks on the worker page', async ({ page, context }) => {
  await page.goto(url());
  await completeLab(page, '06-hil-sft', ['workforce', 'job']);
  const label = page.locator('#step-label');
  await label.getByRole('button', { name: 'Show solution' }).click();
  await label.getByRole('button', { name: 'Run' }).click();
  await expect(label.locator('[data-output]')).toContainText('0 answered, 5 waiting');

  const worker = await context.newPage();
  await worker.goto(`${new URL(url()).origin}/worker/`);
  await expect(worker.locator('[data-status]')).toContainText('5 tasks waiting');
  const tasks = worker.locator('.worker-task');
  for (let i = 0; i < 5; i++) {
    const task = tasks.nth(i);
    await task.getByLabel('Question a colleague would ask').fill(`How do I follow process number ${i + 1}?`);
    await task.getByLabel("Answer, in Naxt's tone").fill('You can find the steps in the intranet portal. Please ask the relevant desk for more.');
    await task.getByRole('button', { name: 'Submit' }).click();
    await expect(task.locator('[data-result]')).toContainText('Submitted');
  }
  await worker.screenshot({ path: 'test-results/worker-page.png', fullPage: true });

  await expect(label.locator('[data-status]')).toContainText('Done', { timeout: 30_000 });
  await expect(label.locator('[data-output]')).toContainText('Completed: 5 answered, 0 waiting');
  await label.getByRole('button', { name: 'Check' }).click();
  await expect(label.locator('[data-result]')).toContainText('Passed');
  await completeLab(page, '06-hil-sft', ['dataset']);
  await expect(page.locator('#step-dataset [data-output]')).toContainText('5 human pairs');
});

import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { completeLab } from './complete-lab.ts';

const url = () => process.env.WORKSHOP_URL!;
test.describe.configure({ mode: 'serial' });

/**
 * Replaces one line of a cell's editor, as a learner would: triple-click the line (found by its text), which selects
 * the whole line even when word wrap shows it on several rows, and type its replacement.
 */
async function replaceLine(page: Page, step: string, startsWith: string, code: string) {
  const cell = page.locator(`#step-${step}`);
  await cell.locator('[data-editor]').click();
  const line = cell.locator('.monaco-editor .view-line', { hasText: startsWith }).first();
  await expect(line).toBeVisible();
  await line.click({ clickCount: 3 });
  await page.keyboard.insertText(`${code}\n`);
}

test('lab 01 as a new learner: type the filter and the pick, run, check, use the terminal, reload — nothing is lost', async ({ page }) => {
  await page.goto(url());
  await completeLab(page, '00-setup', ['identity', 'role', 'quotas', 'bucket', 'datasets']);
  await page.goto(`${new URL(url()).origin}/labs/01-filter-deploy/`);
  const step = (id: string) => page.locator(`#step-${id}`);

  // Earlier specs may have edited these cells in the same session: start from the starting code, as a learner would.
  for (const id of ['search', 'pick']) await step(id).getByRole('button', { name: 'Reset' }).click();
  // The starting filter keeps every text-generation model; the learner's own filter is what the check wants.
  await step('search').getByRole('button', { name: 'Run' }).click();
  await expect(step('search').locator('[data-status]')).toContainText('Done');
  await step('search').getByRole('button', { name: 'Check' }).click();
  await expect(step('search').locator('[data-result]')).toContainText('Not yet');
  await replaceLine(
    page,
    'search',
    'const candidates = hub.filter',
    "const candidates = hub.filter((m) => has(m, '@task:text-generation') && approvedFamilies.some((f) => m.HubContentName!.includes(f)));",
  );
  await step('search').getByRole('button', { name: 'Run' }).click();
  await expect(step('search').locator('[data-status]')).toContainText('Done');
  await expect(step('search').locator('table')).toContainText('huggingface-llm-mistral-7b-instruct-v3');
  await step('search').getByRole('button', { name: 'Check' }).click();
  await expect(step('search').locator('[data-result]')).toContainText('Passed');

  const tokens = "(c: ModelCard) => Number(c.InferenceEnvironmentVariables.find((v) => v.Name === 'MAX_TOTAL_TOKENS')?.Default ?? 0)";
  await replaceLine(
    page,
    'pick',
    'const best = cards[0]',
    `const best = cards.filter((c) => !c.card.HostingEulaUri && c.modelId.includes('instruct') && c.card.SupportedInferenceInstanceTypes.includes(instanceType)).sort((a, b) => (${tokens})(b.card) - (${tokens})(a.card))[0];`,
  );
  await page.keyboard.press('Control+Enter'); // runs the cell and stays in it
  await expect(step('pick').locator('[data-status]')).toContainText('Done');
  await step('pick').getByRole('button', { name: 'Check' }).click();
  await expect(step('pick').locator('[data-result]')).toContainText('Passed');

  await completeLab(page, '01-filter-deploy', ['deploy', 'invoke']);
  await expect(step('deploy').locator('[data-output]')).toContainText('InService');
  await expect(step('invoke').locator('[data-output]')).toContainText('Risk appetite');

  // The terminal shares the session: it lists what the learner runs, and keeps its scrollback on the next page.
  await page.getByRole('button', { name: 'Terminal' }).click();
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('.resources');
  await page.keyboard.press('Enter');
  await expect(page.locator('.xterm-rows')).toContainText('naxt-summarizer-');
  await page
    .locator('.lab-footer')
    .getByRole('link', { name: /Next lab: / })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/Filter/);
  await expect(page.locator('.xterm-rows')).toContainText('naxt-summarizer-');
  await page.goBack();

  // The meter polls every few seconds: the endpoint is priced from the price table.
  await page.reload();
  await expect(page.locator('[data-meter]')).toContainText(/1 running · \$1\.5\d\/h/, { timeout: 20_000 });
  await page.locator('.site-header').screenshot({ path: 'test-results/cost-meter.png' });
  await expect(page.locator('.lab-nav [data-lab-item="01-filter-deploy"] [data-lab-progress]')).toHaveText('✓ done');
  // After the reload: the learner's own code, the outputs of the last runs and the passed checks are all there.
  await expect(step('search').locator('[data-editor]')).toContainText('approvedFamilies.some');
  await expect(step('pick').locator('[data-editor]')).toContainText("c.modelId.includes('instruct')");
  await expect(step('search').locator('[data-output]')).toContainText('Output of your last run');
  await expect(step('search').locator('[data-output] table')).toContainText('huggingface-llm-mistral-7b-instruct-v3');
  await expect(step('invoke').locator('[data-output]')).toContainText('Risk appetite');
  await expect(step('pick').locator('[data-step-mark]')).toHaveText('✓ passed');
  await page.screenshot({ path: 'test-results/lab-01.png', fullPage: true });
});

// Relies on the lab 01 test above (its endpoint and session).
test('lab 03 shows the quality-against-cost chart', async ({ page }) => {
  await page.goto(url());
  await completeLab(page, '03-evaluate-select', ['data', 'evaluate', 'choose']);
  const chart = page.locator('#step-choose figure.out-chart');
  await expect(chart.locator('.chart-plot svg')).toBeVisible();
  await expect(chart).toContainText('Quality against the cost of 1,000 requests');
  await expect(page.locator('#step-choose [data-output]')).toContainText('Summaries: huggingface-llm-mistral-7b-instruct-v3');
  await chart.screenshot({ path: 'test-results/evaluation-chart.png' });
});

test('every page passes axe without serious or critical violations, in the light and the dark theme', async ({ page }) => {
  test.setTimeout(300_000); // axe over every page, twice: minutes on a loaded 2-core machine
  await page.goto(url());
  const links = await page.locator('.lab-list a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
  expect(links.length).toBeGreaterThanOrEqual(5);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const href of ['/', ...links, '/worker/']) {
      await page.goto(`${new URL(url()).origin}${href}`);
      expect(await seriousViolations(page, `${colorScheme} ${href} `)).toEqual([]);
    }
  }
  // The theme button overrides the system's choice, and highlighted code follows it.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${new URL(url()).origin}${links.at(-1)}`);
  await page.getByRole('button', { name: /theme/i }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const codeColour = await page
    .locator('.cell-editor .astro-code')
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(codeColour).not.toBe('rgb(255, 255, 255)');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: /theme/i }).click();
});

test('lab 06: the learner answers the labeling tasks on the worker page', async ({ page, context }) => {
  await page.goto(url());
  // Lab 06 needs what lab 00 sets up (role, bucket, datasets): a learner who opens it first runs lab 00.
  await completeLab(page, '00-setup', ['identity', 'role', 'quotas', 'bucket', 'datasets']);
  await completeLab(page, '06-hil-sft', ['workforce', 'job']);
  const label = page.locator('#step-label');
  await label.getByRole('button', { name: 'Show solution' }).click();
  await label.getByRole('button', { name: 'Run' }).click();
  await expect(label.locator('[data-output]')).toContainText('0 answered, 5 waiting');

  const worker = await context.newPage();
  await worker.goto(`${new URL(url()).origin}/worker/`);
  await expect(worker.locator('[data-status]')).toContainText('5 tasks waiting');
  const tasks = worker.locator('.worker-task');
  // Answers are sentences: their boxes span the task, not a few words.
  const widths = await tasks
    .first()
    .evaluate((li) => ({ li: li.getBoundingClientRect().width, box: li.querySelector('textarea')!.getBoundingClientRect().width }));
  expect(widths.box).toBeGreaterThan(widths.li * 0.8);
  for (let i = 0; i < 5; i++) {
    const task = tasks.nth(i);
    await task.getByLabel('Question a colleague would ask').fill(`How do I follow process number ${i + 1}?`);
    await task
      .getByLabel("Answer, in Naxt's tone")
      .fill('You can find the steps in the intranet portal. Please ask the relevant desk for more.');
    // From the keyboard: Submit, then the next task's first box has the focus.
    await task.getByRole('button', { name: 'Submit' }).focus();
    await worker.keyboard.press('Enter');
    await expect(task.locator('[data-result]')).toContainText(
      i < 4 ? `Submitted. ${4 - i} task` : 'Submitted. That was the last task of this job.',
    );
    if (i < 4) await expect(tasks.nth(i + 1).getByLabel('Question a colleague would ask')).toBeFocused();
  }
  await expect(worker.locator('[data-status]')).toContainText('All tasks are answered', { timeout: 10_000 });
  await worker.screenshot({ path: 'test-results/worker-page.png', fullPage: true });

  await expect(label.locator('[data-status]')).toContainText('Done', { timeout: 30_000 });
  await expect(label.locator('[data-output]')).toContainText('Completed: 5 answered, 0 waiting');
  await label.getByRole('button', { name: 'Check' }).click();
  await expect(label.locator('[data-result]')).toContainText('Passed');
  await completeLab(page, '06-hil-sft', ['dataset']);
  await expect(page.locator('#step-dataset [data-output]')).toContainText('5 human pairs');
});

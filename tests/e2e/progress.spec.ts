import { test, expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { completeLab } from './complete-lab.ts';
import type { SessionRef } from '../../runner/api/contract.ts';

const url = () => process.env.WORKSHOP_URL!;
const origin = () => new URL(url()).origin;
test.describe.configure({ mode: 'serial' });

/** Records every state the progress bars of a step go through (they can pass in well under a second). */
async function recordBarStates(page: Page, stepId: string) {
  await page.evaluate((id) => {
    const seen: string[] = [];
    (window as unknown as { barStates: string[] }).barStates = seen;
    const root = document.querySelector(`#step-${id} [data-output]`)!;
    new MutationObserver(() => {
      for (const bar of root.querySelectorAll<HTMLElement>('.op-progress')) {
        const s = `${bar.dataset.state}:${bar.querySelector('.op-status')?.textContent ?? ''}`;
        if (seen.at(-1) !== s) seen.push(s);
      }
    }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  }, stepId);
  return () => page.evaluate(() => (window as unknown as { barStates: string[] }).barStates);
}

/** Another spec may have deployed lab 01's endpoint in this session already: remove it so the deploy step runs fresh. */
async function removeLab01Endpoint(page: Page) {
  const { sessionId } = (await (await page.request.get(`${origin()}/api/session`)).json()) as SessionRef;
  const code = `
    import { SageMakerClient, DeleteEndpointCommand, DeleteEndpointConfigCommand, DeleteModelCommand, waitUntilEndpointDeleted } from '@aws-sdk/client-sagemaker';
    const sm = new SageMakerClient({});
    const name = workshop.prefix + 'summarizer-' + workshop.sessionId;
    const quiet = (p: Promise<unknown>) => p.catch(() => undefined);
    if (await sm.send(new DeleteEndpointCommand({ EndpointName: name })).then(() => true, () => false)) await waitUntilEndpointDeleted({ client: sm, maxWaitTime: 60, minDelay: 1 }, { EndpointName: name });
    await quiet(sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name })));
    await quiet(sm.send(new DeleteModelCommand({ ModelName: name })));`;
  const res = await page.request.post(`${origin()}/api/sessions/${sessionId}/labs/01-filter-deploy/cells/deploy/run`, {
    data: { code },
    headers: { origin: origin() },
  });
  expect(await res.text()).toContain('"status":"ok"');
}

test('lab 01: deploying shows a live progress bar that reaches InService', async ({ page }) => {
  await page.goto(url());
  await completeLab(page, '00-setup', ['identity', 'role', 'quotas', 'bucket', 'datasets']);
  await completeLab(page, '01-filter-deploy', ['search', 'pick']);
  await removeLab01Endpoint(page);

  const deploy = page.locator('#step-deploy');
  await deploy.getByRole('button', { name: 'Show solution' }).click();
  const states = await recordBarStates(page, 'deploy');
  await deploy.getByRole('button', { name: 'Run' }).click();

  const bar = deploy.locator('.op-progress');
  await expect(bar).toHaveCount(1, { timeout: 30_000 });
  await expect(bar).toHaveAttribute('data-state', 'succeeded', { timeout: 60_000 });
  await expect(bar.locator('.op-kind')).toHaveText('Endpoint');
  await expect(bar.locator('.op-name')).toHaveText(/^naxt-summarizer-[0-9a-f]{8}$/);
  await expect(bar.locator('.op-status')).toHaveText('InService');
  await expect(bar.locator('.op-time')).toContainText(/^took \d/);
  const meter = bar.getByRole('progressbar');
  await expect(meter).toHaveAttribute('aria-valuenow', '100');
  await expect(meter).toHaveAttribute('aria-valuetext', /^InService, took/);
  // The end is announced politely, once.
  await expect(bar.locator('[aria-live="polite"]')).toHaveText(/^Endpoint naxt-summarizer-[0-9a-f]{8} is InService \(took .+\)\.$/);
  // It was drawn while the endpoint was still coming up, then updated in place.
  expect(await states()).toEqual(expect.arrayContaining(['running:Creating', 'succeeded:InService']));
  await expect(deploy.locator('[data-status]')).toContainText('Done');
  const axe = await new AxeBuilder({ page }).include('#step-deploy [data-output]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await bar.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await bar.screenshot({ path: 'test-results/progress.png' });
});

test('lab 04: training shows its progress and the loss curve', async ({ page }) => {
  await page.goto(url());
  await completeLab(page, '04-customize', ['dataset']);
  const train = page.locator('#step-train');
  await train.getByRole('button', { name: 'Show solution' }).click();
  const states = await recordBarStates(page, 'train');
  await train.getByRole('button', { name: 'Run' }).click();
  await expect(train.locator('[data-status]')).toContainText('Done', { timeout: 60_000 });

  const bar = train.locator('.op-progress');
  await expect(bar).toHaveAttribute('data-state', 'succeeded');
  await expect(bar.locator('.op-kind')).toHaveText('Training job');
  await expect(bar.locator('.op-status')).toHaveText('Completed');
  expect((await states()).some((s) => /^running:InProgress · (Starting|Downloading|Training|Uploading)$/.test(s))).toBe(true);

  const chart = train.locator('figure.out-chart');
  await expect(chart.locator('.chart-plot svg')).toBeVisible();
  await expect(chart).toContainText('Loss per epoch');
  await expect(chart.locator('table.chart-data')).toContainText('train_loss');
  await train.getByRole('button', { name: 'Check' }).click();
  await expect(train.locator('[data-result]')).toContainText('Passed');
  await chart.evaluate((e) => e.scrollIntoView({ block: 'center' })); // clear of the sticky header
  await chart.screenshot({ path: 'test-results/training-loss.png' });
});

test('the terminal shows an operation on one line, rewritten until it ends', async ({ page }) => {
  await page.goto(url());
  await page.goto(`${origin()}/labs/01-filter-deploy/`);
  await page.getByRole('button', { name: 'Terminal' }).click();
  await expect(page.locator('.xterm')).toBeVisible();
  await page.locator('.xterm-helper-textarea').focus();
  // Lab 01's endpoint goes away (Deleting → Deleted) while a waiter watches it.
  await page.keyboard.type(
    "import { SageMakerClient, DeleteEndpointCommand, waitUntilEndpointDeleted } from '@aws-sdk/client-sagemaker'; const tsm = new SageMakerClient({}); const tname = workshop.prefix + 'summarizer-' + workshop.sessionId; await tsm.send(new DeleteEndpointCommand({ EndpointName: tname })); await waitUntilEndpointDeleted({ client: tsm, maxWaitTime: 60, minDelay: 1 }, { EndpointName: tname }); 'gone'",
  );
  await page.keyboard.press('Enter');
  const rows = page.locator('.xterm-rows > div');
  // The echo of the command contains 'gone' too: wait for the result on a row of its own.
  await expect(rows.filter({ hasText: /^'gone'\s*$/ })).toHaveCount(1, { timeout: 30_000 });
  const lines = (await rows.allTextContents()).filter((l) => l.includes('Endpoint naxt-summarizer'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^✓ Endpoint naxt-summarizer-[0-9a-f]{8} \[█+\] 100% Deleted · took/);
});

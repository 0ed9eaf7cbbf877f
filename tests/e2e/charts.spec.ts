import { test, expect, type Locator, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { completeLab } from './complete-lab.ts';
import { startWorkshop, stopWorkshop } from './workshop.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The charts of labs 02, 03 and 04 as a learner sees them: drawn in SVG, so their words (model names, bars, axes)
 * are in the page, readable in both themes, and laid out so that nothing overlaps or is cut off.
 */
// A workshop of its own: completing labs 00–04 here must not change what the other specs' shared session shows.
let workshop: Awaited<ReturnType<typeof startWorkshop>> | undefined;
const url = () => workshop!.link;
const origin = () => new URL(url()).origin;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  workshop = await startWorkshop(mkdtempSync(join(tmpdir(), 'naxt-e2e-charts-')));
});
test.afterAll(async () => {
  if (workshop) await stopWorkshop(workshop.child);
});

const svgTexts = (chart: Locator) => chart.locator('.chart-plot svg text').evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));

/** WCAG contrast of every axis text of the chart's SVG (its computed fill) against the background behind the chart. */
function axisContrasts(chart: Locator): Promise<{ text: string; ratio: number }[]> {
  return chart.evaluate((fig) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let el: Element | null = fig;
    let bg = 'rgb(255, 255, 255)';
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && c !== 'transparent' && rgb(c)[3] !== 0) {
        bg = c;
        break;
      }
    }
    const texts = [...fig.querySelectorAll('svg g[data-mark$="axis tick label"] text, svg g[data-mark$="axis label"] text')];
    return texts.map((t) => {
      const [a, b] = [lum(rgb(getComputedStyle(t).fill)), lum(rgb(bg))];
      return { text: t.textContent ?? '', ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    });
  });
}

/** axe over the step's output, chart included, in both colour schemes. */
async function axeClean(page: Page, step: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).include(`#step-${step} [data-output]`).analyze();
    expect(
      results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${colorScheme} ${v.id}: ${v.help} ${v.nodes
              .slice(0, 3)
              .map((n) => n.html.slice(0, 160))
              .join(' | ')}`,
        ),
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function shoot(page: Page, chart: Locator, name: string) {
  for (const [width, height] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await chart.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300); // the chart redraws at its new width
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(150);
      const contrasts = await axisContrasts(chart);
      expect(contrasts.length, `${name} has axis text`).toBeGreaterThan(0);
      for (const c of contrasts) expect(c.ratio, `${name} ${scheme} ${width}px: "${c.text}"`).toBeGreaterThanOrEqual(4.5);
      await chart.screenshot({ path: `test-results/chart-${name}-${scheme}-${width}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('lab 02 charts the violations of each hourly execution as whole bars with labelled axes', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(url());
  await completeLab(page, '00-setup', ['identity', 'role', 'quotas', 'bucket', 'datasets'], origin());
  await completeLab(page, '01-filter-deploy', ['search', 'pick', 'deploy', 'invoke'], origin());
  await completeLab(page, '02-monitor', ['capture', 'traffic', 'inspect', 'baseline', 'schedule'], origin());
  const chart = page.locator('#step-schedule figure.out-chart');
  await expect(chart.locator('.chart-plot svg')).toBeVisible();
  const texts = await svgTexts(chart);
  expect(texts).toEqual(expect.arrayContaining(['↑ violations', 'execution (UTC hour)']));
  expect(texts.some((t) => /^\d{4}-\d{2}-\d{2}-\d{2}$/.test(t))).toBe(true);
  // Whole bars: each as wide as its share of the plot, none cut at the plot's edge.
  const svgBox = (await chart.locator('.chart-plot svg').first().boundingBox())!;
  const bars = await chart
    .locator('.chart-plot svg g[data-mark="bar"] rect')
    .evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().toJSON() as DOMRect));
  expect(bars.length).toBeGreaterThan(0);
  for (const b of bars) {
    expect(b.width).toBeGreaterThan(12);
    expect(b.left).toBeGreaterThanOrEqual(svgBox.x);
    expect(b.right).toBeLessThanOrEqual(svgBox.x + svgBox.width + 0.5);
  }
  await expect(chart.locator('table.chart-data')).toContainText('execution (UTC hour)');
  await expect(chart).toHaveAttribute('aria-label', /Violations per monitoring execution/);
  await shoot(page, chart, 'lab02-violations');
});

test('lab 03 names every model on the quality-against-cost chart and draws each bar as a labelled line', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(url()); // a new browser context: the launch link sets its cookie
  await completeLab(page, '03-evaluate-select', ['data', 'evaluate', 'choose'], origin());
  const chart = page.locator('#step-choose figure.out-chart');
  await expect(chart.locator('.chart-plot svg')).toBeVisible();
  const texts = await svgTexts(chart);
  const joined = texts.join('\n');
  // Every candidate the table lists (huggingface-llm-…) is named on the chart.
  const models = await chart.locator('table.chart-data tbody tr td:first-child').allTextContents();
  expect(models.length).toBeGreaterThanOrEqual(3);
  for (const model of models) expect(joined).toContain(model.replace(/^huggingface-llm-/, ''));
  for (const bar of ['summary bar: ROUGE-L ≥ 0.45', 'chatbot bar: F1 ≥ 0.28', 'chatbot bar: tone ≥ 0.65']) expect(joined).toContain(bar);
  // One dashed line per bar, and passed or not said by shape and text, not by colour alone.
  expect(await chart.locator('.chart-plot svg g[data-mark="rule"] line').count()).toBeGreaterThanOrEqual(3);
  expect(texts.some((t) => t.endsWith(' ✗'))).toBe(true); // the small model misses a bar…
  expect(texts).toContain('mistral-7b-instruct-v3 ✓'); // …the mid-size one, cheapest of those that pass, reaches it
  await expect(chart.locator('.chart-legend')).toContainText('reaches its bar');
  await expect(chart.locator('.chart-legend')).not.toContainText('--');
  await expect(chart.locator('table.chart-data')).toContainText('huggingface-llm-mistral-7b-instruct-v3');
  await expect(page.locator('#step-choose [data-output]')).toContainText('Summaries: huggingface-llm-mistral-7b-instruct-v3');
  await axeClean(page, 'choose');
  await shoot(page, chart, 'lab03-quality-cost');
});

test('lab 04 sets the before and after bars side by side, from 0, none overlapping or cut off', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(url()); // a new browser context: the launch link sets its cookie
  await completeLab(page, '04-customize', ['dataset', 'train', 'deploy', 'reevaluate'], origin());
  const loss = page.locator('#step-train figure.out-chart');
  await expect(loss.locator('.chart-plot svg')).toBeVisible();
  expect(await svgTexts(loss)).toEqual(expect.arrayContaining(['train_loss', 'eval_loss', 'epoch →']));
  const chart = page.locator('#step-reevaluate figure.out-chart');
  await expect(chart.locator('.chart-plot svg')).toBeVisible();
  const texts = await svgTexts(chart);
  expect(texts).toEqual(expect.arrayContaining(['F1 · bar ≥ 0.28', 'tone · bar ≥ 0.65', 'base small model', 'fine-tuned']));
  // y starts at 0: the lowest tick of the y axis is 0.
  const yTicks = await chart
    .locator('.chart-plot svg g[data-mark="y-axis tick label"] text')
    .evaluateAll((ts) => ts.map((t) => Number(t.textContent)));
  expect(Math.min(...yTicks)).toBe(0);
  const svgBox = (await chart.locator('.chart-plot svg').first().boundingBox())!;
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(300);
    const box = (await chart.locator('.chart-plot svg').first().boundingBox())!;
    const bars = await chart
      .locator('.chart-plot svg g[data-mark="bar"] rect')
      .evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().toJSON() as DOMRect));
    expect(bars).toHaveLength(4); // two series × two metrics
    for (const [i, a] of bars.entries()) {
      expect(a.width, 'a bar has a width').toBeGreaterThan(10);
      expect(a.left).toBeGreaterThanOrEqual(box.x);
      expect(a.right).toBeLessThanOrEqual(box.x + box.width + 0.5);
      expect(a.top).toBeGreaterThanOrEqual(box.y);
      for (const b of bars.slice(i + 1))
        expect(a.right <= b.left + 0.5 || b.right <= a.left + 0.5, `bars ${JSON.stringify(a)} and ${JSON.stringify(b)} overlap`).toBe(true);
    }
  }
  expect(svgBox.width).toBeGreaterThan(0);
  await axeClean(page, 'reevaluate');
  await shoot(page, chart, 'lab04-before-after');
  await shoot(page, loss, 'lab04-training-loss');
});

test('the theme button redraws a chart: axis text stays readable in html[data-theme=dark]', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(url());
  await page.goto(`${origin()}/labs/04-customize/`);
  const chart = page.locator('#step-reevaluate figure.out-chart');
  await expect(chart.locator('.chart-plot svg')).toBeVisible(); // the last run's output, shown again after the reload
  const bar = () => chart.locator('.chart-plot svg g[data-mark="bar"] rect').first().getAttribute('fill');
  const light = await bar();
  await page.getByRole('button', { name: /theme/i }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(bar).not.toBe(light);
  for (const c of await axisContrasts(chart)) expect(c.ratio, c.text).toBeGreaterThanOrEqual(4.5);
  await page.getByRole('button', { name: /theme/i }).click();
});

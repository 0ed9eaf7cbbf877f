import { test, expect, type Locator, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import type { TypesManifest } from '../../runner/types/manifest.ts';

const url = () => process.env.WORKSHOP_URL!;

/** Lab 01's first cell with Monaco mounted and the lab's type declarations delivered. */
async function openSearchCell(page: Page) {
  await page.goto(url());
  const types = page.waitForResponse((r) => r.url().includes('/api/types?lab=01-filter-deploy') && r.status() === 200, { timeout: 60_000 });
  await page.goto(new URL('/labs/01-filter-deploy/', url()).href);
  const cell = page.locator('#step-search workshop-cell');
  // The editor's own code (on the page's thread) is not fetched before the learner touches a cell; its type checker
  // may be, as a cell comes near the view.
  expect(await editorJsFetched(page)).toBe(0);
  await cell.locator('[data-editor]').click();
  await expect(cell.locator('.monaco-editor')).toBeVisible();
  await types;
  return cell;
}

/** The editor's own code, in its content-hashed folder. */
const EDITOR_JS = /\/editor\/[0-9a-f]{12}\/editor\.js$/;

/** How many times the page has fetched the editor's own code (/editor/editor.js, or its content-hashed file). */
const editorJsFetched = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/editor\/([0-9a-f]{12}\/)?editor\.js$/.test(e.name)).length);

/** Holds the responses to requests matching `pattern` until the returned function is called. */
async function holdResponses(page: Page, pattern: string | RegExp): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Replaces the cell's code by typing, as a learner would (insertText: no auto-closed brackets). */
async function typeCode(page: Page, cell: ReturnType<Page['locator']>, code: string) {
  await cell.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/** A point on the screen just past the end of line `n` (1-based) of a cell's static code. */
function pastEndOfLine(pre: Locator, n: number): Promise<{ x: number; y: number }> {
  return pre.evaluate((el, n) => {
    const text = el.textContent ?? '';
    let end = -1;
    for (let i = 0; i < n; i++) end = text.indexOf('\n', end + 1);
    // The text node and offset of a character of the code, through the highlighting's spans.
    const at = (offset: number): [Node, number] => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (offset < length) return [node, offset];
        offset -= length;
      }
      throw new Error(`no character ${offset} in the code`);
    };
    const range = document.createRange();
    range.setStart(...at(end - 1));
    range.setEnd(...at(end));
    const box = range.getBoundingClientRect();
    return { x: box.right + 8, y: box.top + box.height / 2 };
  }, n);
}

/** Moves the cursor to line/column (1-based) and asks for the hover with the keyboard (Ctrl+K Ctrl+I), as a screen-reader user would. */
async function showHoverAt(page: Page, line: number, column: number) {
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 1; i < column; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.press('ControlOrMeta+I');
}

test('a cell offers the SDK types: completions, hover types and a marker for a misspelt method', async ({ page }) => {
  test.setTimeout(180_000);
  const cell = await openSearchCell(page);
  await typeCode(
    page,
    cell,
    "import { SageMakerClient } from '@aws-sdk/client-sagemaker';\nconst sm = new SageMakerClient({});\nawait sm.sendd({} as never);\nsm.config;\nsm",
  );
  await page.keyboard.type('.se');
  // Completion of the client's methods, from the SDK's declarations.
  const suggest = cell.locator('.suggest-widget');
  await expect(suggest).toBeVisible({ timeout: 60_000 });
  await expect(suggest.getByRole('option', { name: /^send\b/ })).toBeVisible({ timeout: 60_000 });
  // A suggestion's details show the member's doc comment (Ctrl+Space opens them).
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('destr');
  // The row shows the member's signature once its details have come from the worker.
  await expect(suggest.locator('.monaco-list-row.focused', { hasText: 'SageMakerClient.destroy()' })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Control+Space'); // Monaco's "toggle suggestion details", on every platform
  await expect(page.locator('.suggest-details')).toContainText('Destroy underlying resources, like sockets.', { timeout: 30_000 });
  await page.keyboard.press('Escape');

  // A red squiggle under the misspelt method, whose hover names the type that lacks it.
  const squiggle = cell.locator('.squiggly-error');
  await expect(squiggle.first()).toBeAttached({ timeout: 60_000 });
  await cell.screenshot({ path: 'test-results/editor-types.png' });
  await showHoverAt(page, 3, 11);
  await expect(page.locator('.monaco-hover').filter({ hasText: "Property 'sendd' does not exist on type 'SageMakerClient'" })).toBeVisible({
    timeout: 30_000,
  });

  // The hover of the class shows its declared type; a member's shows the SDK's doc comment too (read on demand: the
  // program is parsed without doc comments).
  await page.keyboard.press('Escape');
  await showHoverAt(page, 1, 12);
  await expect(page.locator('.monaco-hover').filter({ hasText: /class SageMakerClient/ })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await showHoverAt(page, 4, 5);
  const member = page.locator('.monaco-hover').filter({ hasText: 'SageMakerClient.config: SageMakerClientResolvedConfig' });
  await expect(member).toBeVisible({ timeout: 30_000 });
  await expect(member).toContainText('The resolved configuration of SageMakerClient class.');
  await page.keyboard.press('Escape');

  // What the declarations' doc comments call deprecated is struck through, as TypeScript marks it: a call of a
  // deprecated overload (url.parse of a string) and a deprecated member (a domain's EFS key); not the URL class beside it.
  await typeCode(
    page,
    cell,
    "import { parse } from 'node:url';\nimport type { CreateDomainRequest } from '@aws-sdk/client-sagemaker';\n" +
      "const domain = {} as CreateDomainRequest;\nconsole.log(parse('https://example.com/').host, new URL('https://example.com/'), domain.HomeEfsFileSystemKmsKeyId);\n",
  );
  const deprecated = cell.locator('.squiggly-inline-deprecated');
  await expect(deprecated).toHaveCount(2, { timeout: 30_000 });
  await expect(deprecated.first()).toHaveText('parse');
  await expect(deprecated.last()).toHaveText('HomeEfsFileSystemKmsKeyId');

  // Signature help shows the function's doc comment and the parameter's `@param` text.
  await typeCode(page, cell, "import { join } from 'node:path';\n");
  await page.keyboard.type('join(');
  const hints = page.locator('.parameter-hints-widget');
  await expect(hints).toContainText('join(...paths: string[]): string', { timeout: 30_000 });
  await expect(hints).toContainText('Join all arguments together and normalize the resulting path.');
  await expect(hints).toContainText('paths to join.');
  await page.keyboard.type("'a');"); // the call is closed: the hints go
  await expect(hints).toBeHidden();

  // The lab's shared variables (scope.d.ts) and the workshop global are typed; the solution shows no error at all.
  await typeCode(page, cell, 'const n: number = endpointName;\nconsole.log(workshop.bucket, n);\n');
  await expect(squiggle).toHaveCount(1, { timeout: 30_000 });
  await cell.getByRole('button', { name: 'Show solution' }).click();
  await expect(cell.locator('.view-lines')).toContainText('ListHubContentsCommand');
  await expect(squiggle).toHaveCount(0, { timeout: 30_000 });
});

test('"Compare with solution" shows a diff beside the learner\'s code, closes with Escape or the button, and keeps the code', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const cell = await openSearchCell(page);
  await typeCode(page, cell, '// my own attempt\nconst mine = 42;\n');
  const compare = cell.getByRole('button', { name: 'Compare with solution' });
  await expect(compare).toHaveAttribute('aria-expanded', 'false');
  await compare.click();
  await expect(compare).toHaveAttribute('aria-expanded', 'true');
  const diff = cell.getByRole('region', { name: /the solution compared with your code/ });
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible();
  await expect(cell.locator('[data-editor]')).toBeHidden();
  await expect(diff.locator('.editor.original .view-lines')).toContainText('ListHubContentsCommand');
  await expect(diff.locator('.editor.modified .view-lines:not(.line-delete)')).toContainText('my own attempt');
  // `mine` is never read: the editor marks it unused, which must keep the code's contrast.
  await expect(diff.locator('.squiggly-inline-unnecessary')).toHaveText('mine', { timeout: 60_000 });
  await cell.screenshot({ path: 'test-results/editor-diff.png' });
  const axe = await new AxeBuilder({ page }).include('#step-search .cell-toolbar').include('#step-search [data-diff]').analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ') + ' ' + n.html.slice(0, 160)).join(' | ')}`),
  ).toEqual([]);

  // Escape closes it; the learner's code is untouched and the editor is back.
  await page.keyboard.press('Escape');
  await expect(compare).toHaveAttribute('aria-expanded', 'false');
  await expect(diff).toBeHidden();
  await expect(cell.locator('[data-editor] .view-lines')).toContainText('const mine = 42;');

  // The same button opens and closes it; an edit made in the diff is the learner's own code.
  await compare.click();
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible();
  // The learner's side has the focus when the diff opens.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('// edited beside the solution\n');
  await compare.click();
  await expect(compare).toHaveAttribute('aria-expanded', 'false');
  await expect(compare).toBeFocused();
  await expect(cell.locator('[data-editor] .view-lines')).toContainText('edited beside the solution');
  await expect(cell.locator('[data-editor] .view-lines')).toContainText('my own attempt');
});

test('cells of a lab share its scope without clashing: two solutions declaring the same names show no error', async ({ page }) => {
  test.setTimeout(120_000);
  await openSearchCell(page);
  for (const id of ['pick', 'deploy']) {
    const cell = page.locator(`#step-${id} workshop-cell`);
    await cell.getByRole('button', { name: 'Show solution' }).click();
    await cell.locator('[data-editor]').click();
    await expect(cell.locator('.monaco-editor')).toBeVisible();
  }
  // Both declare `const sm`; deploy also declares `endpointName`, which scope.d.ts shares with later cells.
  const deploy = page.locator('#step-deploy workshop-cell');
  // One deliberate error typed after the solution's last line (typing the whole solution would let the editor's
  // auto-indent and auto-closing rewrite it).
  await deploy.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\nconst typo: number = endpointName;\n');
  await expect(deploy.locator('.squiggly-error')).toHaveCount(1, { timeout: 60_000 }); // the checker has run: only the deliberate error
  await deploy.getByRole('button', { name: 'Show solution' }).click();
  await expect(deploy.locator('.squiggly-error')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('#step-pick workshop-cell .squiggly-error')).toHaveCount(0);
});

test('no false type errors while the declarations are on their way; type checking starts when they arrive', async ({ page }) => {
  test.setTimeout(120_000);
  const release = await holdResponses(page, '**/api/types?*');
  await page.goto(url());
  await page.goto(new URL('/labs/01-filter-deploy/', url()).href);
  const cell = page.locator('#step-search workshop-cell');
  await cell.getByRole('button', { name: 'Show solution' }).click();
  await cell.locator('[data-editor]').click();
  await expect(cell.locator('.monaco-editor')).toBeVisible();
  // Syntax is checked at once; SDK imports are not reported missing while their types are held back.
  await typeCode(
    page,
    cell,
    "import { SageMakerClient } from '@aws-sdk/client-sagemaker';\nconst sm = new SageMakerClient({});\nawait sm.sendd({} as never);\nconst broken = (;\n",
  );
  await expect(cell.locator('.squiggly-error')).toHaveCount(1, { timeout: 60_000 });
  await page.waitForTimeout(3000);
  await expect(cell.locator('.squiggly-error')).toHaveCount(1);
  release();
  // The misspelt method is now an error too.
  await expect(cell.locator('.squiggly-error')).toHaveCount(2, { timeout: 60_000 });
});

test("a cell's keys run that cell, not the last editor opened", async ({ page }) => {
  test.setTimeout(120_000);
  const search = await openSearchCell(page);
  const pick = page.locator('#step-pick workshop-cell');
  await pick.locator('[data-editor]').click();
  await expect(pick.locator('.monaco-editor')).toBeVisible();
  await search.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(search.locator('[data-status]')).toContainText(/Running|Done|Error/);
  await expect(pick.locator('[data-status]')).toHaveText('');
});

/** The bundles of /api/types/bundle/ this page has fetched, with the bytes that came over the network for each. */
const bundleEntries = (page: Page) =>
  page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.name.includes('/api/types/bundle/'))
      .map((e) => ({ url: new URL(e.name).pathname, transferSize: e.transferSize })),
  );

test("a second lab page takes the shared SDK and Node types, and the editor's JS, from the browser cache", async ({ page }) => {
  test.setTimeout(180_000);
  await openSearchCell(page);
  const manifestOf = (lab: string) =>
    page.evaluate(async (l) => ((await (await fetch(`/api/types?lab=${l}`)).json()) as TypesManifest).bundles.map((b) => b.url), lab);
  const first = await manifestOf('01-filter-deploy');
  await expect.poll(async () => (await bundleEntries(page)).length, { timeout: 60_000 }).toBe(first.length);
  const firstBytes = (await bundleEntries(page)).reduce((n, e) => n + e.transferSize, 0);
  expect(firstBytes).toBeGreaterThan(500_000); // the SageMaker client, S3 and @types/node came over the network

  const types = page.waitForResponse((r) => r.url().includes('/api/types?lab=02-monitor'), { timeout: 60_000 });
  await page.goto(new URL('/labs/02-monitor/', url()).href);
  const cell = page.locator('workshop-cell').first();
  await cell.locator('[data-editor]').click();
  await expect(cell.locator('.monaco-editor')).toBeVisible();
  await types;
  const second = await manifestOf('02-monitor');
  const shared = second.filter((u) => first.includes(u));
  expect(shared.length).toBeGreaterThan(5);
  await expect.poll(async () => (await bundleEntries(page)).length, { timeout: 60_000 }).toBe(second.length);
  const entries = await bundleEntries(page);
  for (const u of shared) expect(entries.find((e) => e.url === u)?.transferSize, u).toBe(0); // from the cache, not even revalidated
  expect(entries.reduce((n, e) => n + e.transferSize, 0)).toBeLessThan(firstBytes / 10);
  const editorJs = await page.evaluate(
    (source) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => new RegExp(source).test(e.name))
        .map((e) => e.transferSize),
    EDITOR_JS.source,
  );
  expect(editorJs).toEqual([0]);
  // The types work on this page too: a misspelt method is flagged.
  await typeCode(
    page,
    cell,
    "import { SageMakerClient } from '@aws-sdk/client-sagemaker';\nawait new SageMakerClient({}).sendd({} as never);\nexport {};\n",
  );
  await expect(cell.locator('.squiggly-error')).toHaveCount(1, { timeout: 60_000 });
});

test('one TypeScript worker serves the first cell: the one the page started, not restarted when the declarations arrive', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const workers: string[] = [];
  page.on('worker', (w) => w.url().includes('ts.worker') && workers.push(w.url()));
  const cell = await openSearchCell(page);
  await typeCode(
    page,
    cell,
    "import { SageMakerClient } from '@aws-sdk/client-sagemaker';\nawait new SageMakerClient({}).sendd({} as never);\n",
  );
  await expect(cell.locator('.squiggly-error')).toHaveCount(1, { timeout: 60_000 });
  expect(workers).toHaveLength(1);
});

test('a package no open cell imported yet is typed as soon as a cell imports it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(url());
  const types = page.waitForResponse((r) => r.url().includes('/api/types?lab=00-setup') && r.status() === 200, { timeout: 60_000 });
  await page.goto(new URL('/labs/00-setup/', url()).href);
  // The identity cell imports STS and SageMaker; the S3 client comes with the lab (its bucket cell) but no open cell uses it.
  const cell = page.locator('#step-identity workshop-cell');
  await cell.locator('[data-editor]').click();
  await expect(cell.locator('.monaco-editor')).toBeVisible();
  await types;
  await typeCode(
    page,
    cell,
    "import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nconst { Buckets } = await s3.send(new ListBucketsCommand({}));\nconsole.log(Buckets?.map((b) => b.Name));\n",
  );
  await page.waitForTimeout(1500);
  await expect(cell.locator('.squiggly-error')).toHaveCount(0, { timeout: 30_000 });
  await page.keyboard.insertText('await s3.sendd(new ListBucketsCommand({}));\n');
  await expect(cell.locator('.squiggly-error')).toHaveCount(1, { timeout: 30_000 });
  // The suite's session is shared: leave lab 00's first cell as a new learner finds it (lab00.spec runs its starting code).
  const saved = page.waitForResponse((r) => r.url().includes('/labs/00-setup/cells/identity') && r.request().method() === 'PUT');
  await cell.getByRole('button', { name: 'Reset' }).click();
  expect((await saved).ok()).toBe(true);
});

test("the pointer on a cell's code starts the editor and its declarations downloading, before any click", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(url());
  const types = page.waitForResponse((r) => r.url().includes('/api/types?lab=01-filter-deploy'), { timeout: 60_000 });
  const editorJs = page.waitForResponse((r) => EDITOR_JS.test(r.url()), { timeout: 60_000 });
  await page.goto(new URL('/labs/01-filter-deploy/', url()).href);
  const cell = page.locator('#step-search workshop-cell');
  await cell.locator('[data-editor]').hover();
  await Promise.all([types, editorJs]);
  // Still the page's static code: the editor mounts on the click, not on the pointer.
  await expect(cell.locator('.monaco-editor')).toHaveCount(0);
  await cell.locator('[data-editor]').click();
  await typeCode(
    page,
    cell,
    "import { SageMakerClient } from '@aws-sdk/client-sagemaker';\nawait new SageMakerClient({}).sendd({} as never);\n",
  );
  await expect(cell.locator('.squiggly-error')).toHaveCount(1, { timeout: 60_000 });
});

test('keys typed after the click and before the editor is there go into it, where the learner clicked', async ({ page }) => {
  test.setTimeout(120_000);
  // The editor's download is held, so the keys are surely typed on the page's static code.
  const release = await holdResponses(page, EDITOR_JS);
  await page.goto(url());
  await page.goto(new URL('/labs/01-filter-deploy/', url()).href);
  const cell = page.locator('#step-search workshop-cell');
  // The starting code, whatever earlier tests left: its third line is `const sagemaker = new SageMakerClient({});`.
  await cell.getByRole('button', { name: 'Reset' }).click();
  const code = cell.locator('[data-editor] pre');
  await expect(code).toContainText('const sagemaker');
  await code.scrollIntoViewIfNeeded();
  const end = await pastEndOfLine(code, 3);
  await page.mouse.click(end.x, end.y);
  await page.keyboard.type('//mine');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('E');
  await page.keyboard.press('Enter');
  await page.keyboard.type('z;');
  await expect(cell.locator('.monaco-editor')).toHaveCount(0);
  release();

  await expect(cell.locator('.monaco-editor .view-lines')).toContainText('//minE');
  // The caret stays there: the next key follows the typed ones. The code the cell keeps (saved as it is typed) shows where.
  const kept = page.waitForRequest(
    (r) => r.url().includes('/labs/01-filter-deploy/cells/search') && r.method() === 'PUT' && /z;q/.test(r.postData() ?? ''),
  );
  await page.keyboard.type('q');
  const lines = ((await kept).postDataJSON() as { code: string }).code.split('\n');
  expect(lines.slice(2, 5)).toEqual([
    'const sagemaker = new SageMakerClient({});//minE',
    'z;q',
    "// The model families Naxt's platform team approved for client data.",
  ]);

  // The suite's session is shared: leave the cell as a new learner finds it.
  const saved = page.waitForResponse((r) => r.url().includes('/labs/01-filter-deploy/cells/search') && r.request().method() === 'PUT');
  await cell.getByRole('button', { name: 'Reset' }).click();
  expect((await saved).ok()).toBe(true);
});

test("the TypeScript worker starts and fetches the lab's declarations as a cell comes near the view, before any touch, and the editor takes it over", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const workers: string[] = [];
  page.on('worker', (w) => w.url().includes('ts.worker') && workers.push(w.url()));
  await page.goto(url());
  const types = page.waitForResponse((r) => r.url().includes('/api/types?lab=01-filter-deploy') && r.status() === 200, { timeout: 60_000 });
  await page.goto(new URL('/labs/01-filter-deploy/', url()).href);
  const cell = page.locator('#step-search workshop-cell');
  // Nothing is touched: the worker starts because the cell is in view, and asks for the lab's declarations itself.
  await expect.poll(() => workers.length, { timeout: 30_000 }).toBe(1);
  await types;
  await page.waitForTimeout(500);
  expect(await editorJsFetched(page)).toBe(0);
  await expect(cell.locator('.monaco-editor')).toHaveCount(0);
  await cell.locator('[data-editor]').click();
  await expect(cell.locator('.monaco-editor')).toBeVisible();
  await typeCode(
    page,
    cell,
    "import { SageMakerClient } from '@aws-sdk/client-sagemaker';\nawait new SageMakerClient({}).sendd({} as never);\n",
  );
  await expect(cell.locator('.squiggly-error')).toHaveCount(1, { timeout: 60_000 });
  expect(workers).toHaveLength(1);
});

test('the type checker started early checks the code the editor opens, not the code the cell showed when it started', async ({ page }) => {
  test.setTimeout(120_000);
  const misspelt = "import { SageMakerClient } from '@aws-sdk/client-sagemaker';\nawait new SageMakerClient({}).sendd({} as never);\n";
  // The learner's code, kept by the workshop: a misspelt method the starting code does not have.
  const cell = await openSearchCell(page);
  const saved = page.waitForResponse((r) => r.url().includes('/labs/01-filter-deploy/cells/search') && r.request().method() === 'PUT');
  await typeCode(page, cell, misspelt);
  expect((await saved).ok()).toBe(true);

  // After a reload the cell shows its starting code until the learner's progress comes back; held here, so the type
  // checker warms up on the starting code, and the editor then opens the learner's.
  const release = await holdResponses(page, '**/api/sessions/*/progress');
  const types = page.waitForResponse((r) => r.url().includes('/api/types?lab=01-filter-deploy') && r.status() === 200, { timeout: 60_000 });
  await page.reload();
  await types;
  await expect(page.locator('#step-search workshop-cell [data-editor]')).not.toContainText('sendd');
  release();
  const again = page.locator('#step-search workshop-cell');
  await expect(again.locator('[data-editor]')).toContainText('sendd');
  await again.locator('[data-editor]').click();
  await expect(again.locator('.squiggly-error')).toHaveCount(1, { timeout: 60_000 });

  // The suite's session is shared: leave the cell as a new learner finds it.
  const reset = page.waitForResponse((r) => r.url().includes('/labs/01-filter-deploy/cells/search') && r.request().method() === 'PUT');
  await again.getByRole('button', { name: 'Reset' }).click();
  expect((await reset).ok()).toBe(true);
});

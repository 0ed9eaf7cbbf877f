import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * The serious and critical axe violations of the workshop's own page.
 *
 * HTML a learner's cell displays is shown in a script-less sandboxed frame (`iframe.out-html`). It is the learner's
 * markup, not the workshop's, and axe cannot run inside it: Playwright's evaluate in a frame without `allow-scripts`
 * never settles, so an unexcluded scan waits until the test times out. The frame element itself (its title) is
 * still checked on the page.
 */
export async function seriousViolations(page: Page, label = ''): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('iframe.out-html').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}${v.id}: ${v.help} (${v.nodes.length})`);
}

/** The only script a page loads up front: small custom elements; editor, terminal and charts load on demand. */
import { progress, sid } from './api.ts';
import { WorkshopCell } from './cell.ts';
import { WorkshopCheck } from './check.ts';
import { WorkshopQuiz } from './quiz.ts';
import { WorkshopCost } from './cost.ts';
import { refreshMarks } from './progress.ts';
import { launchSearch } from './search-launch.ts';

const root = document.documentElement;
const stored = localStorage.getItem('naxt-theme');
if (stored) root.dataset.theme = stored;
document.querySelector('[data-toggle-theme]')?.addEventListener('click', () => {
  const dark = root.dataset.theme ? root.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  root.dataset.theme = dark ? 'light' : 'dark';
  localStorage.setItem('naxt-theme', root.dataset.theme);
});

customElements.define('workshop-cost', WorkshopCost);
customElements.define('workshop-cell', WorkshopCell);
customElements.define('workshop-check', WorkshopCheck);
customElements.define('workshop-quiz', WorkshopQuiz);

void progress()
  .then(refreshMarks)
  .catch(() => undefined);

// The worker page opens in a tab of its own, as the lab says: the lab (and its running cell) stays where it was.
for (const a of document.querySelectorAll<HTMLAnchorElement>('main.lab a[href="/worker/"]')) {
  a.target = '_blank';
  a.rel = 'noopener';
  a.title = 'Opens in a new tab';
}

// Narrow windows fold the lab list behind a button (responsive.css); a link chosen in it folds it again.
const nav = document.querySelector<HTMLElement>('[data-lab-nav]');
const navToggle = nav?.querySelector<HTMLButtonElement>('[data-nav-toggle]');
const setNav = (open: boolean) => {
  nav?.classList.toggle('open', open);
  navToggle?.setAttribute('aria-expanded', String(open));
};
navToggle?.addEventListener('click', () => setNav(!nav!.classList.contains('open')));
nav?.addEventListener('click', (e) => {
  if ((e.target as HTMLElement).closest('a')) setNav(false);
});
launchSearch();

// The terminal stays open across pages of the session (remembered), and loads xterm only when opened.
const panel = document.getElementById('terminal-panel');
let terminal: { dispose(): void; focus(): void } | undefined;
async function setTerminal(open: boolean): Promise<void> {
  if (!panel) return;
  panel.hidden = !open;
  // The page keeps room below its content for the panel, so nothing ends up hidden under it.
  root.classList.toggle('terminal-open', open);
  sessionStorage.setItem('naxt-terminal-open', open ? '1' : '');
  for (const b of document.querySelectorAll('button[data-toggle-terminal]')) b.setAttribute('aria-expanded', String(open));
  if (open && !terminal) {
    const { openTerminal } = await import('./terminal.ts');
    terminal = openTerminal(panel.querySelector('workshop-terminal') as HTMLElement, await sid());
  }
  if (open) terminal?.focus();
}
for (const b of document.querySelectorAll('button[data-toggle-terminal]'))
  b.addEventListener('click', () => void setTerminal(panel?.hidden ?? true));
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey && e.key === '`') {
    e.preventDefault();
    void setTerminal(panel?.hidden ?? true);
  }
});
if (sessionStorage.getItem('naxt-terminal-open')) void setTerminal(true);

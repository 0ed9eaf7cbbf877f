/**
 * The header search box, before anyone uses it: `/` focuses it, and the first focus loads the search code and
 * its index. Nothing more loads with the page.
 */

/** Where `/` is text, not a shortcut: form fields, the code editors, the terminal. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target.closest(
      'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], .monaco-editor, .xterm',
    ) !== null
  );
}

export function launchSearch(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search]');
  const input = form?.querySelector<HTMLInputElement>('[data-search-input]');
  if (!form || !input) return;
  // Enter before the search code is there must not reload the page.
  form.addEventListener('submit', (e) => e.preventDefault());
  input.addEventListener(
    'focus',
    () => {
      void import('./search-box.ts').then((m) => m.attachSearch(form, input));
    },
    { once: true },
  );
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
}

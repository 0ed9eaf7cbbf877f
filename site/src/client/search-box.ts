/**
 * The header search as a combobox (WAI-ARIA APG, list autocomplete): results in a listbox under the box, the
 * active one named by aria-activedescendant, ↑/↓ to move, Enter to open, Escape to close. Loaded on first use.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import {
  indexOptions,
  resultHref,
  resultPlace,
  SEARCH_CODE_URL,
  SEARCH_INDEX_URL,
  type CodeLinesById,
  type StoredDoc,
} from '../lib/search-options.ts';
import { highlight, proseMatches, resultExcerpt } from '../lib/search-highlight.ts';

const MAX_RESULTS = 8;
type Hit = SearchResult & StoredDoc;

/** A JSON file of the site, fetched once; a failed fetch is tried again on the next keystroke rather than remembered. */
function once<T>(url: string, read: (text: string) => T): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= fetch(url, { credentials: 'same-origin' }).then(async (res) => {
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      return read(await res.text());
    });
    p.catch(() => (p = undefined));
    return p;
  };
}
const loadIndex = once(SEARCH_INDEX_URL, (text) => MiniSearch.loadJSON(text, indexOptions));
const loadCode = once(SEARCH_CODE_URL, (text) => JSON.parse(text) as CodeLinesById);

/** Text with its matched words in <mark>, built as nodes (lab text is never parsed as HTML). */
function marked(tag: string, className: string, text: string, terms: string[]): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  for (const s of highlight(text, terms)) {
    if (!s.mark) el.append(s.text);
    else el.appendChild(document.createElement('mark')).textContent = s.text;
  }
  return el;
}

export function attachSearch(form: HTMLFormElement, input: HTMLInputElement): void {
  const popup = form.querySelector<HTMLElement>('[data-search-popup]')!;
  const list = form.querySelector<HTMLElement>('[data-search-results]')!;
  const message = form.querySelector<HTMLElement>('[data-search-message]')!;
  const live = form.querySelector<HTMLElement>('[data-search-live]')!;
  let hits: Hit[] = [];
  let active = -1;
  let seq = 0;

  const options = () => [...list.querySelectorAll<HTMLElement>('[role="option"]')];

  function setActive(i: number, scroll = true): void {
    active = i;
    options().forEach((o, k) => o.setAttribute('aria-selected', String(k === i)));
    const el = options()[i];
    if (el) {
      input.setAttribute('aria-activedescendant', el.id);
      if (scroll) el.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function setOpen(open: boolean): void {
    popup.hidden = !open;
    input.setAttribute('aria-expanded', String(open && hits.length > 0));
    if (!open) setActive(-1);
  }

  function render(query: string, code: CodeLinesById): void {
    list.replaceChildren(
      ...hits.map((hit, i) => {
        const li = document.createElement('li');
        li.id = `site-search-option-${i}`;
        li.className = 'search-hit';
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.dataset.index = String(i);
        const place = document.createElement('span');
        place.className = 'search-hit-place';
        // A lab's introduction is titled by the lab: name it once.
        place.textContent = hit.title === hit.labTitle ? resultPlace(hit) : `${resultPlace(hit)} · ${hit.labTitle}`;
        li.append(place, marked('span', 'search-hit-title', hit.title, hit.terms));
        const shown = resultExcerpt(hit.excerpt, code[hit.id] ?? '', hit.terms);
        if (shown.code) {
          // The query matched the cell's code only: show that line, as code.
          const wrap = document.createElement('span');
          wrap.className = 'search-hit-excerpt';
          wrap.append(marked('code', 'search-hit-code', shown.text, hit.terms));
          li.append(wrap);
        } else if (shown.text) li.append(marked('span', 'search-hit-excerpt', shown.text, hit.terms));
        return li;
      }),
    );
    list.hidden = hits.length === 0;
    message.hidden = hits.length > 0;
    message.textContent = hits.length ? '' : `No results for “${query}”. Try other or fewer words.`;
    live.textContent = hits.length
      ? `${hits.length} result${hits.length > 1 ? 's' : ''} for “${query}”, use the up and down arrows to choose`
      : `No results for “${query}”`;
    active = -1;
    input.removeAttribute('aria-activedescendant');
  }

  async function run(): Promise<void> {
    const query = input.value.trim();
    const mine = ++seq;
    if (!query) {
      hits = [];
      live.textContent = '';
      setOpen(false);
      return;
    }
    let index: MiniSearch;
    try {
      index = await loadIndex();
    } catch {
      if (mine !== seq) return;
      hits = [];
      list.hidden = true;
      message.hidden = false;
      message.textContent = live.textContent = 'Search is not available right now: reload the page to try again.';
      setOpen(true);
      return;
    }
    if (mine !== seq) return; // A newer keystroke already answered.
    const found = index.search(query).slice(0, MAX_RESULTS) as Hit[];
    // A result whose prose holds no matched word shows its code line: fetched the first time one does (without it,
    // the result shows its prose).
    const code = found.some((h) => !proseMatches(h.excerpt, h.terms)) ? await loadCode().catch(() => ({})) : {};
    if (mine !== seq) return;
    hits = found;
    render(query, code);
    setOpen(document.activeElement === input);
  }

  function go(i: number): void {
    const hit = hits[i];
    if (!hit) return;
    const href = resultHref(hit);
    setOpen(false);
    // On the same page the browser only scrolls: let `/` work again at once.
    if (new URL(href, location.href).pathname === location.pathname) input.blur();
    location.assign(href);
  }

  input.addEventListener('input', () => void run());
  input.addEventListener('focus', () => void run());
  input.addEventListener('keydown', (e) => {
    const n = hits.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (popup.hidden) return void run();
      if (n) setActive(e.key === 'ArrowDown' ? (active + 1) % n : active <= 0 ? n - 1 : active - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(active >= 0 ? active : 0);
    } else if (e.key === 'Escape') {
      if (!popup.hidden) setOpen(false);
      else if (input.value) {
        input.value = '';
        void run();
      } else return;
      e.preventDefault();
    }
  });
  form.addEventListener('focusout', (e) => {
    if (!(e.relatedTarget instanceof Node && form.contains(e.relatedTarget))) setOpen(false);
  });
  // Clicking a result must not blur the box first.
  popup.addEventListener('mousedown', (e) => e.preventDefault());
  list.addEventListener('click', (e) => {
    const option = (e.target as Element).closest<HTMLElement>('[role="option"]');
    if (option) go(Number(option.dataset.index));
  });
  list.addEventListener('mousemove', (e) => {
    const option = (e.target as Element).closest<HTMLElement>('[role="option"]');
    if (option && Number(option.dataset.index) !== active) setActive(Number(option.dataset.index), false);
  });

  void loadIndex().catch(() => undefined);
  void run(); // Text typed while this code was loading.
}

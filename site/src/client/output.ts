import type { CellEvent } from './api.ts';
import type { ProgressBars } from './operation-progress.ts';

/** Renders a cell's events as they stream: text, results, tables, rich display, errors, notices. */
export class OutputView {
  private stream: HTMLPreElement | undefined;
  /** Progress bars load with the first long operation (most cells have none): off the page's first load. */
  private bars: Promise<ProgressBars> | undefined;
  private readonly barPlaces = new Map<string, HTMLElement>();

  constructor(
    private readonly root: HTMLElement,
    private readonly onErrorLine?: (line: number) => void,
  ) {}

  hasContent(): boolean {
    return this.root.childElementCount > 0;
  }

  clear(): void {
    this.root.replaceChildren();
    this.stream = undefined;
    void this.bars?.then((b) => b.dispose());
    this.bars = undefined;
    this.barPlaces.clear();
  }

  private el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    e.className = className;
    if (text !== undefined) e.textContent = text;
    this.root.append(e);
    this.stream = undefined;
    return e;
  }

  add(e: CellEvent): void {
    switch (e.type) {
      case 'stream': {
        if (!this.stream || this.stream.dataset.name !== e.name) {
          this.stream = this.el('pre', `out-stream out-${e.name}`);
          this.stream.dataset.name = e.name;
        }
        this.stream.append(e.text);
        break;
      }
      case 'result':
        if (e.table) this.table(e.table.columns, e.table.rows);
        else this.el('pre', 'out-result', e.text);
        break;
      case 'display':
        this.display(e.mime, e.data);
        break;
      case 'error': {
        const box = this.el('div', 'out-error');
        box.setAttribute('role', 'alert');
        const head = document.createElement('strong');
        head.textContent = `${e.name}: ${e.message}`;
        box.append(head);
        if (e.line) {
          const where = document.createElement('span');
          where.className = 'out-where';
          where.textContent = ` — line ${e.line}${e.column ? `, column ${e.column}` : ''}`;
          box.append(where);
          this.onErrorLine?.(e.line);
        }
        if (e.stack) {
          const d = document.createElement('details');
          const s = document.createElement('summary');
          s.textContent = 'Stack';
          const pre = document.createElement('pre');
          pre.textContent = e.stack;
          d.append(s, pre);
          box.append(d);
        }
        break;
      }
      case 'notice':
        this.el('p', `out-notice out-${e.level}`, e.text);
        break;
      case 'progress': {
        // The bar's place is taken now, in stream order; it is drawn (and redrawn in place) once the module is in.
        let place = this.barPlaces.get(e.id);
        if (!place) this.barPlaces.set(e.id, (place = this.el('div', 'op-progress')));
        const box = place;
        this.bars ??= import('./operation-progress.ts').then(({ ProgressBars }) => new ProgressBars());
        void this.bars.then((b) => b.update(e, () => box));
        break;
      }
      case 'done':
        void this.bars?.then((b) => b.settle());
        break;
    }
  }

  private table(columns: string[], rows: unknown[][]): void {
    const wrap = this.el('div', 'out-table');
    // A wide table scrolls sideways: keyboard users must be able to reach it.
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', `Table: ${columns.join(', ')}`.slice(0, 120));
    const t = document.createElement('table');
    const head = t.createTHead().insertRow();
    for (const c of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = c;
      head.append(th);
    }
    const body = t.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      for (const v of r) tr.insertCell().textContent = v === null || v === undefined ? '' : String(v);
    }
    wrap.append(t);
  }

  private display(mime: string, data: unknown): void {
    if (mime === 'text/html') {
      // The cell's HTML is stored and shown again on every visit: it gets its own document, never the page's. An
      // empty `sandbox` gives it an opaque origin with no scripts, forms, popups or navigation of the page (HTML
      // standard, "the iframe element", sandboxing flags), so a <meta http-equiv=refresh> or a fixed overlay
      // stays inside the frame. The frame cannot be measured from here (no same-origin): it has a height the
      // learner can drag.
      const frame = this.el('iframe', 'out-html');
      frame.setAttribute('sandbox', '');
      frame.setAttribute('referrerpolicy', 'no-referrer');
      frame.title = 'HTML output of the cell';
      frame.srcdoc = htmlDocument(String(data));
    } else if (mime === 'application/vnd.workshop.chart+json') {
      const box = this.el('figure', 'out-chart');
      void import('./chart.ts').then(({ renderChart }) => renderChart(box, data as Parameters<typeof renderChart>[1]));
    } else if (mime.startsWith('application/vnd.workshop.value')) {
      // values read by checks: nothing to show
    } else {
      this.el('pre', 'out-result', typeof data === 'string' ? data : JSON.stringify(data, null, 2));
    }
  }
}

/** The cell's HTML as a document of its own: the page's fonts and both colour schemes, the learner's markup as is. */
export function htmlDocument(html: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8"><meta name="color-scheme" content="light dark">' +
    '<style>body{margin:0.5rem;font:0.95rem/1.5 system-ui,sans-serif}table{border-collapse:collapse}td,th{border:1px solid #8884;padding:0.2rem 0.5rem}</style>' +
    `</head><body>${html}</body></html>`
  );
}

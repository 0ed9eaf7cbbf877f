import {
  confirmBilling,
  interrupt,
  kernelState,
  lastOutputs,
  progress,
  runCell,
  saveCode,
  type CellEvent,
  type SessionProgress,
} from './api.ts';
import { OutputView } from './output.ts';
import type { CellEditor } from './editor.ts';
import { fetchLabTypes } from './editor-types.ts';
import { startTypeWorker } from './type-worker.ts';
import { refreshMarks } from './progress.ts';
// The status sentences load with the first status they word: off the page's first load.
const statusText = () => import('./cell-status.ts');

const text = (el: HTMLTemplateElement | null) => el?.content.textContent ?? '';

// The editor is bundled apart from the site (runner/cli/editor-build.ts) and served by the runner under /editor/.
const editorModule = '/editor/editor.js';
let editorLoading: Promise<typeof import('./editor.ts')> | undefined;
/** The editor's module, downloaded once per page: on the learner's first touch of a cell, or when the pointer comes to its code. */
const loadEditor = () =>
  (editorLoading ??= (import(/* @vite-ignore */ editorModule) as Promise<typeof import('./editor.ts')>).catch((error: unknown) => {
    editorLoading = undefined; // not built yet, or the runner restarted: the next touch tries again
    throw error;
  }));

/**
 * The type checker starts before the learner touches a cell: once a cell comes within a screen of the viewport, the
 * TypeScript worker starts, fetches the lab's declarations and parses what the cell imports (type-worker.ts), all off
 * the page's thread. A learner reading the prose above a cell is seconds from typing in it; the editor itself, whose
 * code runs on the page's thread, still loads on the first touch.
 */
const nearView =
  typeof IntersectionObserver === 'undefined'
    ? undefined
    : new IntersectionObserver(
        (entries) => {
          const near = entries.find((e) => e.isIntersecting)?.target;
          if (!(near instanceof WorkshopCell)) return;
          nearView?.disconnect();
          near.warmTypes();
        },
        { rootMargin: '100% 0px' },
      );

/** A code cell: static highlighted code until first use, then Monaco; runs stream their output below. */
export class WorkshopCell extends HTMLElement {
  private code = '';
  private starting = '';
  private solution = '';
  private mine: string | undefined;
  private editor: CellEditor | undefined;
  private loading: Promise<CellEditor> | undefined;
  private output!: OutputView;
  private saveTimer: number | undefined;
  private running = false;
  /** Where the learner clicked into the code, and the keys typed since, while the editor loads. */
  private typeAhead: TypeAhead | undefined;

  get lab() {
    return this.dataset.lab!;
  }
  get cell() {
    return this.dataset.cell!;
  }

  connectedCallback(): void {
    this.starting = text(this.querySelector('template[data-source="starting"]'));
    this.solution = text(this.querySelector('template[data-source="solution"]'));
    this.code = this.starting;
    this.output = new OutputView(this.querySelector('[data-output]')!, (line) => this.editor?.revealLine(line));
    const host = this.querySelector<HTMLElement>('[data-editor]')!;
    host.addEventListener('focus', () => void this.mountEditor(), { once: true });
    host.addEventListener(
      'click',
      (e) => {
        // What the learner types from this click until the editor is there goes into it, where they clicked.
        if (!this.editor) this.typeAhead ??= { offset: codeOffsetAt(host, e.clientX, e.clientY), text: '' };
        void this.mountEditor();
      },
      { once: true },
    );
    // The pointer on the code comes a moment before the click: the editor and the lab's declarations start downloading,
    // and the type checker starts on this cell's code.
    host.addEventListener('pointerenter', () => void this.warmEditor(), { once: true });
    nearView?.observe(this);
    host.addEventListener('keydown', (e) => {
      if (this.typeAhead && keepTypedKey(this.typeAhead, e)) {
        e.preventDefault();
        return;
      }
      if (e.target === host && e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && this.editor) {
        e.preventDefault();
        this.editor.focus();
        return;
      }
      if (e.target === host && e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        void this.mountEditor().then((ed) => ed.focus());
        return;
      }
      if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.run(e.shiftKey);
      }
    });
    this.addEventListener('click', (e) => {
      const action = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
      if (action === 'run') void this.run(false);
      else if (action === 'interrupt') void interrupt();
      else if (action === 'solution') this.replace(this.solution, 'Showing the solution.');
      else if (action === 'compare') void this.mountEditor().then((e) => e.toggleCompare(this, this.solution, (s) => this.status(s)));
      else if (action === 'reset') this.replace(this.starting, 'Back to the starting code.');
      else if (action === 'restore') this.restore();
      else if (action === 'copy') {
        // Without clipboard access the button must still say something.
        const failed = () => this.status('Could not copy here: select the code and press Ctrl+C.');
        if (navigator.clipboard) navigator.clipboard.writeText(this.current()).then(() => this.status('Copied.'), failed);
        else failed();
      }
    });
    void progress().then((p) => {
      const saved = p.labs[this.lab]?.cells[this.cell];
      if (saved?.code !== undefined && saved.code !== this.code) this.setCode(saved.code);
      if (saved?.mine !== undefined) this.showRestore(saved.mine);
      const last = saved?.lastStatus;
      if (last) void statusText().then((t) => this.running || this.status(t.lastRunText(last, saved.runs)));
      void this.offerReplay(p).catch(() => undefined);
    });
    // The last run's output comes back after a reload or a restart, as a notebook keeps its outputs.
    void lastOutputs(this.lab)
      .then((all) => {
        const last = all[this.cell];
        if (!last || this.running || this.output.hasContent()) return;
        this.output.add({ type: 'notice', level: 'info', text: `Output of your last run, ${new Date(last.at).toLocaleString()}.` });
        for (const e of last.events) this.output.add(e);
      })
      .catch(() => undefined);
  }

  /**
   * After a kernel or runner restart the cells above have run (progress says so) but the kernel holds none of their
   * variables: the step the learner is on (the one after the last run) says so and offers to run them again, in order,
   * with the code they last ran — as Jupyter's "Run all above".
   */
  private async offerReplay(p: SessionProgress): Promise<void> {
    const cells = [...document.querySelectorAll<WorkshopCell>('workshop-cell')];
    const i = cells.indexOf(this);
    const saved = (c: WorkshopCell) => p.labs[c.lab]?.cells[c.cell];
    const lastRun = cells.reduce((k, c, j) => (saved(c)?.runs ? j : k), -1);
    if (lastRun < 0 || i !== Math.min(lastRun + 1, cells.length - 1)) return;
    const { ran } = await kernelState();
    const missing = cells.slice(0, i).filter((c) => saved(c)?.lastStatus === 'ok' && !ran.includes(`${c.lab}/${c.cell}`));
    if (!missing.length) return;
    const banner = document.createElement('div');
    banner.className = 'cell-replay';
    banner.dataset.replay = '';
    banner.setAttribute('role', 'status');
    const note = document.createElement('span');
    note.textContent = `The kernel restarted: variables from the ${missing.length} cell${missing.length === 1 ? '' : 's'} above are gone. `;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Run the cells above';
    button.addEventListener('click', async () => {
      button.disabled = true;
      for (const c of missing) {
        note.textContent = `Running step “${c.cell}” again…`;
        await c.run(false);
        if (c.dataset.lastStatus !== 'ok') {
          note.textContent = `Step “${c.cell}” failed when run again: see its output, fix it, then run the cells below it.`;
          button.disabled = false;
          return;
        }
      }
      banner.remove();
      this.status('The cells above ran again: their variables are back.');
    });
    banner.append(note, button);
    this.querySelector('[data-output]')!.before(banner);
  }

  private current(): string {
    return this.editor?.value() ?? this.code;
  }

  private status(s: string): void {
    this.querySelector('[data-status]')!.textContent = s;
  }

  /** The TypeScript worker started, fetching the lab's declarations and parsing what this cell imports (once per page). */
  warmTypes(): void {
    if (!this.editor && !this.loading) startTypeWorker({ lab: this.lab, cell: this.cell, code: this.code });
  }

  private warmEditor(): void {
    if (this.editor || this.loading) return;
    const types = fetchLabTypes(this.lab);
    this.warmTypes();
    loadEditor().then(
      (m) => this.editor || m.warmCell({ lab: this.lab, cell: this.cell, code: this.code, types }),
      () => undefined,
    );
  }

  private async mountEditor(): Promise<CellEditor> {
    if (this.editor) return this.editor;
    // The lab's declarations download beside the editor, not after it: the first type check waits for both.
    const types = this.loading ? undefined : fetchLabTypes(this.lab);
    this.warmTypes();
    this.loading ??= loadEditor().then(({ createEditor }) => {
      const host = this.querySelector<HTMLElement>('[data-editor]')!;
      // Focus follows only if the learner is still on this cell: tabbing past it must not pull them back.
      const stillHere = host.contains(document.activeElement);
      // Keys typed while the editor is drawn still land on the cell (the code they were typed on is about to go).
      if (stillHere && this.typeAhead) host.focus({ preventScroll: true });
      host.replaceChildren();
      host.removeAttribute('role');
      host.setAttribute('aria-label', `Code cell ${this.cell}: press Enter to edit`);
      host.classList.add('is-editing');
      this.editor = createEditor(host, this.code, {
        run: () => void this.run(false),
        runAndNext: () => void this.run(true),
        change: (c) => this.changed(c),
        label: `Code cell ${this.cell}`,
        lab: this.lab,
        cell: this.cell,
        types,
      });
      const editor = this.editor;
      const ahead = this.typeAhead;
      if (ahead) {
        // After the editor's first frame: it places the caret by the lines it has drawn.
        requestAnimationFrame(() => {
          this.typeAhead = undefined;
          editor.typeAt(ahead.offset, ahead.text);
          if (host.contains(document.activeElement)) editor.focus();
        });
      } else if (stillHere) editor.focus();
      return editor;
    });
    // Without an editor, keys are the page's again.
    this.loading.catch(() => (this.typeAhead = undefined));
    return this.loading;
  }

  /** Shows code that is not the build's highlighted HTML (the learner's edit, a solution) without loading Monaco. */
  private setCode(code: string): void {
    this.code = code;
    if (this.editor) {
      this.editor.setValue(code);
      return;
    }
    const host = this.querySelector<HTMLElement>('[data-editor]')!;
    const pre = document.createElement('pre');
    pre.className = 'plain-code';
    pre.tabIndex = 0; // scrollable: keyboard users must reach it too
    const c = document.createElement('code');
    c.textContent = code;
    pre.append(c);
    host.replaceChildren(pre);
  }

  private changed(code: string): void {
    this.code = code;
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.save(code), 400);
  }

  private showRestore(mine: string | undefined): void {
    this.mine = mine;
    this.querySelector<HTMLButtonElement>('[data-action="restore"]')!.hidden = mine === undefined;
  }

  /** Shows the solution or the starting code; the learner's own code is set aside (on the runner too, so a reload keeps it). */
  private replace(code: string, message: string): void {
    const now = this.current();
    const setAside = now !== this.starting && now !== this.solution ? now : undefined;
    if (setAside !== undefined) this.showRestore(setAside);
    clearTimeout(this.saveTimer);
    this.setCode(code);
    this.save(code, setAside);
    this.status(this.mine === undefined ? message : `${message} Your code is kept: "Restore my code" brings it back.`);
  }

  private restore(): void {
    const mine = this.mine;
    if (mine === undefined) return;
    clearTimeout(this.saveTimer);
    this.setCode(mine);
    this.showRestore(undefined);
    this.save(mine, null);
    this.status('Your code is back.');
  }

  private save(code: string, mine?: string | null): void {
    void saveCode(this.lab, this.cell, code, mine).catch(() => this.status('Could not save your edit — is the workshop still running?'));
  }

  async run(moveOn: boolean): Promise<void> {
    if (this.running) return;
    this.running = true;
    const code = this.current();
    const runBtn = this.querySelector<HTMLButtonElement>('[data-action="run"]')!;
    const stopBtn = this.querySelector<HTMLButtonElement>('[data-action="interrupt"]')!;
    // Run is disabled while it runs: a keyboard user who pressed it lands on Interrupt, not on the page's top.
    const pressedRun = document.activeElement === runBtn;
    runBtn.disabled = true;
    stopBtn.hidden = false;
    if (pressedRun) stopBtn.focus();
    this.classList.add('is-running');
    this.status('Running…');
    this.output.clear();
    const started = performance.now();
    const ticker = window.setInterval(() => this.status(`Running… ${Math.round((performance.now() - started) / 1000)} s`), 1000);
    let final: CellEvent | undefined;
    try {
      await runCell(this.lab, this.cell, code, (e) => {
        this.output.add(e);
        if (e.type === 'done') final = e;
      });
    } catch (error) {
      const err = error as Error & { code?: string };
      if (err.code === 'ConfirmBilling' && window.confirm(`${err.message}\n\nRun it on your AWS account?`)) {
        await confirmBilling();
        this.running = false;
        clearInterval(ticker);
        runBtn.disabled = false;
        stopBtn.hidden = true;
        return this.run(moveOn);
      }
      this.output.add({ type: 'notice', level: 'error', text: err.message });
    } finally {
      clearInterval(ticker);
      this.running = false;
      runBtn.disabled = false;
      // Interrupt disappears: its focus goes back to Run.
      const onStop = document.activeElement === stopBtn;
      stopBtn.hidden = true;
      if (onStop) runBtn.focus();
      this.classList.remove('is-running');
    }
    this.dataset.lastStatus = final?.type === 'done' ? final.status : 'error';
    // The step's check result was about the code before this run: it hears that the code ran again.
    this.dispatchEvent(new CustomEvent('workshop-cell-ran', { bubbles: true, detail: { status: this.dataset.lastStatus } }));
    const done = final?.type === 'done' ? final : undefined;
    // A run started meanwhile owns the status line.
    if (done) void statusText().then((t) => this.running || this.status(t.endedText(done.status, done.durationMs)));
    else this.status('Stopped.');
    void progress(true).then(refreshMarks);
    if (moveOn) {
      const cells = [...document.querySelectorAll<WorkshopCell>('workshop-cell')];
      const next = cells[cells.indexOf(this) + 1];
      next?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      void next?.mountEditor().then((e) => e.focus());
    }
  }
}

interface TypeAhead {
  offset: number;
  text: string;
}

/** A key typed before the editor is there, kept for it: characters, Enter and Backspace; false for any other key. */
function keepTypedKey(ahead: TypeAhead, e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return false;
  if (e.key === 'Enter' && !e.shiftKey) ahead.text += '\n';
  else if (e.key === 'Backspace') ahead.text = ahead.text.slice(0, -1);
  else if ([...e.key].length === 1) ahead.text += e.key;
  else return false;
  return true;
}

/** The place in the cell's code (its shown text) under a point of the screen: 0 when the point is not on the code. */
function codeOffsetAt(host: HTMLElement, x: number, y: number): number {
  const code = host.querySelector('pre');
  // caretPositionFromPoint is the standard one; older Chromium and Safari have only caretRangeFromPoint.
  const caret = document.caretPositionFromPoint?.(x, y);
  const range = caret ? undefined : document.caretRangeFromPoint?.(x, y);
  const node = caret?.offsetNode ?? range?.startContainer;
  const offset = caret?.offset ?? range?.startOffset;
  if (!code || !node || offset === undefined || !code.contains(node)) return 0;
  const before = document.createRange();
  before.setStart(code, 0);
  before.setEnd(node, offset);
  return before.toString().length;
}

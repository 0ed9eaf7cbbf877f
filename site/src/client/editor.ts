/**
 * Monaco, loaded on first use only: the editor core, the contributions a learner uses (find, suggest, hover,
 * brackets, folding, comments, multi-cursor, diff) and TypeScript with its language worker — no other languages.
 * The lab's type declarations (SDK, workshop library, shared scope) come from /api/types (editor-types.ts), fetched
 * by the cell beside this module's own download: a small manifest per lab and package bundles the browser caches.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/browser/widget/diffEditor/diffEditor.contribution';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/languages/definitions/typescript/register';
import { typescriptDefaults } from 'monaco-editor/languages/features/typescript/register';
import { editorCompilerOptions } from '../../../runner/types/editor-options.ts';
import { fetchLabTypes, type ExtraLib } from './editor-types.ts';
import { cellPath } from './type-worker.ts';
import '../styles/editor.css';

// Bundled by runner/cli/editor-build.ts: the styles and workers sit next to this module, in its content-hashed folder.
// The TypeScript worker is created by the language itself (ts.worker.js, see monaco-workers.ts); every other worker is the editor's.
(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker: () => new Worker(new URL('./editor.worker.js', import.meta.url), { type: 'module' }),
};
if (!document.querySelector('link[data-editor-styles]')) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('./editor.css', import.meta.url).href;
  link.dataset.editorStyles = '';
  document.head.append(link);
}

typescriptDefaults.setCompilerOptions(editorCompilerOptions as unknown as Parameters<typeof typescriptDefaults.setCompilerOptions>[0]);
// Syntax is checked at once; type errors wait for the lab's declarations (held in the worker, editor-ts-worker.ts:
// switching these options when they arrive would restart the worker).
typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });

const typesLoaded = new Map<string, Promise<void>>();

/** The lab's declarations, once per page: until they arrive the editor works, without type hints. */
function loadTypes(lab: string, fetched: Promise<ExtraLib[]> | undefined): Promise<void> {
  let p = typesLoaded.get(lab);
  if (!p) {
    p = (fetched ?? fetchLabTypes(lab))
      .then((libs) => typescriptDefaults.setExtraLibs(libs))
      .catch((error: unknown) => console.warn('[workshop] type hints unavailable:', error));
    typesLoaded.set(lab, p);
  }
  return p;
}

// Monaco's themes with the diff's line colours pale enough that code keeps its contrast over them.
monaco.editor.defineTheme('workshop-light', {
  base: 'vs',
  inherit: true,
  // A shade darker than vs for comments, types and numbers: 4.5:1 on the diff's colours too.
  rules: [
    { token: 'comment', foreground: '1d6b1d' },
    { token: 'type', foreground: '1c6a80' },
    { token: 'number', foreground: '06704a' },
  ],
  colors: {
    // Unused code (a variable never read) is underlined, not faded: faded text falls under 4.5:1 contrast.
    'editorUnnecessaryCode.opacity': '#000000ff',
    'editorUnnecessaryCode.border': '#767676',
    'diffEditor.insertedLineBackground': '#eafbee',
    'diffEditor.insertedTextBackground': '#d2f5da',
    'diffEditor.removedLineBackground': '#fff0ef',
    'diffEditor.removedTextBackground': '#ffdcd8',
  },
});
monaco.editor.defineTheme('workshop-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editorUnnecessaryCode.opacity': '#000000ff',
    'editorUnnecessaryCode.border': '#949494',
    'diffEditor.insertedLineBackground': '#12261e',
    'diffEditor.insertedTextBackground': '#1f3d2c',
    'diffEditor.removedLineBackground': '#2d1517',
    'diffEditor.removedTextBackground': '#4a2024',
  },
});

const dark = () =>
  document.documentElement.dataset.theme === 'dark' ||
  (!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);

export interface CellEditor {
  value(): string;
  setValue(code: string): void;
  focus(): void;
  revealLine(line: number): void;
  /** Puts the caret at `offset` in the code (where the learner clicked) and types `text` there, as keys would. */
  typeAt(offset: number, text: string): void;
  /** Opens or closes the cell's diff view: the solution (read-only) beside the learner's own code, still editable. */
  toggleCompare(cell: HTMLElement, solution: string, status: (s: string) => void): void;
  dispose(): void;
}

export interface CellKeys {
  run(): void;
  runAndNext(): void;
  change(code: string): void;
  label: string;
  lab: string;
  cell: string;
  /** The lab's declarations, already on their way (fetched beside the editor's own download). */
  types?: Promise<ExtraLib[]>;
}

const cellUri = (lab: string, cell: string) => monaco.Uri.parse(cellPath(lab, cell));

/**
 * The cell's model before its editor (the pointer is on the code, a click is coming): the TypeScript worker starts
 * on it and reads the declarations it imports while the learner's hand is still moving. createEditor takes it over.
 */
export function warmCell(o: { lab: string; cell: string; code: string; types: Promise<ExtraLib[]> }): void {
  void loadTypes(o.lab, o.types);
  const uri = cellUri(o.lab, o.cell);
  if (!monaco.editor.getModel(uri)) monaco.editor.createModel(o.code, 'typescript', uri);
}

/**
 * An editor in `host`, growing with its content; Shift+Enter and Ctrl/Cmd+Enter run the cell. Its model is a module
 * at file:///labs/<lab>/cells/<cell>.ts, so the lab's declarations resolve from it and cells never clash.
 */
export function createEditor(host: HTMLElement, code: string, keys: CellKeys): CellEditor {
  void loadTypes(keys.lab, keys.types);
  const uri = cellUri(keys.lab, keys.cell);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(code, 'typescript', uri);
  if (model.getValue() !== code) model.setValue(code);
  const editor = monaco.editor.create(host, {
    model,
    theme: dark() ? 'workshop-dark' : 'workshop-light',
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    automaticLayout: true,
    fontSize: 14,
    lineNumbers: 'on',
    tabSize: 2,
    // Long lines wrap: the start of every line stays in view after typing past the edge.
    wordWrap: 'on',
    wrappingIndent: 'same',
    // A dimmed number on the empty last line falls under 4.5:1 contrast: shown as any other line's.
    renderFinalNewline: 'on',
    // Not a Tab stop of its own: Tab and Shift+Tab land on the cell's code box, and Enter there starts editing, so a
    // key pressed after Shift+Tab from Check never edits the code by surprise.
    tabIndex: -1,
    ariaLabel: `${keys.label}. Escape, then Tab, leaves the editor`,
    scrollbar: { alwaysConsumeMouseWheel: false },
  });
  const fit = () => {
    host.style.height = `${Math.min(900, Math.max(120, editor.getContentHeight() + 4))}px`;
    editor.layout();
  };
  editor.onDidContentSizeChange(fit);
  fit();
  // Actions, not addCommand: an action's keys belong to its editor, a command's to whichever editor registered last.
  editor.addAction({
    id: 'workshop.runAndNext',
    label: 'Run the cell and go to the next',
    keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter],
    run: () => keys.runAndNext(),
  });
  editor.addAction({
    id: 'workshop.run',
    label: 'Run the cell',
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
    run: () => keys.run(),
  });
  editor.onDidChangeModelContent(() => keys.change(editor.getValue()));
  leaveWithEscapeTab(editor, host);
  let decorations: string[] = [];
  return {
    value: () => editor.getValue(),
    setValue: (c) => editor.setValue(c),
    focus: () => editor.focus(),
    revealLine(line) {
      editor.revealLineInCenter(line);
      decorations = editor.deltaDecorations(decorations, [
        { range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'error-line' } },
      ]);
    },
    typeAt(offset, text) {
      editor.setPosition(model.getPositionAt(offset));
      if (text) editor.trigger('keyboard', 'type', { text });
    },
    toggleCompare: (cell, solution, status) => toggleCompare(cell, { editor, model, solution, keys, status }),
    dispose() {
      editor.dispose();
      model.dispose();
    },
  };
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/** Tab indents in the editor; Escape then Tab (or Shift+Tab) moves on, so the keyboard is never trapped. */
function leaveWithEscapeTab(editor: monaco.editor.IStandaloneCodeEditor, host: HTMLElement): void {
  let escaped = false;
  editor.onKeyDown((e) => {
    if (e.keyCode === monaco.KeyCode.Escape) {
      escaped = true;
      return;
    }
    if ([monaco.KeyCode.Shift, monaco.KeyCode.Ctrl, monaco.KeyCode.Alt, monaco.KeyCode.Meta].includes(e.keyCode)) return; // Shift of Shift+Tab
    if (e.keyCode === monaco.KeyCode.Tab && escaped) {
      const all = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
        (el) => !host.contains(el) && el.getClientRects().length > 0,
      );
      const after = all.filter((el) => host.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      const target = e.shiftKey ? all.filter((el) => !after.includes(el)).at(-1) : after[0];
      if (target) {
        e.preventDefault();
        e.stopPropagation();
        target.focus();
      }
    }
    escaped = false;
  });
  editor.onDidBlurEditorText(() => (escaped = false));
}

const openDiffs = new WeakMap<HTMLElement, { close(): void }>();

/**
 * The diff view in place of the cell's editor, wired to the cell's "Compare with solution" button (aria-expanded):
 * the same button or Escape closes it, and the learner's code is the same model throughout.
 */
function toggleCompare(
  cell: HTMLElement,
  o: {
    editor: monaco.editor.IStandaloneCodeEditor;
    model: monaco.editor.ITextModel;
    solution: string;
    keys: CellKeys;
    status(s: string): void;
  },
): void {
  const button = cell.querySelector<HTMLButtonElement>('[data-action="compare"]')!;
  const open = openDiffs.get(cell);
  if (open) {
    open.close();
    button.focus();
    return;
  }
  const editorHost = cell.querySelector<HTMLElement>('[data-editor]')!;
  const diffHost = cell.querySelector<HTMLElement>('[data-diff]')!;
  editorHost.hidden = true;
  diffHost.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  openDiffs.set(
    cell,
    openDiff(diffHost, o.model, o.solution, o.keys, () => {
      openDiffs.delete(cell);
      diffHost.hidden = true;
      editorHost.hidden = false;
      button.setAttribute('aria-expanded', 'false');
      o.status('Comparison closed.');
      if (document.activeElement !== button) o.editor.focus();
    }),
  );
  o.status(
    'Comparing with the solution: lines only in the solution are marked −, lines only in yours +. Your code stays editable; Escape closes.',
  );
}

/** The solution beside the learner's model (the same model: an edit made in the diff is the learner's code). */
function openDiff(
  host: HTMLElement,
  mine: monaco.editor.ITextModel,
  solution: string,
  keys: CellKeys,
  onClose: () => void,
): { close(): void } {
  // Not under file:///: the solution is shown, not type-checked against the learner's cell.
  const original = monaco.editor.createModel(solution, 'typescript', monaco.Uri.parse(`inmemory://solution/${keys.lab}/${keys.cell}.ts`));
  const diff = monaco.editor.createDiffEditor(host, {
    theme: dark() ? 'workshop-dark' : 'workshop-light',
    automaticLayout: true,
    readOnly: false,
    originalEditable: false,
    renderSideBySide: true,
    useInlineViewWhenSpaceIsLimited: true,
    renderFinalNewline: 'on',
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    scrollbar: { alwaysConsumeMouseWheel: false },
  });
  diff.setModel({ original, modified: mine });
  diff.getOriginalEditor().updateOptions({ ariaLabel: `${keys.label}: the solution (read-only)` });
  diff.getModifiedEditor().updateOptions({ ariaLabel: `${keys.label}: your code` });
  const lines = Math.max(original.getLineCount(), mine.getLineCount());
  host.style.height = `${Math.min(700, Math.max(160, lines * 19 + 24))}px`;
  let closed = false;
  const actions: monaco.IDisposable[] = [];
  const close = () => {
    if (closed) return;
    closed = true;
    for (const a of actions) a.dispose();
    diff.dispose();
    original.dispose();
    host.style.height = '';
    onClose();
  };
  for (const side of [diff.getModifiedEditor(), diff.getOriginalEditor()]) {
    const when = '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible';
    actions.push(
      side.addAction({
        id: 'workshop.closeCompare',
        label: 'Close the comparison with the solution',
        keybindings: [monaco.KeyCode.Escape],
        keybindingContext: when,
        run: close,
      }),
    );
  }
  actions.push(
    diff.getModifiedEditor().addAction({
      id: 'workshop.run',
      label: 'Run the cell',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => keys.run(),
    }),
  );
  diff.getModifiedEditor().focus();
  return { close };
}

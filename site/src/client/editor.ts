/**
 * Monaco, loaded on first use only: the editor core, the contributions a learner uses (find, suggest, hover,
 * brackets, folding, comments, multi-cursor, diff) and TypeScript syntax — no other languages, no language workers.
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
import 'monaco-editor/languages/definitions/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = { getWorker: () => new EditorWorker() };

const dark = () => document.documentElement.dataset.theme === 'dark' || (!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);

export interface CellEditor {
  value(): string;
  setValue(code: string): void;
  focus(): void;
  revealLine(line: number): void;
  dispose(): void;
}

/** An editor in `host`, growing with its content; Shift+Enter and Ctrl/Cmd+Enter run the cell. */
export function createEditor(host: HTMLElement, code: string, keys: { run(): void; runAndNext(): void; change(code: string): void; label: string }): CellEditor {
  const editor = monaco.editor.create(host, {
    value: code,
    language: 'typescript',
    theme: dark() ? 'vs-dark' : 'vs',
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    automaticLayout: true,
    fontSize: 14,
    lineNumbers: 'on',
    tabSize: 2,
    ariaLabel: `${keys.label}. Escape, then Tab, leaves the editor`,
    scrollbar: { alwaysConsumeMouseWheel: false },
  });
  const fit = () => {
    host.style.height = `${Math.min(900, Math.max(120, editor.getContentHeight() + 4))}px`;
    editor.layout();
  };
  editor.onDidContentSizeChange(fit);
  fit();
  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => keys.runAndNext());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => keys.run());
  editor.onDidChangeModelContent(() => keys.change(editor.getValue()));
  leaveWithEscapeTab(editor, host);
  let decorations: string[] = [];
  return {
    value: () => editor.getValue(),
    setValue: (c) => editor.setValue(c),
    focus: () => editor.focus(),
    revealLine(line) {
      editor.revealLineInCenter(line);
      decorations = editor.deltaDecorations(decorations, [{ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'error-line' } }]);
    },
    dispose: () => editor.dispose(),
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
      const all = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !host.contains(el) && el.getClientRects().length > 0);
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

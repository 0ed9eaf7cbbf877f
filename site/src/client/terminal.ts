import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { CellEvent } from './api.ts';
import { terminalLine } from './progress-text.ts';

const PROMPT = '\x1b[36mnaxt>\x1b[0m ';

/** What the terminal showed is kept for the browser tab, so moving to another lab page keeps the scrollback. */
const TRANSCRIPT_MAX = 200_000;

function transcriptOf(sessionId: string) {
  const key = `naxt-terminal-transcript-${sessionId}`;
  let text = sessionStorage.getItem(key) ?? '';
  // Kept up to its last prompt: the live connection prints a fresh one.
  if (text.endsWith(PROMPT)) text = text.slice(0, -PROMPT.length);
  let timer: number | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    try {
      sessionStorage.setItem(key, text);
    } catch {
      // storage full: the live terminal still works, only the scrollback of the next page is shorter
    }
  };
  return {
    text: () => text,
    append(chunk: string) {
      text += chunk;
      if (text.length > TRANSCRIPT_MAX) text = text.slice(text.indexOf('\n', text.length - TRANSCRIPT_MAX) + 1);
      timer ??= window.setTimeout(save, 500);
    },
    save,
  };
}

/** The panel's height follows a drag on its top edge (or the arrow keys on it) and is remembered. */
function resizable(panel: HTMLElement, handle: HTMLElement, onResize: () => void): () => void {
  const set = (px: number) => {
    const h = Math.round(Math.max(160, Math.min(window.innerHeight - 80, px)));
    // One variable sizes the panel and the room the page keeps below its content (global.css).
    document.documentElement.style.setProperty('--terminal-h', `${h}px`);
    handle.setAttribute('aria-valuenow', String(Math.round((h / window.innerHeight) * 100)));
    localStorage.setItem('naxt-terminal-height', String(h));
    onResize();
  };
  const stored = Number(localStorage.getItem('naxt-terminal-height'));
  if (stored > 0) set(stored);
  const move = (e: PointerEvent) => set(window.innerHeight - e.clientY);
  const down = (e: PointerEvent) => {
    e.preventDefault();
    handle.setPointerCapture(e.pointerId);
    handle.addEventListener('pointermove', move);
  };
  const up = () => handle.removeEventListener('pointermove', move);
  const key = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowUp' ? 32 : e.key === 'ArrowDown' ? -32 : 0;
    if (step) {
      e.preventDefault();
      set(panel.getBoundingClientRect().height + step);
    }
  };
  handle.addEventListener('pointerdown', down);
  handle.addEventListener('pointerup', up);
  handle.addEventListener('keydown', key);
  return () => {
    handle.removeEventListener('pointerdown', down);
    handle.removeEventListener('pointerup', up);
    handle.removeEventListener('keydown', key);
  };
}

/** The terminal panel: a REPL on the session's kernel over a WebSocket, with history and dot-commands. */
export function openTerminal(host: HTMLElement, sessionId: string): { dispose(): void; focus(): void } {
  const term = new Terminal({ convertEol: true, cursorBlink: true, fontSize: 13, scrollback: 5000 });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  const transcript = transcriptOf(sessionId);
  const restored = transcript.text();
  if (restored) term.write(restored);
  // Everything written from here on is kept for the next page of this tab, until the page goes away.
  let leaving = false;
  const write = term.write.bind(term);
  term.write = (data: string | Uint8Array, callback?: () => void) => {
    if (typeof data === 'string' && !leaving) transcript.append(data);
    write(data, callback);
  };
  term.writeln = (data: string | Uint8Array, callback?: () => void) =>
    term.write(typeof data === 'string' ? `${data}\r\n` : data, callback);
  const onLeave = () => {
    leaving = true;
    transcript.save();
  };
  addEventListener('pagehide', onLeave);
  const refit = () => {
    const dims = fit.proposeDimensions();
    if (dims && Number.isFinite(dims.cols) && Number.isFinite(dims.rows)) fit.fit();
  };
  const observer = new ResizeObserver(refit);
  observer.observe(host);
  refit();
  const panel = host.closest<HTMLElement>('.terminal-panel');
  const handle = panel?.querySelector<HTMLElement>('[data-terminal-resize]');
  const stopResizing = panel && handle ? resizable(panel, handle, refit) : () => undefined;

  const history: string[] = JSON.parse(localStorage.getItem('naxt-terminal-history') ?? '[]');
  let hIndex = history.length;
  let line = '';
  let busy = false;
  let progressLine: string | undefined;
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/sessions/${sessionId}/terminal`);
  if (!restored) term.writeln('Terminal on your workshop session — type .help');
  ws.addEventListener('open', () => term.write(PROMPT));
  ws.addEventListener('close', () => term.writeln('\r\n\x1b[31m[disconnected — reopen the terminal]\x1b[0m'));
  ws.addEventListener('message', (m) => {
    const msg = JSON.parse(String(m.data)) as { type: 'event'; event: CellEvent } | { type: 'text'; text: string };
    if (msg.type === 'text') return term.write(msg.text);
    const e = msg.event;
    // A running operation owns one line, rewritten with \r; anything else printed first moves it up for good.
    if (e.type === 'progress') {
      if (progressLine && progressLine !== e.id) term.write('\r\n');
      const colour = e.state === 'running' ? '36' : e.state === 'succeeded' ? '32' : '31';
      const text = terminalLine(e).slice(0, Math.max(20, term.cols - 1));
      term.write(`\r\x1b[2K\x1b[${colour}m${text}\x1b[0m`);
      progressLine = e.id;
      if (e.state !== 'running') {
        term.write('\r\n');
        if (e.reason && terminalLine(e).length >= term.cols) term.writeln(`\x1b[31m${e.reason}\x1b[0m`);
        progressLine = undefined;
      }
      return;
    }
    if (progressLine) {
      term.write('\r\n');
      progressLine = undefined;
    }
    if (e.type === 'stream') term.write(e.name === 'stderr' ? `\x1b[33m${e.text}\x1b[0m` : e.text);
    else if (e.type === 'result') term.writeln(e.text);
    else if (e.type === 'error') term.writeln(`\x1b[31m${e.name}: ${e.message}${e.line ? ` (line ${e.line})` : ''}\x1b[0m`);
    else if (e.type === 'notice') term.writeln(`\x1b[90m${e.text}\x1b[0m`);
    else if (e.type === 'display') term.writeln(`\x1b[90m[${e.mime} — shown in cells]\x1b[0m`);
    else if (e.type === 'done') {
      busy = false;
      term.write(PROMPT);
    }
  });
  term.onData((data) => {
    if (data === '\x03') {
      if (busy) ws.send(JSON.stringify({ type: 'interrupt' }));
      line = '';
      term.write('^C\r\n' + (busy ? '' : PROMPT));
      return;
    }
    if (busy) return;
    if (data === '\r') {
      term.write('\r\n');
      const code = line.trim();
      line = '';
      if (!code) return term.write(PROMPT);
      history.push(code);
      localStorage.setItem('naxt-terminal-history', JSON.stringify(history.slice(-200)));
      hIndex = history.length;
      busy = true;
      ws.send(JSON.stringify({ type: 'exec', code }));
    } else if (data === '\x7f') {
      if (line.length > 0) {
        line = line.slice(0, -1);
        term.write('\b \b');
      }
    } else if (data === '\x1b[A' || data === '\x1b[B') {
      hIndex = Math.max(0, Math.min(history.length, hIndex + (data === '\x1b[A' ? -1 : 1)));
      const next = history[hIndex] ?? '';
      term.write('\r\x1b[2K' + PROMPT + next);
      line = next;
    } else if (data >= ' ' || data === '\t') {
      line += data;
      term.write(data);
    }
  });
  return {
    dispose() {
      onLeave();
      removeEventListener('pagehide', onLeave);
      stopResizing();
      observer.disconnect();
      ws.close();
      term.dispose();
    },
    focus: () => term.focus(),
  };
}

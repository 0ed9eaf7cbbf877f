import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { CellEvent } from './api.ts';
import { terminalLine } from './progress-text.ts';

const PROMPT = '\x1b[36mnaxt>\x1b[0m ';

/** The terminal panel: a REPL on the session's kernel over a WebSocket, with history and dot-commands. */
export function openTerminal(host: HTMLElement, sessionId: string): { dispose(): void; focus(): void } {
  const term = new Terminal({ convertEol: true, cursorBlink: true, fontSize: 13, scrollback: 5000 });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  const refit = () => {
    const dims = fit.proposeDimensions();
    if (dims && Number.isFinite(dims.cols) && Number.isFinite(dims.rows)) fit.fit();
  };
  const observer = new ResizeObserver(refit);
  observer.observe(host);
  refit();

  const history: string[] = JSON.parse(localStorage.getItem('naxt-terminal-history') ?? '[]');
  let hIndex = history.length;
  let line = '';
  let busy = false;
  let progressLine: string | undefined;
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/sessions/${sessionId}/terminal`);
  term.writeln('Terminal on your workshop session — type .help');
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
      observer.disconnect();
      ws.close();
      term.dispose();
    },
    focus: () => term.focus(),
  };
}

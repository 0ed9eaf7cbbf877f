import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LedgerEntry } from '../kernel/protocol.ts';

export interface LedgerRecord extends LedgerEntry {
  at: string;
}

/**
 * A session's resource ledger: one JSON line per create call the workshop's cells made, appended before the
 * call is sent. A runner killed mid-append leaves at most a torn last line, which reading skips.
 */
export class Ledger {
  /** Sessions whose file this process has checked for a torn last line. */
  private checked = new Set<string>();

  constructor(private readonly dataDir: string) {}

  /** A crash may have left half a line: start ours on a fresh line, or it would be glued to the torn one. */
  private async tailBreak(file: string): Promise<string> {
    let handle;
    try {
      handle = await open(file, 'r');
    } catch {
      return '';
    }
    try {
      const { size } = await handle.stat();
      if (size === 0) return '';
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] === 0x0a ? '' : '\n';
    } finally {
      await handle.close();
    }
  }

  private file(sessionId: string) {
    return join(this.dataDir, 'sessions', sessionId, 'ledger.jsonl');
  }

  async append(sessionId: string, entry: LedgerEntry): Promise<void> {
    const file = this.file(sessionId);
    await mkdir(dirname(file), { recursive: true });
    const lead = this.checked.has(sessionId) ? '' : await this.tailBreak(file);
    this.checked.add(sessionId);
    await appendFile(file, `${lead}${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`, { mode: 0o600 });
  }

  async read(sessionId: string): Promise<LedgerRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file(sessionId), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: LedgerRecord[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as LedgerRecord);
      } catch {
        // a torn last line from a crash: the create it announced is found by the tag scan anyway
      }
    }
    return out;
  }

  /** What the session created and did not see fail: one entry per (operation, name), last phase wins. */
  async created(sessionId: string): Promise<LedgerRecord[]> {
    const latest = new Map<string, LedgerRecord>();
    for (const r of await this.read(sessionId)) latest.set(`${r.op}\0${r.name}`, r);
    return [...latest.values()].filter((r) => r.phase !== 'failed');
  }
}

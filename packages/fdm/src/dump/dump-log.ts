import { readFile } from 'node:fs/promises';
import { GroupCommitFile } from '../memory/group-commit-file.js';

/** One dump (C-74: every activation and copy is logged), a JSON line of dumps.log. */
export interface DumpLogEntry {
  readonly dumpNo: number;
  /** The FDM clock's instant (UTC ISO) when the dump was made. */
  readonly at: string;
  readonly from: string | null;
  readonly to: string | null;
  /** What restricted the period: the card's FDM.DER, the caller's options, both, or nothing. */
  readonly restrictedBy: 'FDM.DER' | 'options' | 'FDM.DER+options' | 'none';
  readonly events: number;
  readonly errors: number;
  readonly status: 'OK' | 'ERROR';
}

export async function readDumpLog(file: string): Promise<DumpLogEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const entries: DumpLogEntry[] = [];
  const lines = text.split('\n');
  lines.pop(); // the part after the last newline: empty, or an append cut short
  for (const line of lines) {
    try {
      const entry = JSON.parse(line) as DumpLogEntry;
      if (typeof entry === 'object' && entry !== null && Number.isSafeInteger(entry.dumpNo))
        entries.push(entry);
    } catch {
      // a damaged line is not a dump; the numbering continues from the last good one
    }
  }
  return entries;
}

/** Appends one entry and waits for it to be on disk. */
export async function appendDumpLog(file: string, entry: DumpLogEntry): Promise<void> {
  const writer = await GroupCommitFile.open(file);
  try {
    await writer.append(Buffer.from(JSON.stringify(entry) + '\n', 'utf8'));
  } finally {
    await writer.close();
  }
}

import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { GroupCommitFile } from '../memory/group-commit-file.js';

/** One error the FDM answered: the source of the dump's FDMerror.log (C-75). */
export interface ErrorLogEntry {
  fdmDateTime: string;
  posId?: string;
  operation?: string;
  code: string;
  subCode?: string;
  field?: string;
  message: string;
}

/**
 * An append-only JSON-lines file of every error the FDM answered, each line on disk (fdatasync,
 * shared between concurrent appends) before append resolves. Not part of the hash chain: errors
 * are not fiscal events.
 */
export class ErrorLog {
  private constructor(
    readonly file: string,
    private readonly writer: GroupCommitFile,
  ) {}

  /** Opens the log for appending, creating it when missing. */
  static async open(file: string): Promise<ErrorLog> {
    return new ErrorLog(file, await GroupCommitFile.open(file));
  }

  append(entry: ErrorLogEntry): Promise<void> {
    const line: ErrorLogEntry = {
      fdmDateTime: entry.fdmDateTime,
      ...(entry.posId !== undefined ? { posId: entry.posId } : {}),
      ...(entry.operation !== undefined ? { operation: entry.operation } : {}),
      code: entry.code,
      ...(entry.subCode !== undefined ? { subCode: entry.subCode } : {}),
      ...(entry.field !== undefined ? { field: entry.field } : {}),
      message: entry.message,
    };
    return this.writer.append(Buffer.from(JSON.stringify(line) + '\n', 'utf8'));
  }

  /** Every complete entry, oldest first, from a separate read handle. */
  read(): AsyncIterable<ErrorLogEntry> {
    return readErrorLog(this.file);
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}

/**
 * Reads a log file without opening it for writing (dumps use this). A last line without its
 * newline is an append cut short by a crash and was never acknowledged: it is skipped, as are
 * lines that are not entries.
 */
export async function* readErrorLog(file: string): AsyncIterable<ErrorLogEntry> {
  let size: number;
  try {
    const handle = await open(file, 'r');
    size = (await handle.stat()).size;
    await handle.close();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (size === 0) return;
  // Read only what existed when reading began: appends meanwhile are for the next reader.
  const lines = createInterface({
    input: createReadStream(file, { start: 0, end: size - 1 }),
    crlfDelay: Infinity,
  });
  let pending: string | undefined;
  for await (const line of lines) {
    if (pending !== undefined) {
      const entry = parseEntry(pending);
      if (entry) yield entry;
    }
    pending = line;
  }
  // readline hides whether the last line ended in '\n'; the file's last byte tells.
  if (pending !== undefined && (await lastByteIsNewline(file, size))) {
    const entry = parseEntry(pending);
    if (entry) yield entry;
  }
}

async function lastByteIsNewline(file: string, size: number): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, size - 1);
    return byte[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

function parseEntry(line: string): ErrorLogEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const e = value as Record<string, unknown>;
  const optional = (k: string) => e[k] === undefined || typeof e[k] === 'string';
  if (
    typeof e['fdmDateTime'] !== 'string' ||
    typeof e['code'] !== 'string' ||
    typeof e['message'] !== 'string'
  ) {
    return undefined;
  }
  if (!optional('posId') || !optional('operation') || !optional('subCode') || !optional('field'))
    return undefined;
  return e as unknown as ErrorLogEntry;
}

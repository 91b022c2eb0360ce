import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { finding } from '../findings/finding.js';
import type { Finding } from '../findings/finding.js';
import type { DumpBatchInput } from '../event/check-batch.js';

/** File names of an FDM dump (C-75), as packages/fdm writes them. */
export const DUMP_MEMORY_FILE = 'FDMmem.log';

export interface DumpReadOptions {
  readonly linesPerBatch?: number;
  readonly onFinding: (f: Finding) => void;
  readonly onBytes?: (done: number, total: number) => void;
}

/** The lines of an FDMmem.log in batches; their meaning is the batch checker's. */
export async function* readDumpFile(path: string, options: DumpReadOptions): AsyncGenerator<DumpBatchInput> {
  const perBatch = options.linesPerBatch ?? 512;
  let total: number;
  try {
    total = (await stat(path)).size;
  } catch (e) {
    options.onFinding(finding('INPUT_UNREADABLE', {}, `cannot open ${path}: ${(e as Error).message}`));
    return;
  }
  let rest = '';
  let lines: string[] = [];
  let lineNo = 0;
  let firstLine = 1;
  let done = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    done += Buffer.byteLength(chunk as string);
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      lineNo++;
      if (line === '') continue;
      if (lines.length === 0) firstLine = lineNo;
      lines.push(line);
      if (lines.length >= perBatch) {
        yield { kind: 'dump', firstLine, lines };
        lines = [];
        options.onBytes?.(done, total);
      }
    }
  }
  if (rest !== '') {
    options.onFinding(
      finding('TRUNCATED_TAIL', {}, `${DUMP_MEMORY_FILE} ends inside line ${lineNo + 1} (no final newline)`),
    );
  }
  if (lines.length > 0) yield { kind: 'dump', firstLine, lines };
  options.onBytes?.(total, total);
}

/** The `record` index of the first line: 0 when the dump holds the memory from its start. */
export async function firstDumpRecord(path: string): Promise<number | undefined> {
  let head = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    head += chunk as string;
    if (head.includes('\n')) break;
  }
  try {
    const first = JSON.parse(head.split('\n')[0] ?? '') as { record?: unknown };
    return typeof first.record === 'number' ? first.record : undefined;
  } catch {
    return undefined;
  }
}

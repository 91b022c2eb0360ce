import { ok, type Result } from '@gks/core';
import type { Writable } from 'node:stream';
import {
  appendJournalEntry,
  readJournal,
  type Clock,
  type Database,
  type JournalEntry,
  type JournalInputProblem,
} from './journal.js';

export interface ExportOptions {
  readonly batchSize?: number;
  /** Journal the export itself (a non-event, C-41) by this user and terminal. */
  readonly journalAs?: {
    readonly clock: Clock;
    readonly terminalId: string | null;
    readonly userId: string | null;
  };
}

export interface ExportSummary {
  readonly entries: number;
  /** Last exported sequence number, 0 when the journal was empty. */
  readonly lastSeq: number;
}

/**
 * Writes the journal as text, one JSON object per line in ascending `seq` (format in the README):
 * {"seq","recordedAt","kind","terminalId","userId","data","fdmMessage" | "fdmMessageBase64",
 *  "prevHash","entryHash"}. `data` is the stored canonical JSON inserted verbatim.
 * Reads in keyset batches up to the head seen at the start, honouring the stream's backpressure.
 */
export async function exportJournalText(
  db: Database,
  out: Writable,
  options: ExportOptions = {},
): Promise<Result<ExportSummary, JournalInputProblem>> {
  const batchSize = options.batchSize ?? 500;
  const head = await db
    .selectFrom('journal_entry')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  const lastSeq = head?.seq ?? 0;
  let afterSeq = 0;
  let entries = 0;
  while (afterSeq < lastSeq) {
    const batch = await readJournal(db, afterSeq, Math.min(batchSize, lastSeq - afterSeq));
    if (batch.length === 0) break;
    for (const entry of batch) {
      if (!out.write(`${exportLine(entry)}\n`)) await drained(out);
      afterSeq = entry.seq;
      entries++;
    }
  }
  const summary = { entries, lastSeq: afterSeq };
  if (options.journalAs) {
    const { clock, terminalId, userId } = options.journalAs;
    const recorded = await appendJournalEntry(
      db,
      { kind: 'journal_export', terminalId, userId, data: { entries, lastSeq: afterSeq, format: 'jsonl' } },
      clock,
    );
    if (!recorded.ok) return recorded;
  }
  return ok(summary);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function exportLine(entry: JournalEntry): string {
  let message = '';
  if (entry.fdmMessage !== null) {
    const text = decodeUtf8(entry.fdmMessage);
    message =
      text === null
        ? `,"fdmMessageBase64":${JSON.stringify(Buffer.from(entry.fdmMessage).toString('base64'))}`
        : `,"fdmMessage":${JSON.stringify(text)}`;
  }
  return (
    `{"seq":${entry.seq},"recordedAt":${JSON.stringify(entry.recordedAt.toISOString())}` +
    `,"kind":${JSON.stringify(entry.kind)},"terminalId":${JSON.stringify(entry.terminalId)}` +
    `,"userId":${JSON.stringify(entry.userId)},"data":${entry.data}${message}` +
    `,"prevHash":"${Buffer.from(entry.prevHash).toString('hex')}","entryHash":"${Buffer.from(entry.entryHash).toString('hex')}"}`
  );
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      out.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      out.off('drain', onDrain);
      reject(error);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

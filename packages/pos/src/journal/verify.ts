import { err, ok, type Result } from '@gks/core';
import { canonicalJson, entryHash, genesisHash } from './canonical.js';
import { readJournal, type Database, type JournalEntry } from './journal.js';

export type ChainFinding =
  /** The stored hash is not the hash of the stored fields: the row was altered. */
  | { readonly seq: number; readonly problem: 'HASH_MISMATCH' }
  /** The row does not point at its predecessor's hash: a row before it was altered, removed or inserted. */
  | { readonly seq: number; readonly problem: 'BROKEN_LINK' }
  /** A sequence number is missing (or the journal does not start at 1). */
  | { readonly seq: number; readonly problem: 'SEQUENCE_GAP'; readonly expected: number }
  /** The outbox rows (fiscal_event, fiscal_result) disagree with the journal entry they index. */
  | { readonly seq: number; readonly problem: 'OUTBOX_MISMATCH' };

export interface ChainHead {
  readonly entries: number;
  /** Hash of the last entry (the genesis hash when empty); print or anchor it to detect removal of the tail. */
  readonly headHash: string;
}

export interface VerifyOptions {
  readonly batchSize?: number;
  /** Stops collecting after this many findings. Default 100. */
  readonly maxFindings?: number;
}

/**
 * Recomputes every entry's hash and link, reading in batches. Detects any change to a stored
 * row, even one made by a superuser who disabled the triggers, as long as the attacker cannot
 * also recompute the chain to the end and replace the anchored head.
 */
export async function verifyJournalChain(
  db: Database,
  options: VerifyOptions = {},
): Promise<Result<ChainHead, readonly ChainFinding[]>> {
  const batchSize = options.batchSize ?? 1000;
  const maxFindings = options.maxFindings ?? 100;
  const findings: ChainFinding[] = [];
  let expectedSeq = 1;
  let previousHash: Uint8Array = genesisHash;
  let entries = 0;
  let afterSeq = 0;
  for (;;) {
    const batch = await readJournal(db, afterSeq, batchSize);
    const outbox = await outboxRows(db, batch);
    for (const entry of batch) {
      entries++;
      if (entry.seq !== expectedSeq)
        findings.push({ seq: entry.seq, problem: 'SEQUENCE_GAP', expected: expectedSeq });
      if (!sameBytes(entry.prevHash, previousHash)) findings.push({ seq: entry.seq, problem: 'BROKEN_LINK' });
      if (!sameBytes(entryHash(entry), entry.entryHash))
        findings.push({ seq: entry.seq, problem: 'HASH_MISMATCH' });
      if (outbox.get(entry.seq) !== expectedOutboxRow(entry))
        findings.push({ seq: entry.seq, problem: 'OUTBOX_MISMATCH' });
      if (findings.length >= maxFindings) return err(findings.slice(0, maxFindings));
      expectedSeq = entry.seq + 1;
      previousHash = entry.entryHash;
      afterSeq = entry.seq;
    }
    if (batch.length < batchSize) break;
  }
  return findings.length > 0
    ? err(findings)
    : ok({ entries, headHash: Buffer.from(previousHash).toString('hex') });
}

/**
 * The outbox tables are indexes over the journal: each of their rows must say exactly what the
 * (hashed) journal entry it points to says. Rendered as the canonical data plus the columns the
 * data does not carry, so one string comparison covers a changed, missing or extra row.
 */
function expectedOutboxRow(entry: JournalEntry): string | undefined {
  if (entry.kind === 'fiscal_event') return `event ${entry.terminalId} ${entry.userId} ${entry.data}`;
  if (entry.kind === 'fiscal_result') return `result ${entry.data}`;
  return undefined;
}

async function outboxRows(db: Database, batch: readonly JournalEntry[]): Promise<Map<number, string>> {
  const rows = new Map<number, string>();
  const first = batch[0]?.seq;
  const last = batch.at(-1)?.seq;
  if (first === undefined || last === undefined) return rows;
  const events = await db
    .selectFrom('fiscal_event')
    .selectAll()
    .where('journal_seq', '>=', first)
    .where('journal_seq', '<=', last)
    .execute();
  for (const row of events) {
    const data = canonicalJson({
      posId: row.pos_id,
      posFiscalTicketNo: row.pos_fiscal_ticket_no,
      eventLabel: row.event_label,
      eventOperation: row.event_operation,
    });
    rows.set(row.journal_seq, `event ${row.terminal_id} ${row.user_id} ${data}`);
  }
  const results = await db
    .selectFrom('fiscal_result')
    .selectAll()
    .where('journal_seq', '>=', first)
    .where('journal_seq', '<=', last)
    .execute();
  for (const row of results) {
    rows.set(row.journal_seq, `result ${canonicalJson({ eventSeq: row.event_seq, outcome: row.outcome })}`);
  }
  return rows;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

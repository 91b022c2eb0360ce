import pg from 'pg';
import { finding } from '../findings/finding.js';
import type { JournalEvent } from './journal-event.js';
import { readJournalLines } from './read-journal-export.js';
import type { JournalReadOptions } from './read-journal-export.js';

/**
 * Adapter for the POS journal read straight from the POS's PostgreSQL database (packages/pos,
 * table `journal_entry`), for an auditor given a read-only login (the POS's `gks_auditor` role
 * holds SELECT and nothing else). Everything is read in one READ ONLY transaction at REPEATABLE
 * READ: one consistent snapshot even while the restaurant keeps selling. Each row is turned into
 * the line of the text export it would be (same bytes: `data` is the stored canonical text,
 * inserted verbatim), so both inputs go through one reader and one set of checks.
 */
export async function* readJournalDatabase(
  databaseUrl: string,
  options: JournalReadOptions & { readonly batchSize?: number },
): AsyncGenerator<JournalEvent> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'gks verify' });
  const where = safeUrl(databaseUrl);
  try {
    await client.connect();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (e) {
    options.onFinding(
      finding('INPUT_UNREADABLE', {}, `cannot open the POS database ${where}: ${(e as Error).message}`),
    );
    await client.end().catch(() => undefined);
    return;
  }
  try {
    yield* readJournalLines(exportLines(client, where, options), options);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

interface JournalRow {
  seq: string;
  recorded_at: string;
  kind: string;
  terminal_id: string | null;
  user_id: string | null;
  data: string;
  fdm_message: Buffer | null;
  prev_hash: Buffer;
  entry_hash: Buffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

async function* exportLines(
  client: pg.Client,
  where: string,
  options: JournalReadOptions & { readonly batchSize?: number },
): AsyncGenerator<string> {
  const batchSize = options.batchSize ?? 2000;
  let after = '0';
  for (;;) {
    let rows: JournalRow[];
    try {
      // recorded_at as text in UTC with milliseconds: the export's toISOString() form.
      const result = await client.query<JournalRow>(
        `SELECT seq::text AS seq,
                to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at,
                kind, terminal_id, user_id, data, fdm_message, prev_hash, entry_hash
           FROM journal_entry WHERE journal_entry.seq > $1::bigint ORDER BY journal_entry.seq LIMIT $2`,
        [after, batchSize],
      );
      rows = result.rows;
    } catch (e) {
      options.onFinding(
        finding('INPUT_UNREADABLE', {}, `cannot read journal_entry of ${where}: ${(e as Error).message}`),
      );
      return;
    }
    for (const row of rows) yield lineOf(row);
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = last.seq;
  }
}

/** The export line of a row, as packages/pos writes it (its README, "Journal export"). */
function lineOf(row: JournalRow): string {
  let message = '';
  if (row.fdm_message !== null) {
    let text: string | undefined;
    try {
      text = utf8.decode(row.fdm_message);
    } catch {
      text = undefined;
    }
    message =
      text === undefined
        ? `,"fdmMessageBase64":${JSON.stringify(row.fdm_message.toString('base64'))}`
        : `,"fdmMessage":${JSON.stringify(text)}`;
  }
  return (
    `{"seq":${row.seq},"recordedAt":${JSON.stringify(row.recorded_at)}` +
    `,"kind":${JSON.stringify(row.kind)},"terminalId":${JSON.stringify(row.terminal_id)}` +
    `,"userId":${JSON.stringify(row.user_id)},"data":${row.data}${message}` +
    `,"prevHash":"${row.prev_hash.toString('hex')}","entryHash":"${row.entry_hash.toString('hex')}"}`
  );
}

/** The URL without its password, for messages. */
function safeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(an unparsable database URL)';
  }
}

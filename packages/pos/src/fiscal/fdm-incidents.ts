import { appendJournalEntry, type Clock, type Database } from '../journal/journal.js';

export interface OpenIncident {
  readonly since: Date;
  readonly cause: string;
}

/**
 * The FDM's outages as the register saw them (C-26, B-4): the first failure journals the start
 * with its cause and the fallback to paper VAT receipts, the first success after it the end.
 */
export class FdmIncidents {
  readonly #db: Database;
  readonly #clock: Clock;
  #open: OpenIncident | null = null;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  get open(): OpenIncident | null {
    return this.#open;
  }

  /** After a restart: an incident whose end was never journaled is still open. */
  async restore(): Promise<void> {
    const last = await this.#db
      .selectFrom('journal_entry')
      .select(['kind', 'recorded_at', 'data'])
      .where('kind', 'in', ['fdm_incident_start', 'fdm_incident_end'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last?.kind === 'fdm_incident_start') {
      const data = JSON.parse(last.data) as { cause?: string };
      this.#open = { since: last.recorded_at, cause: data.cause ?? 'unknown' };
    }
  }

  async start(cause: string): Promise<void> {
    if (this.#open !== null) return;
    const since = this.#clock.now();
    this.#open = { since, cause };
    const entry = await appendJournalEntry(
      this.#db,
      {
        kind: 'fdm_incident_start',
        terminalId: null,
        userId: null,
        data: { cause, fallback: 'paper VAT receipts (B-4)' },
      },
      this.#clock,
    );
    if (!entry.ok) throw new Error(`incident not journaled: ${entry.error.code}`);
  }

  async end(cause: string): Promise<void> {
    const open = this.#open;
    if (open === null) return;
    this.#open = null;
    const entry = await appendJournalEntry(
      this.#db,
      {
        kind: 'fdm_incident_end',
        terminalId: null,
        userId: null,
        data: { cause, startedAt: open.since.toISOString(), startCause: open.cause },
      },
      this.#clock,
    );
    if (!entry.ok) throw new Error(`incident end not journaled: ${entry.error.code}`);
  }
}

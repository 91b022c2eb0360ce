// Storage foundation of the POS server: database, electronic journal, fiscal outbox.
export {
  openPosDatabase,
  posDatabaseLocation,
  type PosDatabase,
  type PosDatabaseLocation,
  type PosDatabaseOptions,
  type PosDatabaseRole,
} from './db/open-database.js';
export { DataDirInUseError } from './db/data-dir-lock.js';
export type {
  PosSchema,
  JournalEntryTable,
  FiscalEventTable,
  FiscalResultTable,
  MigrationTable,
} from './db/schema.js';
export {
  applyMigrations,
  migrations,
  appendOnlyTables,
  type Migration,
  type MigrationReport,
} from './db/migrations.js';
export { PGliteDialect, type PGliteDialectConfig } from './db/pglite-dialect.js';

export {
  appendJournalEntry,
  readJournal,
  nonEventKinds,
  type Clock,
  type Database,
  type JournalEntry,
  type JournalInputProblem,
  type JournalKind,
  type NonEventInput,
  type NonEventKind,
  type FiscalKind,
} from './journal/journal.js';
export {
  canonicalJson,
  entryHash,
  hashedForm,
  genesisHash,
  journalFormat,
  type JsonObject,
  type JsonValue,
  type HashedEntryFields,
} from './journal/canonical.js';
export {
  verifyJournalChain,
  type ChainFinding,
  type ChainHead,
  type VerifyOptions,
} from './journal/verify.js';
export { exportJournalText, exportLine, type ExportOptions, type ExportSummary } from './journal/export.js';

export {
  enqueueFiscalEvent,
  recordFiscalResult,
  pendingEvents,
  type FiscalEvent,
  type FiscalEventDraft,
  type FiscalOutcome,
  type FiscalResultInput,
  type OutboxProblem,
} from './outbox/outbox.js';
export { nextPosFiscalTicketNo, maxPosFiscalTicketNo } from './outbox/ticket-number.js';

// X and Z reports (C-46..C-51): the period's events from the journal, figures by @gks/core.
export {
  prepareTurnoverReport,
  prepareUserReport,
  type PreparedTurnoverReport,
  type PreparedUserReport,
  type ReportCommonField,
  type ReportKind,
  type ReportOptions,
  type ReportPeriod,
  type ReportPreparationProblem,
} from './reports/prepare-report.js';

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

// The register: master data, flows, signing pipeline, API and server.
export { posSchemaSdl } from './api/schema.js';
export { createPosYoga, maskPosError, terminalTokenHeader, type PosYoga } from './api/pos-yoga.js';
export type { PosContext } from './api/resolvers.js';
export { startPosServer, type PosServerOptions, type RunningPos } from './server/pos-server.js';
export {
  openRegisterRuntime,
  systemClock,
  type RegisterRuntime,
  type RuntimeOptions,
} from './server/runtime.js';
export { localTlsCertificate } from './server/pos-tls.js';
export {
  initRegister,
  demoUsers,
  demoProducts,
  demoSettings,
  demoTerminals,
  demoFloors,
  demoPlaces,
  loadDemoFloors,
  technicianUserId,
  type InitOptions,
  type InitReport,
} from './setup/init-register.js';
export {
  SigningPipeline,
  type EventBody,
  type LazyBody,
  type SignedEvent as PosSignedEvent,
  type SignSteps,
} from './fiscal/pipeline.js';
export { FdmIncidents, type OpenIncident } from './fiscal/fdm-incidents.js';
export { commonFields, type EventContext, type PosIdentity } from './fiscal/common-fields.js';
export { readStoredEvent, listStoredEvents, type StoredEvent } from './fiscal/stored-events.js';
export {
  checkSettings,
  identityOf,
  loadSettings,
  saveSettings,
  posSwVersion,
  type Establishment,
  type FdmConnection,
  type RegisterSettings,
} from './master-data/settings.js';
export {
  createUser,
  checkLogin,
  findUser,
  listUsers,
  technicianEmployeeId,
  type User,
  type UserRole,
} from './master-data/users.js';
export {
  upsertDepartment,
  upsertProduct,
  listDepartments,
  listProducts,
  type Department,
  type Product,
} from './master-data/catalog.js';
export {
  createTerminal,
  terminalByToken,
  listTerminals,
  updateTerminal,
  type Terminal,
} from './master-data/terminals.js';
export { upsertCostCenter, listCostCenters, type CostCenter } from './master-data/cost-centers.js';
export { upsertFloor, listFloors, type Floor } from './master-data/floors.js';
export {
  upsertPrinter,
  listPrinters,
  findPrinter,
  defaultPrinterPort,
  printerKinds,
  type Printer,
  type PrinterKind,
} from './master-data/printers.js';
export { updateEstablishment, checkTicketFooter } from './master-data/settings.js';
export {
  openBookingPeriod,
  closeBookingPeriod,
  currentBookingPeriod,
  type BookingPeriod,
} from './master-data/booking-periods.js';
export { Sessions } from './session/sessions.js';
export {
  addLines,
  cancelRegistration,
  changeLinePrice,
  clockIn,
  clockOut,
  correctLine,
  createRegisterDeps,
  pay,
  preBill,
  sendOrder,
  setLineNote,
  startRegistration,
  transferLines,
  type Actor,
  type PaidTicket,
  type RegisterDeps,
} from './register/register.js';
export {
  refund,
  copyTicket,
  invoiceSales,
  moneyInOut,
  openDrawer,
  correctPayment,
  formatInvoiceNo,
} from './register/after-sale.js';
export { makeReport, type MadeReport } from './register/reports.js';
export { changeTrainingMode } from './register/training-mode.js';
export { outgoingInvoices, invoiceLedgerCsv, type LedgerInvoice } from './register/invoice-ledger.js';
export { settle, roundToFiveCents, type Settlement, type Tender } from './register/settlement.js';
export type { PosError, PosErrorCode } from './register/pos-error.js';
export { fdmDownMessage } from './register/pos-error.js';
export { receiptOf, render, kitchenTicketOf, type RenderedReceipt } from './printing/receipts.js';
// Server-side printing on ESC/POS network printers (issue 5).
export {
  rawTcpPrinter,
  type NetworkPrinter,
  type PrinterAddress,
  type PrinterUnreachable,
  type RawTcpPrinterOptions,
} from './printing/network-printer.js';
export {
  printTicket,
  printKitchenTicket,
  printKitchenOrder,
  type PrintDeps,
  type Printed,
} from './printing/ticket-printing.js';
export {
  startVirtualPrinter,
  defaultVirtualPrinterPort,
  type VirtualPrinter,
  type VirtualPrinterOptions,
} from './printing/virtual-printer.js';
export { escPosText } from './printing/escpos-text.js';
export { posVirtualPrinterCommand } from './cli/virtual-printer-command.js';
export {
  FdmProbe,
  intervalTicker,
  defaultProbeEveryMs,
  type Ticker,
  type ProbeOutcome,
} from './fiscal/fdm-probe.js';

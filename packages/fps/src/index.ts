// The tax administration's service (FPS): CA, registrations, FDM initialisation, event upload,
// ticket verification, auditor access.
export {
  FpsCertificateAuthority,
  newKeyPairPem,
  CA_CERT_FILE,
  CA_KEY_FILE,
  type CertificateKind,
  type IssuedCertificate,
  type IssueListener,
} from './ca/fps-ca.js';
export { openFpsDatabase, type FpsDatabase, type FpsDatabaseRole } from './db/open-fps-database.js';
export { fpsMigrations, appendOnlyTables, auditorReadableTables } from './db/migrations.js';
export type { FpsSchema } from './db/schema.js';
export {
  registerOperator,
  registerPos,
  registerFdm,
  currentOperator,
  currentFdm,
  operatorHistory,
  posHistory,
  fdmHistory,
  fdmsUsingBridge,
  issueActivationCode,
  useActivationCode,
  activationCodeValid,
  type Clock,
  type Operator,
  type PosRegistration,
  type FdmRegistration,
  type RegistrationProblem,
  type ActivationProblem,
} from './registry/registrations.js';
export {
  storeUploadedEvents,
  acknowledgedThrough,
  fdmPublicKeys,
  maxEventsPerUpload,
  type EventOutcome,
  type UploadReport,
} from './events/upload.js';
export {
  signatureHolds,
  shortSignatureOf,
  dataHashOf,
  readSignedFields,
  type SignedFields,
} from './events/event-signature.js';
export { verifyTicket, type TicketVerdict } from './verification/verify-ticket.js';
export { RateLimiter } from './verification/rate-limiter.js';
export {
  newAuditorCredential,
  auditorAuthorized,
  type AuditorCredential,
} from './auditor/auditor-credential.js';
export { asAuditor, auditEvents, type AuditFilter, type AuditedEvent } from './auditor/audit-queries.js';
export {
  createFpsApp,
  type FpsApp,
  type FpsAppOptions,
  type FdmParameters,
  type Peer,
} from './http/fps-app.js';
export { startFpsServer, type FpsServerOptions, type RunningFpsServer } from './http/fps-server.js';
export {
  initFps,
  openFps,
  recordIssuedCertificates,
  fpsFiles,
  fpsDatabaseLocation,
  type FpsConfig,
  type InitFpsOptions,
  type OpenedFps,
} from './service/fps-service.js';
export {
  fpsInitCommand,
  fpsStartCommand,
  fpsRegisterOperatorCommand,
  fpsRegisterPosCommand,
  fpsRegisterFdmCommand,
  fpsRevokeFdmCommand,
  fpsSetVatRatesCommand,
  fpsAdminCommands,
  fpsCommands,
  type FpsCommand,
  type FpsAdminContext,
} from './cli/fps-commands.js';
export { startFpsService, type RunningFpsService, type FpsAdminWork } from './service/fps-runtime.js';
export {
  revokeFdm,
  fdmRevocation,
  revokedCertificates,
  type FdmRevocation,
  type RevocationProblem,
  type RevokedCertificate,
} from './revocation/fdm-revocations.js';
export {
  setVatRates,
  checkVatRateTable,
  vatRateSchedule,
  belgianDay,
  initialVatRateTable,
  settableVatLabels,
  type VatRateTable,
  type VatRateEntry,
  type VatRateProblem,
} from './vat/vat-rate-tables.js';

export { canonicalJson } from './signing/canonical-json.js';
export { canonicalSignedBytes, dataHashOf, SIGNED_BYTES_HEADER, ZERO_HASH } from './signing/signed-event.js';
export type { SignedEventFields } from './signing/signed-event.js';
export {
  signerFromPem,
  signEvent,
  shortSignatureOf,
  verifyEventSignature,
  verificationUrlOf,
} from './signing/event-signature.js';
export type { EventSigner } from './signing/event-signature.js';
export { EventMemory } from './memory/event-memory.js';
export type { MemoryDamage, MemoryOpenOptions, MemoryOpenReport } from './memory/event-memory.js';
export type { StoredEvent } from './memory/stored-event.js';
export { bytesPerTypicalSale } from './memory/typical-sale.js';
export { LocalTestCa, certificateSerialOf } from './ca/local-test-ca.js';
export type { CertificateAuthority } from './ca/local-test-ca.js';
export {
  initFdmState,
  loadFdmState,
  DEFAULT_CAPACITY_BYTES,
  DEFAULT_VERIFICATION_BASE_URL,
  FDM_SW_VERSION,
} from './state/fdm-state.js';
export type { FdmConfig, FdmState, InitFdmOptions } from './state/fdm-state.js';
export { ErrorLog, readErrorLog } from './state/error-log.js';
export type { ErrorLogEntry } from './state/error-log.js';
export { systemClock, ManualClock, MonotonicClock } from './engine/clock.js';
export type { Clock } from './engine/clock.js';
export { FdmEngine, messageItem } from './engine/fdm-engine.js';
export type { FdmEngineOptions, FdmErrorCode, FdmRefusal } from './engine/fdm-engine.js';
export { message } from './engine/messages.js';
export type { MessageKey } from './engine/messages.js';
export { createFdmYoga } from './api/fdm-yoga.js';
export type { FdmYoga, FdmExchange, FdmServerContext } from './api/fdm-yoga.js';
export { fdmSchemaSdl } from './api/schema.js';
export { defaultLimits } from './api/limits.js';
export type { RequestLimits } from './api/limits.js';
export { FaultController, injectableErrorCodes, noFaults } from './faults/fault-controller.js';
export type { FaultSettings, InjectableErrorCode, BufferFault } from './faults/fault-controller.js';
export { startFaultAdmin } from './faults/admin-server.js';
export type { FaultAdmin } from './faults/admin-server.js';
export { startFdmServer } from './server/fdm-server.js';
export type { FdmServerOptions, RunningFdm } from './server/fdm-server.js';
export { serveEngine } from './server/serve-engine.js';
export type { ServeOptions, ServedFdm, AdminOptions } from './server/serve-engine.js';
export {
  fdmInitCommand,
  fdmStartCommand,
  fdmStatusCommand,
  fdmDumpCommand,
  defaultFdmPort,
  stringArg,
  portArg,
  untilSignal,
  startServiceAdmin,
  runInService,
  SERVICE_ADMIN_FILE,
} from './cli/index.js';
export type {
  FdmCommand,
  CommandArgs,
  CommandIo,
  ServiceAdmin,
  AdminRunner,
  AdminValues,
} from './cli/index.js';
export { writeDump, DUMP_FILES } from './dump/write-dump.js';
export type { DumpOptions, DumpSummary } from './dump/write-dump.js';
export { parseFdmDer } from './dump/dump-period.js';
export type { DumpPeriod } from './dump/dump-period.js';
export { readDumpLog } from './dump/dump-log.js';
export type { DumpLogEntry } from './dump/dump-log.js';
export { startDemoFdm, demoFdmIdentity } from './server/demo-fdm.js';
export {
  encodeFrame,
  FrameReader,
  frameTypes,
  maxFrameBytes,
  uplinkProtocolVersion,
  encodeRequest,
  decodeRequest,
  encodeAnswer,
  decodeAnswer,
  encodeJson,
  decodeJson,
} from './uplink/uplink-protocol.js';
export type { Frame, FrameType, UplinkRequest, UplinkAnswer } from './uplink/uplink-protocol.js';
export { startFdmUplink, parseBridgeUrl } from './uplink/fdm-uplink.js';
export type { FdmUplink, FdmUplinkOptions, UplinkEvent, UplinkStatus } from './uplink/fdm-uplink.js';
export { createLocalExchange } from './uplink/local-exchange.js';
export type { LocalExchange, LocalOutcome } from './uplink/local-exchange.js';
export type { BridgeUplinkOptions } from './uplink/bridge-uplink.js';
export * from './upload/index.js';
export * from './periodic/index.js';
export * from './parameters/index.js';
export {
  CA_CERT_FILE,
  CA_KEY_FILE,
  createCaRoot,
  issueLeafCertificate,
  loadCaRoot,
  serverCertificateExtensions,
  signingAlgorithm,
  x509Crypto,
  type CaRoot,
} from './ca/ca-root.js';
export * from './certificate/index.js';

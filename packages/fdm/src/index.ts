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

export type {
  FdmError,
  FdmRefusal,
  FdmRefusalDetail,
  TransportFailure,
  TransportFailureReason,
} from './errors/fdm-error.js';
export { transportFailureReasons, graphqlErrorCode } from './errors/fdm-error.js';
export type { OperationDocument } from './operations/documents.js';
export {
  signDocuments,
  signResultSelection,
  statusDocument,
  statusInLanguageDocument,
  deviceDocument,
} from './operations/documents.js';
export type { PreparedSignRequest } from './request/prepared-request.js';
export { prepareSignRequest, preparedSignRequestFromBytes } from './request/prepared-request.js';
export { duplicateRequestCode } from './response/read-answer.js';
export type {
  FdmTransport,
  HttpAnswer,
  TransportConfig,
  LanTransportConfig,
  BridgeTransportConfig,
  BridgeEndUser,
} from './transport/http-transport.js';
export {
  createTransport,
  defaultTimeoutMs,
  fdmIdHeader,
  endUserHeaders,
} from './transport/http-transport.js';
export type { FdmClientConfig, ResendPolicy, SignOptions, SignOutcome } from './client/fdm-client.js';
export { FdmClient, defaultResendPolicy } from './client/fdm-client.js';

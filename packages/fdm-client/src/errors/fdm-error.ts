/**
 * What can go wrong when a POS talks to an FDM, as values. Two families: the FDM (or a bridge
 * in front of it) answered with a GraphQL error, or no usable answer came back at all.
 */

/** The FDM or the bridge refused the request with a GraphQL error. */
export interface FdmRefusal {
  readonly kind: 'fdm';
  /**
   * `extensions.code` of the first error (INVALID_REQUEST, UNKNOWN_POS, BUFFER_FULL, ...);
   * `GRAPHQL_ERROR` when the error carries no code (a syntax or schema validation error).
   */
  readonly code: string;
  /** The SUBCODE entry of `extensions.data`, e.g. TOTAL_MISMATCH. */
  readonly subCode?: string;
  /** The offending field: the FIELD entry of `extensions.data`, else the error's `path`. */
  readonly field?: string;
  /** The FDM's message, localised by the FDM. */
  readonly message: string;
  /** True when sending the same bytes again may succeed (a bridge timeout, an FDM glitch). */
  readonly retryable: boolean;
  /** Further errors of the same answer (an FDM may list every finding of one request). */
  readonly more?: readonly FdmRefusalDetail[];
}

export interface FdmRefusalDetail {
  readonly code: string;
  readonly subCode?: string;
  readonly field?: string;
  readonly message: string;
}

export const transportFailureReasons = ['TIMEOUT', 'CONNECTION', 'HTTP_STATUS', 'BAD_RESPONSE'] as const;
export type TransportFailureReason = (typeof transportFailureReasons)[number];

/** No GraphQL answer: the request timed out, the connection failed, or the answer was not GraphQL. */
export interface TransportFailure {
  readonly kind: 'transport';
  readonly reason: TransportFailureReason;
  readonly message: string;
  /** False for failures that no resend can fix: a certificate the client does not trust, HTTP 401. */
  readonly retryable: boolean;
  /** HTTP status, when an answer arrived. */
  readonly status?: number;
  /** Node's error code (ECONNREFUSED, ECONNRESET, ERR_TLS_CERT_ALTNAME_INVALID, ...). */
  readonly errorCode?: string;
}

export type FdmError = FdmRefusal | TransportFailure;

/** Code given to GraphQL errors without `extensions.code`: the document or variables were rejected. */
export const graphqlErrorCode = 'GRAPHQL_ERROR';

/**
 * Codes after which the same bytes may be sent again. TIMEOUT and FDM_NOT_CONNECTED come from a
 * bridge: the FDM may or may not have signed, and only a resend can tell (the FDM answers a
 * repeat with the original result). Everything else (INVALID_REQUEST, UNKNOWN_POS, BUFFER_FULL,
 * FDM_LOCKED, UNAUTHORIZED, ...) gives the same answer however often it is asked.
 */
const retryableCodes: ReadonlySet<string> = new Set(['TIMEOUT', 'FDM_NOT_CONNECTED', 'INTERNAL_ERROR']);

export const isRetryableFdmCode = (code: string): boolean => retryableCodes.has(code);

/** HTTP statuses that describe a passing condition (overload, gateway trouble) rather than a refusal. */
export const isRetryableHttpStatus = (status: number): boolean =>
  status >= 500 || status === 408 || status === 429;

/** Node error codes of TLS verification: a configuration problem, not a network hiccup. */
const tlsVerificationCodes: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
]);

export const isRetryableConnectionError = (errorCode: string | undefined): boolean =>
  errorCode === undefined || !tlsVerificationCodes.has(errorCode);

import type { Device, MessageItem, Result, SignResult, Status } from '@gks/core';
import { err, ok } from '@gks/core';
import type { FdmError, FdmRefusal, FdmRefusalDetail, TransportFailure } from '../errors/fdm-error.js';
import { graphqlErrorCode, isRetryableFdmCode, isRetryableHttpStatus } from '../errors/fdm-error.js';
import type { HttpAnswer } from '../transport/http-transport.js';

/** The code an FDM puts on a repeat of a request it already signed. */
export const duplicateRequestCode = 'DUPLICATE_REQUEST';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const badResponse = (message: string, status: number): TransportFailure => ({
  kind: 'transport',
  reason: 'BAD_RESPONSE',
  message,
  status,
  // The FDM may have signed before its answer got mangled; resending the same bytes is safe.
  retryable: true,
});

const dataEntry = (extensions: Record<string, unknown>, name: string): string | undefined => {
  const data = extensions['data'];
  if (!Array.isArray(data)) return undefined;
  for (const item of data) {
    if (isRecord(item) && typeof item['name'] === 'string' && item['name'].toUpperCase() === name) {
      const value = item['value'];
      return typeof value === 'string' ? value : undefined;
    }
  }
  return undefined;
};

const detailOf = (error: unknown): FdmRefusalDetail => {
  const record = isRecord(error) ? error : {};
  const extensions = isRecord(record['extensions']) ? record['extensions'] : {};
  const code =
    typeof extensions['code'] === 'string' && extensions['code'] !== ''
      ? extensions['code']
      : graphqlErrorCode;
  const subCode = dataEntry(extensions, 'SUBCODE');
  const path = Array.isArray(record['path']) ? record['path'].map(String).join('.') : undefined;
  const field = dataEntry(extensions, 'FIELD') ?? path;
  return {
    code,
    ...(subCode !== undefined ? { subCode } : {}),
    ...(field !== undefined && field !== '' ? { field } : {}),
    message: typeof record['message'] === 'string' ? record['message'] : '(no message)',
  };
};

/** The first error decides; the others travel along for a POS that lists every finding. */
const refusalFrom = (errors: readonly unknown[]): FdmRefusal => {
  const [first, ...others] = errors.map(detailOf);
  const primary = first ?? { code: graphqlErrorCode, message: '(no message)' };
  return {
    kind: 'fdm',
    ...primary,
    retryable: isRetryableFdmCode(primary.code),
    ...(others.length > 0 ? { more: others } : {}),
  };
};

interface GraphQLEnvelope {
  readonly field: unknown;
  readonly errors: readonly unknown[];
}

/**
 * Reads an HTTP answer as a GraphQL response for `fieldName`. GraphQL errors count even on a
 * non-2xx status (some servers answer validation errors with 400): they say more than the status.
 */
const readEnvelope = (answer: HttpAnswer, fieldName: string): Result<GraphQLEnvelope, FdmError> => {
  const text = answer.body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed) || !('data' in parsed || 'errors' in parsed)) {
    if (answer.status < 200 || answer.status >= 300) {
      return err({
        kind: 'transport',
        reason: 'HTTP_STATUS',
        message: `HTTP ${answer.status}: ${text.slice(0, 200)}`,
        status: answer.status,
        retryable: isRetryableHttpStatus(answer.status),
      });
    }
    return err(badResponse(`answer is not a GraphQL response: ${text.slice(0, 200)}`, answer.status));
  }
  const data = parsed['data'];
  const errors = Array.isArray(parsed['errors']) ? parsed['errors'] : [];
  return ok({ field: isRecord(data) ? data[fieldName] : undefined, errors });
};

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The fields a POS relies on to print and to reference the event later; the rest are passed through. */
const looksLikeSignResult = (value: unknown): value is SignResult => {
  if (!isRecord(value)) return false;
  const fdmRef = value['fdmRef'];
  return (
    isString(value['posId']) &&
    isNumber(value['posFiscalTicketNo']) &&
    isString(value['posDateTime']) &&
    isString(value['eventOperation']) &&
    isString(value['digitalSignature']) &&
    isRecord(fdmRef) &&
    isString(fdmRef['fdmId']) &&
    isString(fdmRef['fdmDateTime']) &&
    isString(fdmRef['eventLabel']) &&
    isNumber(fdmRef['eventCounter']) &&
    isNumber(fdmRef['totalCounter'])
  );
};

const looksLikeDevice = (value: unknown): value is Device =>
  isRecord(value) && isString(value['fdmId']) && isString(value['fdmDateTime']);

const looksLikeStatus = (value: unknown): value is Status =>
  isRecord(value) && looksLikeDevice(value['device']) && typeof value['initialized'] === 'boolean';

const hasCode = (item: unknown, code: string): boolean =>
  isRecord(item) && isRecord(item['extensions']) && item['extensions']['code'] === code;

export interface SignAnswer {
  readonly result: SignResult;
  /** Warnings and informations the POS must show (showPos MANDATORY), warnings first. */
  readonly mandatoryMessages: readonly MessageItem[];
  /** The FDM recognised a repeat of a request it had already signed and returned that event. */
  readonly duplicate: boolean;
}

export const mandatoryMessagesOf = (result: SignResult): MessageItem[] =>
  [...(result.warnings ?? []), ...(result.informations ?? [])].filter(
    (message) => message.extensions?.showPos === 'MANDATORY',
  );

export const readSignAnswer = (answer: HttpAnswer, mutation: string): Result<SignAnswer, FdmError> => {
  const envelope = readEnvelope(answer, mutation);
  if (!envelope.ok) return envelope;
  const { field, errors } = envelope.value;
  if (field === undefined || field === null) {
    if (errors.length === 0) {
      return err(badResponse(`answer has neither data.${mutation} nor errors`, answer.status));
    }
    return err(refusalFrom(errors));
  }
  if (!looksLikeSignResult(field))
    return err(badResponse(`data.${mutation} is not a SignResult`, answer.status));
  // Some FDMs send null lists; the type promises an array to print.
  const result: SignResult = Array.isArray(field.footer) ? field : { ...field, footer: [] };
  const duplicate =
    (result.warnings ?? []).some((w) => hasCode(w, duplicateRequestCode)) ||
    (result.informations ?? []).some((i) => hasCode(i, duplicateRequestCode)) ||
    errors.some((e) => hasCode(e, duplicateRequestCode));
  return ok({ result, mandatoryMessages: mandatoryMessagesOf(result), duplicate });
};

const readQueryAnswer = <T>(
  answer: HttpAnswer,
  fieldName: string,
  looksRight: (value: unknown) => value is T,
): Result<T, FdmError> => {
  const envelope = readEnvelope(answer, fieldName);
  if (!envelope.ok) return envelope;
  const { field, errors } = envelope.value;
  if (field === undefined || field === null) {
    if (errors.length === 0) {
      return err(badResponse(`answer has neither data.${fieldName} nor errors`, answer.status));
    }
    return err(refusalFrom(errors));
  }
  if (!looksRight(field)) return err(badResponse(`data.${fieldName} has an unexpected shape`, answer.status));
  return ok(field);
};

export const readStatusAnswer = (answer: HttpAnswer): Result<Status, FdmError> =>
  readQueryAnswer(answer, 'status', looksLikeStatus);

export const readDeviceAnswer = (answer: HttpAnswer): Result<Device, FdmError> =>
  readQueryAnswer(answer, 'device', looksLikeDevice);

import type { Language, Result, SignMutation, SignMutationInputs } from '@gks/core';
import { err, languageValues, ok } from '@gks/core';
import type { OperationDocument } from '../operations/documents.js';
import { mutationByOperationName, signDocuments } from '../operations/documents.js';

/**
 * A sign request serialised once. The bytes are what goes on the wire, on the first attempt and
 * on every resend, so the FDM sees the same posFiscalTicketNo and posDateTime each time and can
 * recognise a repeat. A POS stores `body` in its outbox before sending.
 */
export interface PreparedSignRequest {
  readonly mutation: SignMutation;
  readonly operationName: string;
  readonly isTraining: boolean;
  /** Messages come back in this language; also sent as Accept-Language. */
  readonly language: Language | undefined;
  /** UTF-8 JSON `{query, variables, operationName}`. */
  readonly body: Uint8Array;
}

/** A query (status, device): no event, so nothing to keep, but the same send path. */
export interface PreparedQuery {
  readonly operationName: string;
  readonly language: Language | undefined;
  readonly body: Uint8Array;
}

/**
 * JSON.stringify turns NaN and Infinity into null without a word, which would reach the FDM as a
 * different amount than the POS meant; such a value is a bug in the caller, so it throws.
 */
const assertJsonSafe = (value: unknown, path: string): void => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`FDM request: ${path} is ${value}, not a finite number`);
    return;
  }
  if (typeof value === 'bigint') throw new TypeError(`FDM request: ${path} is a bigint`);
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertJsonSafe(item, `${path}[${i}]`));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) assertJsonSafe(item, `${path}.${key}`);
  }
};

const encodeBody = (document: OperationDocument, variables: Record<string, unknown>): Uint8Array =>
  Buffer.from(
    JSON.stringify({ query: document.query, variables, operationName: document.operationName }),
    'utf8',
  );

export const prepareSignRequest = <M extends SignMutation>(
  mutation: M,
  data: SignMutationInputs[M],
  isTraining: boolean,
): PreparedSignRequest => {
  assertJsonSafe(data, 'data');
  const document = signDocuments[mutation];
  return {
    mutation,
    operationName: document.operationName,
    isTraining,
    language: data.language,
    body: encodeBody(document, { data, isTraining }),
  };
};

export const prepareQuery = (
  document: OperationDocument,
  variables: Record<string, unknown>,
  language?: Language,
): PreparedQuery => ({
  operationName: document.operationName,
  language,
  body: encodeBody(document, variables),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languageValues as readonly string[]).includes(value);

/**
 * Rebuilds a prepared request from bytes stored in an outbox (after a crash), keeping the bytes
 * exactly as stored. The document may come from an older client version: only its operation name
 * has to be one of the 15 sign operations.
 */
export const preparedSignRequestFromBytes = (body: Uint8Array): Result<PreparedSignRequest, string> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return err('stored request is not JSON');
  }
  if (!isRecord(parsed)) return err('stored request is not a JSON object');
  const { query, operationName, variables } = parsed;
  if (typeof query !== 'string') return err('stored request has no query');
  if (typeof operationName !== 'string') return err('stored request has no operationName');
  const mutation = mutationByOperationName.get(operationName);
  if (mutation === undefined)
    return err(`stored request's operation ${operationName} is not a sign mutation`);
  if (!isRecord(variables) || !isRecord(variables['data']))
    return err('stored request has no variables.data');
  const isTraining = variables['isTraining'];
  if (typeof isTraining !== 'boolean') return err('stored request has no boolean variables.isTraining');
  const language = variables['data']['language'];
  return ok({
    mutation,
    operationName,
    isTraining,
    language: isLanguage(language) ? language : undefined,
    body: Uint8Array.from(body),
  });
};

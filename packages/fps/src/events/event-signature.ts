import { verify, type KeyObject } from 'node:crypto';
import {
  dataHashOf as dataHashOrUndefined,
  readSignedFields as readFields,
  shortSignatureOf as shortSignatureOfBytes,
  signedBytes,
  type SignedFields,
} from '@gks/audit';

export type { SignedFields };

/**
 * The event formats are read with the verifier's code (@gks/audit), written from the published
 * description and not from the FDM's: the tax administration checks the FDM's work with its own
 * implementation. What the upload adds: its messages, and no members beyond the 14 signed ones.
 */
const SIGNED_FIELD_COUNT = 14;

/** The fields checked and typed, or why not: uploads are untrusted input. */
export function readSignedFields(value: unknown): SignedFields | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'fields is not an object';
  const read = readFields(value);
  if ('badField' in read) return `fields.${read.badField} is missing or not of its signed type`;
  if (Object.keys(value).length !== SIGNED_FIELD_COUNT) return 'fields has members that are not signed';
  return read.fields;
}

/** Hex SHA-256 of the request's canonical JSON; throws when the request is not JSON data. */
export function dataHashOf(request: unknown): string {
  const hash = dataHashOrUndefined(request);
  if (hash === undefined) throw new TypeError('the request is not JSON data');
  return hash;
}

/** First 40 lower-case hex digits of SHA-256 over the 64 signature bytes. */
export function shortSignatureOf(digitalSignature: string): string {
  return shortSignatureOfBytes(Buffer.from(digitalSignature, 'base64'));
}

/** False for any wrong, malformed or foreign signature; never throws on bad input. */
export function signatureHolds(
  publicKey: KeyObject,
  fields: SignedFields,
  digitalSignature: string,
): boolean {
  if (!/^[A-Za-z0-9+/]{86}==$/.test(digitalSignature)) return false;
  const signature = Buffer.from(digitalSignature, 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify('sha256', signedBytes(fields), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

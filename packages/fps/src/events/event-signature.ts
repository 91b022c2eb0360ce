import { createHash, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The 14 signed fields of an event (the FDM README's "The signed bytes"). */
export interface SignedFields {
  fdmId: string;
  fdmDateTime: string;
  eventLabel: string;
  eventCounter: number;
  totalCounter: number;
  eventOperation: string;
  isTraining: boolean;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  terminalId: string;
  deviceId: string;
  dataHash: string;
  prevHash: string;
}

type Kind = 'string' | 'integer' | 'boolean' | 'hash';

const order: readonly (readonly [keyof SignedFields, Kind])[] = [
  ['fdmId', 'string'],
  ['fdmDateTime', 'string'],
  ['eventLabel', 'string'],
  ['eventCounter', 'integer'],
  ['totalCounter', 'integer'],
  ['eventOperation', 'string'],
  ['isTraining', 'boolean'],
  ['posId', 'string'],
  ['posFiscalTicketNo', 'integer'],
  ['posDateTime', 'string'],
  ['terminalId', 'string'],
  ['deviceId', 'string'],
  ['dataHash', 'hash'],
  ['prevHash', 'hash'],
];

const HEADER = 'GKS-FDM-EVENT-SIGNATURE/1';

/** The fields checked and typed, or why not: uploads are untrusted input. */
export function readSignedFields(value: unknown): SignedFields | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'fields is not an object';
  const record = value as Record<string, unknown>;
  for (const [name, kind] of order) {
    const v = record[name];
    const fine =
      kind === 'string'
        ? typeof v === 'string'
        : kind === 'integer'
          ? Number.isSafeInteger(v) && (v as number) >= 0
          : kind === 'boolean'
            ? typeof v === 'boolean'
            : typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
    if (!fine) return `fields.${name} is missing or not a${kind === 'integer' ? 'n' : ''} ${kind}`;
  }
  if (Object.keys(record).length !== order.length) return 'fields has members that are not signed';
  return record as unknown as SignedFields;
}

/** The UTF-8 bytes the FDM signs. */
export function signedBytes(fields: SignedFields): Buffer {
  const lines = [HEADER];
  for (const [name, kind] of order) {
    const v = fields[name];
    lines.push(`${name}=${kind === 'string' ? JSON.stringify(v) : String(v)}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

export function dataHashOf(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request), 'utf8').digest('hex');
}

/** First 40 lower-case hex digits of SHA-256 over the 64 signature bytes. */
export function shortSignatureOf(digitalSignature: string): string {
  return createHash('sha256').update(Buffer.from(digitalSignature, 'base64')).digest('hex').slice(0, 40);
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

import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * The FDM's signed event fields and the byte string its signature covers, re-implemented from
 * the published description (fdm README "Signature format"; fdm-v2-notes "Signature").
 */
export interface SignedFields {
  readonly fdmId: string;
  readonly fdmDateTime: string;
  readonly eventLabel: string;
  readonly eventCounter: number;
  readonly totalCounter: number;
  readonly eventOperation: string;
  readonly isTraining: boolean;
  readonly posId: string;
  readonly posFiscalTicketNo: number;
  readonly posDateTime: string;
  readonly terminalId: string;
  readonly deviceId: string;
  readonly dataHash: string;
  readonly prevHash: string;
}

type Kind = 'string' | 'integer' | 'boolean' | 'hash';

const layout: readonly (readonly [keyof SignedFields, Kind])[] = [
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

/** 64 lowercase hex digits (a loop: it runs twice for every event). */
function isHashHex(v: unknown): boolean {
  if (typeof v !== 'string' || v.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}
export const ZERO_HASH_HEX = '0'.repeat(64);

/** The fields of a parsed object when every one has its type, else the first one that does not. */
export function readSignedFields(value: unknown): { fields: SignedFields } | { badField: string } {
  if (typeof value !== 'object' || value === null) return { badField: '(fields missing)' };
  const record = value as Record<string, unknown>;
  for (const [name, kind] of layout) {
    const v = record[name];
    const good =
      kind === 'string'
        ? typeof v === 'string'
        : kind === 'integer'
          ? typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
          : kind === 'boolean'
            ? typeof v === 'boolean'
            : isHashHex(v);
    if (!good) return { badField: name };
  }
  return { fields: value as SignedFields };
}

/** A version line, then `name=value` per field in fixed order, each line ending in LF. */
export function signedBytes(f: SignedFields): Buffer {
  let text = HEADER + '\n';
  for (const [name, kind] of layout) {
    const v = f[name];
    text += `${name}=${kind === 'string' ? JSON.stringify(v) : String(v)}\n`;
  }
  return Buffer.from(text, 'utf8');
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return hash('sha256', bytes);
}

/** Hex SHA-256 of the canonical JSON of a request, or undefined when it is not JSON data. */
export function dataHashOf(request: unknown): string | undefined {
  const text = canonicalJson(request);
  return text === undefined ? undefined : sha256Hex(text);
}

/** First 40 hex characters of SHA-256 over the 64 signature bytes. */
export function shortSignatureOf(signature: Uint8Array): string {
  return sha256Hex(signature).slice(0, 40);
}

import { hash } from 'node:crypto';
import type { EventLabel, EventOperation } from '@gks/core';
import { canonicalJson } from './canonical-json.js';

/** Everything the FDM's signature covers for one event (fdm-v2-notes, "Signature"). */
export interface SignedEventFields {
  fdmId: string;
  fdmDateTime: string;
  eventLabel: EventLabel;
  eventCounter: number;
  totalCounter: number;
  eventOperation: EventOperation;
  isTraining: boolean;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  terminalId: string;
  deviceId: string;
  /** Lower-case hex SHA-256 of canonicalJson(data), data being the mutation's input. */
  dataHash: string;
  /** Lower-case hex SHA-256 of the previous memory record's bytes; 64 '0' for the first event. */
  prevHash: string;
}

export const SIGNED_BYTES_HEADER = 'GKS-FDM-EVENT-SIGNATURE/1';
export const ZERO_HASH = '0'.repeat(64);

type FieldKind = 'string' | 'integer' | 'boolean' | 'hash';

/** The fixed field order of the signed byte string. Changing it means a new header version. */
const fieldOrder: readonly (readonly [keyof SignedEventFields, FieldKind])[] = [
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

const hexHash = /^[0-9a-f]{64}$/;

/**
 * The bytes the FDM signs: UTF-8 text, a version line, then one `name=value` line per field in
 * fixed order, every line ending in LF. Strings are written as JSON string literals so a value
 * can never contain a bare LF or be confused with another field; integers in decimal; booleans
 * `true`/`false`; hashes as 64 lower-case hex digits. Documented in the package README.
 * Values that cannot be represented are a bug in the caller (validation happens before) and throw.
 */
export function canonicalSignedBytes(f: SignedEventFields): Buffer {
  const lines = [SIGNED_BYTES_HEADER];
  for (const [name, kind] of fieldOrder) {
    lines.push(`${name}=${formatValue(name, kind, f[name])}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

function formatValue(name: string, kind: FieldKind, value: unknown): string {
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`signed field ${name} must be a string`);
      return JSON.stringify(value);
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw new TypeError(`signed field ${name} must be a non-negative safe integer`);
      }
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw new TypeError(`signed field ${name} must be a boolean`);
      return String(value);
    case 'hash':
      if (typeof value !== 'string' || !hexHash.test(value)) {
        throw new TypeError(`signed field ${name} must be 64 lower-case hex digits`);
      }
      return value;
  }
}

/** Hex SHA-256 of the canonical JSON of a mutation's `data`: the dataHash field. */
export function dataHashOf(data: unknown): string {
  return sha256Hex(canonicalJson(data));
}

/** Lower-case hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

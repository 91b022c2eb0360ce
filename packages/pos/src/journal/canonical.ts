import { createHash } from 'node:crypto';

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** Written into every hashed form, so a later format can never be mistaken for this one. */
export const journalFormat = 'gks-pos-journal/1';

/** The predecessor of entry 1. */
export const genesisHash: Uint8Array = new Uint8Array(32);

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers as
 * ECMAScript's JSON.stringify writes them (non-ASCII kept as UTF-8; `"`, `\` and control
 * characters escaped). Returns null for what JSON cannot carry exactly: non-finite numbers,
 * undefined, functions, and other non-plain values.
 */
export function canonicalJson(value: unknown): string | null {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : null;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value as unknown[]) {
      const text = canonicalJson(item);
      if (text === null) return null;
      items.push(text);
    }
    return `[${items.join(',')}]`;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const members: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const text = canonicalJson((value as Record<string, unknown>)[key]);
      if (text === null) return null;
      members.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${members.join(',')}}`;
  }
  return null;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The fields of a journal entry that its hash covers. */
export interface HashedEntryFields {
  readonly seq: number;
  readonly recordedAt: Date;
  readonly kind: string;
  readonly terminalId: string | null;
  readonly userId: string | null;
  /** The stored canonical JSON text of the data. */
  readonly data: string;
  readonly fdmMessage: Uint8Array | null;
  readonly prevHash: Uint8Array;
}

/**
 * The byte string an entry's hash is computed over: the UTF-8 of the JSON array
 * [format, seq, recordedAt (ISO 8601 UTC, milliseconds), kind, terminalId, userId, data text,
 *  lowercase hex SHA-256 of fdmMessage or null, lowercase hex prevHash].
 * Documented in the package README so an auditor can recompute it without this code.
 */
export function hashedForm(entry: HashedEntryFields): string {
  return JSON.stringify([
    journalFormat,
    entry.seq,
    entry.recordedAt.toISOString(),
    entry.kind,
    entry.terminalId,
    entry.userId,
    entry.data,
    entry.fdmMessage === null ? null : sha256(entry.fdmMessage).toString('hex'),
    Buffer.from(entry.prevHash).toString('hex'),
  ]);
}

export function entryHash(entry: HashedEntryFields): Uint8Array {
  return new Uint8Array(sha256(Buffer.from(hashedForm(entry), 'utf8')));
}

const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

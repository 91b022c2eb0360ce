import type { EventLabel, SignResult } from '@gks/core';
import { canonicalJson } from '../signing/canonical-json.js';
import { dataHashOf, sha256Hex } from '../signing/signed-event.js';
import type { SignedEventFields } from '../signing/signed-event.js';

/** One memory record's payload: exactly what the FDM signed and answered. */
export interface StoredEvent {
  /** What the signature covers, including prevHash, the counters and the fdmRef parts. */
  readonly fields: SignedEventFields;
  /** The mutation's `data` exactly as received (after GraphQL coercion). */
  readonly request: unknown;
  /** Exactly what was answered to the POS (without a DUPLICATE_REQUEST warning). */
  readonly result: SignResult;
}

/** The counters the chain must continue from; the memory's invariants, checked on append and on open. */
export interface ChainPosition {
  readonly count: number;
  readonly lastHash: string;
  readonly lastEventCounters: ReadonlyMap<EventLabel, number>;
}

/**
 * Why `event` cannot be the next record after `position`, or undefined when it can. Counters
 * are gap-free: totalCounter is the record's 1-based position, eventCounter goes up by one per
 * label. The answer's fdmRef must be the signed one.
 */
export function checkNextEvent(
  position: ChainPosition,
  event: StoredEvent,
  requestJson?: string,
): string | undefined {
  return checkNextFields(position, event.fields) ?? checkEventContent(event, requestJson);
}

/** The chain half of checkNextEvent: what the signed fields alone must satisfy. */
export function checkNextFields(position: ChainPosition, fields: SignedEventFields): string | undefined {
  const f = fields as Partial<SignedEventFields> | undefined;
  if (typeof f !== 'object' || f === null) return 'event has no signed fields';
  if (f.prevHash !== position.lastHash) return `prevHash ${String(f.prevHash)} is not the last record's hash`;
  if (f.totalCounter !== position.count + 1) {
    return `totalCounter ${String(f.totalCounter)} does not follow ${position.count}`;
  }
  const label = f.eventLabel as EventLabel;
  const expected = (position.lastEventCounters.get(label) ?? 0) + 1;
  if (f.eventCounter !== expected) {
    return `eventCounter ${String(f.eventCounter)} for label ${String(label)} is not ${expected}`;
  }
  return undefined;
}

/** The content half of checkNextEvent: the answer's fdmRef and the dataHash agree with the fields. */
export function checkEventContent(event: StoredEvent, requestJson?: string): string | undefined {
  const f = event.fields as Partial<SignedEventFields> | undefined;
  if (typeof f !== 'object' || f === null) return 'event has no signed fields';
  const ref = (event.result as Partial<SignResult> | undefined)?.fdmRef;
  if (
    !ref ||
    ref.fdmId !== f.fdmId ||
    ref.fdmDateTime !== f.fdmDateTime ||
    ref.eventLabel !== f.eventLabel ||
    ref.eventCounter !== f.eventCounter ||
    ref.totalCounter !== f.totalCounter
  ) {
    return "the answer's fdmRef differs from the signed fields";
  }
  const dataHash = requestJson === undefined ? dataHashOf(event.request) : sha256Hex(requestJson);
  if (f.dataHash !== dataHash) return 'dataHash is not the hash of the stored request';
  return undefined;
}

/**
 * Decodes a payload. `strict` (used when the memory opens) also insists on the canonical form,
 * so that any edit re-encoding differently is damage, and returns the request's canonical JSON
 * for the dataHash check. The canonical form of {fields, request, result} is the three members'
 * canonical forms in key order, which lets one pass serve both checks.
 */
export function decodeStoredEvent(
  payload: Buffer,
  strict = false,
): { event: StoredEvent; requestJson?: string } | { reason: string } {
  const text = payload.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { reason: 'payload is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { reason: 'payload is not an event object' };
  }
  const e = parsed as Record<string, unknown>;
  if (typeof e['fields'] !== 'object' || typeof e['result'] !== 'object' || !('request' in e)) {
    return { reason: 'payload lacks fields, request or result' };
  }
  if (!strict) return { event: parsed as StoredEvent };
  const requestJson = canonicalJson(e['request']);
  const canonical = `{"fields":${canonicalJson(e['fields'])},"request":${requestJson},"result":${canonicalJson(e['result'])}}`;
  if (Object.keys(e).length !== 3 || canonical !== text)
    return { reason: 'payload is not in canonical form' };
  return { event: parsed as StoredEvent, requestJson };
}

const FIELDS_PREFIX = Buffer.from('{"fields":{', 'utf8');
/** Canonical JSON sorts keys, and totalCounter is the last signed field in that order. */
const LAST_FIELD = Buffer.from(',"totalCounter":', 'utf8');
const fieldTypes: Readonly<Record<keyof SignedEventFields, 'string' | 'number' | 'boolean'>> = {
  dataHash: 'string',
  deviceId: 'string',
  eventCounter: 'number',
  eventLabel: 'string',
  eventOperation: 'string',
  fdmDateTime: 'string',
  fdmId: 'string',
  isTraining: 'boolean',
  posDateTime: 'string',
  posFiscalTicketNo: 'number',
  posId: 'string',
  prevHash: 'string',
  terminalId: 'string',
  totalCounter: 'number',
};
const fieldList = Object.entries(fieldTypes);

/**
 * The signed fields of a payload without decoding the rest (about a fifth of the bytes): in
 * canonical form the payload starts with `{"fields":{`, and the fields object ends at its
 * last member, `"totalCounter":<digits>}`. Inside a JSON string every `"` is escaped, so the
 * first `,"totalCounter":` is that member. Used when the memory opens; the request and the
 * answer are decoded (and checked) when read.
 */
export function decodeSignedFields(payload: Buffer): { fields: SignedEventFields } | { reason: string } {
  const notCanonical = { reason: 'payload is not in canonical form (it must start with the signed fields)' };
  if (
    payload.length < FIELDS_PREFIX.length ||
    payload.compare(FIELDS_PREFIX, 0, FIELDS_PREFIX.length, 0, FIELDS_PREFIX.length) !== 0
  ) {
    return notCanonical;
  }
  const last = payload.indexOf(LAST_FIELD, FIELDS_PREFIX.length);
  if (last < 0) return notCanonical;
  let end = last + LAST_FIELD.length;
  while (end < payload.length && (payload[end] as number) >= 0x30 && (payload[end] as number) <= 0x39) end++;
  if (payload[end] !== 0x7d /* } */) return notCanonical;
  let fields: unknown;
  try {
    fields = JSON.parse(payload.toString('utf8', FIELDS_PREFIX.length - 1, end + 1));
  } catch {
    return { reason: 'payload is not JSON' };
  }
  const f = fields as Record<string, unknown>;
  let count = 0;
  for (const name in f) if (Object.hasOwn(f, name)) count++;
  if (count !== fieldList.length) return { reason: 'the signed fields are not the 14 expected' };
  for (const [name, type] of fieldList) {
    if (typeof f[name] !== type) return { reason: `signed field ${name} is not a ${type}` };
  }
  return { fields: fields as SignedEventFields };
}

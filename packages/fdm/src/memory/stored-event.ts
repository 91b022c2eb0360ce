import { createHash } from 'node:crypto';
import type { EventLabel, SignResult } from '@gks/core';
import { canonicalJson } from '../signing/canonical-json.js';
import { dataHashOf } from '../signing/signed-event.js';
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
  const f = event.fields as Partial<SignedEventFields> | undefined;
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
  const dataHash =
    requestJson === undefined
      ? dataHashOf(event.request)
      : createHash('sha256').update(requestJson, 'utf8').digest('hex');
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

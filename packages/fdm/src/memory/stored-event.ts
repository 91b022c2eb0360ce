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
export function checkNextEvent(position: ChainPosition, event: StoredEvent): string | undefined {
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
  if (f.dataHash !== dataHashOf(event.request)) return 'dataHash is not the hash of the stored request';
  return undefined;
}

/** Decodes a payload, insisting on its canonical form: any edit that re-encodes differently is damage. */
export function decodeStoredEvent(payload: Buffer): { event: StoredEvent } | { reason: string } {
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
  if (canonicalJson(parsed) !== text || !Buffer.from(text, 'utf8').equals(payload)) {
    return { reason: 'payload is not in canonical form' };
  }
  const e = parsed as Record<string, unknown>;
  if (typeof e['fields'] !== 'object' || typeof e['result'] !== 'object' || !('request' in e)) {
    return { reason: 'payload lacks fields, request or result' };
  }
  return { event: parsed as StoredEvent };
}

import type { EventLabel } from '@gks/core';
import type { SignedEventFields } from '../signing/signed-event.js';
import { DuplicateIndex } from './duplicate-index.js';

/** The duplicate key of fdm-v2-notes: (posId, posDateTime, terminalId, eventLabel, posFiscalTicketNo). */
export function duplicateKeyOf(f: {
  posId: string;
  posDateTime: string;
  terminalId: string;
  eventLabel: EventLabel;
  posFiscalTicketNo: number;
}): string {
  return JSON.stringify([f.posId, f.posDateTime, f.terminalId, f.eventLabel, f.posFiscalTicketNo]);
}

export interface KeyEntry {
  readonly dataHash: string;
  readonly index: number;
}

/**
 * What the engine rebuilds from the stored events: counters, the clock floor, the duplicate
 * index and the newest keys exactly. Fed record by record, oldest first: by the memory while it
 * opens (EventMemory.open's onRecord, one pass over the file) or by the engine reading it.
 */
export class EngineSeed {
  readonly counters = new Map<EventLabel, number>();
  readonly keyIndex = new DuplicateIndex();
  records = 0;
  totalCounter = 0;
  /** The newest keys in a ring (no allocation per record): slot = index % recentKept. */
  readonly #recentKeys: string[] = [];
  readonly #recentEntries: KeyEntry[] = [];
  /** fdmDateTime is always written `YYYY-MM-DDTHH:MM:SSZ` (UTC), so the text order is the time order. */
  #latest = '';

  constructor(readonly recentKept: number) {}

  /** Takes the next stored event (an arrow function, so it can be handed over as it is). */
  readonly add = (index: number, f: SignedEventFields): void => {
    this.records++;
    const counter = this.counters.get(f.eventLabel);
    if (counter === undefined || f.eventCounter > counter) this.counters.set(f.eventLabel, f.eventCounter);
    if (f.totalCounter > this.totalCounter) this.totalCounter = f.totalCounter;
    const key = duplicateKeyOf(f);
    this.keyIndex.add(key, index);
    const slot = index % this.recentKept;
    this.#recentKeys[slot] = key;
    this.#recentEntries[slot] = { dataHash: f.dataHash, index };
    if (f.fdmDateTime > this.#latest) this.#latest = f.fdmDateTime;
  };

  /** The clock floor: the newest fdmDateTime stored, if any parses. */
  get floor(): Date | undefined {
    if (this.#latest === '') return undefined;
    const t = new Date(this.#latest);
    return Number.isNaN(t.getTime()) ? undefined : t;
  }

  /** The newest `recentKept` keys, oldest first. */
  recentKeys(): [string, KeyEntry][] {
    const out: [string, KeyEntry][] = [];
    for (const [slot, entry] of this.#recentEntries.entries()) {
      const key = this.#recentKeys[slot];
      if (entry && key !== undefined) out.push([key, entry]);
    }
    return out.sort((a, b) => a[1].index - b[1].index);
  }
}

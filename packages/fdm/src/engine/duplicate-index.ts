import { randomBytes } from 'node:crypto';

/**
 * Which records may hold a duplicate key, for every event in the memory, in 12 bytes a slot:
 * a 64-bit fingerprint of the key and the record's index, in an open-addressing table of typed
 * arrays (no object per event for the garbage collector to walk). A fingerprint match only
 * names candidates: the engine confirms each against the record itself, so a collision costs
 * a read, never a wrong answer. The seeds are random per process, so no POS can aim for
 * collisions.
 */
export class DuplicateIndex {
  /** Per slot: fingerprint high, fingerprint low, record index + 1 (0: empty). */
  #slots: Uint32Array;
  #mask: number;
  #size = 0;
  readonly #seedHigh: number;
  readonly #seedLow: number;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.#slots = new Uint32Array(capacity * 3);
    this.#mask = capacity - 1;
    const seeds = randomBytes(8);
    this.#seedHigh = seeds.readUInt32BE(0);
    this.#seedLow = seeds.readUInt32BE(4);
  }

  get size(): number {
    return this.#size;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.#slots.byteLength;
  }

  add(key: string, recordIndex: number): void {
    if (!Number.isInteger(recordIndex) || recordIndex < 0 || recordIndex >= 0xffffffff) {
      throw new RangeError(`record index ${recordIndex} out of range`);
    }
    if ((this.#size + 1) * 2 > this.#mask + 1) this.#grow();
    this.#insert(hash(key, this.#seedHigh), hash(key, this.#seedLow), recordIndex + 1);
    this.#size++;
  }

  /** Indexes of the records whose key may be `key`, oldest first. */
  candidates(key: string): number[] {
    const high = hash(key, this.#seedHigh);
    const low = hash(key, this.#seedLow);
    const found: number[] = [];
    const slots = this.#slots;
    for (let slot = low & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const at = slot * 3;
      const stored = slots[at + 2] as number;
      if (stored === 0) break;
      if (slots[at] === high && slots[at + 1] === low) found.push(stored - 1);
    }
    return found.sort((a, b) => a - b);
  }

  #insert(high: number, low: number, storedIndex: number): void {
    const slots = this.#slots;
    let slot = low & this.#mask;
    while ((slots[slot * 3 + 2] as number) !== 0) slot = (slot + 1) & this.#mask;
    slots[slot * 3] = high;
    slots[slot * 3 + 1] = low;
    slots[slot * 3 + 2] = storedIndex;
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Uint32Array(old.length * 2);
    this.#mask = (this.#mask + 1) * 2 - 1;
    for (let at = 0; at < old.length; at += 3) {
      const stored = old[at + 2] as number;
      if (stored !== 0) this.#insert(old[at] as number, old[at + 1] as number, stored);
    }
  }
}

/** A seeded 32-bit hash of a string's UTF-16 code units (murmur3-style mixing and finalizer). */
function hash(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  h ^= text.length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

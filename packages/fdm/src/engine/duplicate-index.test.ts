import { describe, expect, it } from 'vitest';
import { DuplicateIndex } from './duplicate-index.js';

const keyOf = (i: number) => JSON.stringify(['CPOS0031234567', `2025-03-14T19:42:${i}+01:00`, 'BAR', 'N', i]);

describe('DuplicateIndex', () => {
  it('names every record added under a key, oldest first, across growth', () => {
    const index = new DuplicateIndex(0);
    for (let i = 0; i < 50_000; i++) index.add(keyOf(i), i);
    index.add(keyOf(7), 50_000); // the engine never does this, but the table must not lose either
    expect(index.size).toBe(50_001);
    for (let i = 0; i < 50_000; i += 997) expect(index.candidates(keyOf(i))).toContain(i);
    expect(index.candidates(keyOf(7))).toEqual([7, 50_000]);
  });

  it('names (almost) nothing for keys never added: 64-bit fingerprints', () => {
    const index = new DuplicateIndex(50_000);
    for (let i = 0; i < 50_000; i++) index.add(keyOf(i), i);
    let matches = 0;
    for (let i = 50_000; i < 100_000; i++) matches += index.candidates(keyOf(i)).length;
    expect(matches).toBe(0);
    expect(index.candidates('')).toEqual([]);
  });

  it('holds a record in 12-byte slots kept between a quarter and half full: at most 48 bytes', () => {
    const index = new DuplicateIndex(0);
    for (let i = 0; i < 100_000; i++) index.add(keyOf(i), i);
    expect(index.bytes / index.size).toBeLessThanOrEqual(48);
  });

  it('refuses indexes it cannot store', () => {
    const index = new DuplicateIndex();
    expect(() => index.add('k', -1)).toThrow(RangeError);
    expect(() => index.add('k', 1.5)).toThrow(RangeError);
    expect(() => index.add('k', 2 ** 32)).toThrow(RangeError);
  });
});

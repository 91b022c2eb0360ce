import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, entryHash, genesisHash, hashedForm, type HashedEntryFields } from './canonical.js';

const entry: HashedEntryFields = {
  seq: 1,
  recordedAt: new Date('2026-03-01T10:15:30.123Z'),
  kind: 'login',
  terminalId: 'T1',
  userId: 'u-7',
  data: '{"alias":"Ann"}',
  fdmMessage: null,
  prevHash: genesisHash,
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'é' } })).toBe(
      '{"a":{"c":"é","d":[true,null]},"b":1}',
    );
  });

  it('gives the same text for the same value whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
      }),
    );
  });

  it('is a fixed point: parsing and re-canonicalising changes nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(text).not.toBeNull();
        expect(canonicalJson(JSON.parse(text ?? 'null'))).toBe(text);
      }),
    );
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['undefined', undefined],
    ['a function', () => 1],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a bigint', 1n],
    ['a nested undefined', { a: [1, undefined] }],
    ['a nested NaN', { a: { b: Number.NaN } }],
  ])('refuses %s', (_name, value) => {
    expect(canonicalJson(value)).toBeNull();
  });
});

describe('entry hash', () => {
  it('matches a fixed vector, so the documented form cannot drift silently', () => {
    expect(hashedForm(entry)).toBe(
      '["gks-pos-journal/1",1,"2026-03-01T10:15:30.123Z","login","T1","u-7","{\\"alias\\":\\"Ann\\"}",null,"' +
        '0'.repeat(64) +
        '"]',
    );
    // SHA-256 of the UTF-8 of the form above, computed independently of this module
    expect(Buffer.from(entryHash(entry)).toString('hex')).toBe(
      'c3451f3cf4ca1620f82a9fc03341a64f849af520a3e1a62f2a7a966b6510505c',
    );
  });

  it.each<[string, Partial<HashedEntryFields>]>([
    ['seq', { seq: 2 }],
    ['time', { recordedAt: new Date('2026-03-01T10:15:30.124Z') }],
    ['kind', { kind: 'logout' }],
    ['terminal', { terminalId: 'T2' }],
    ['terminal null', { terminalId: null }],
    ['user', { userId: 'u-8' }],
    ['data', { data: '{"alias":"Anne"}' }],
    ['fdm message added', { fdmMessage: new Uint8Array([1]) }],
    ['previous hash', { prevHash: new Uint8Array(32).fill(1) }],
  ])('changes when the %s changes', (_name, change) => {
    expect(Buffer.from(entryHash({ ...entry, ...change }))).not.toEqual(Buffer.from(entryHash(entry)));
  });

  it('changes when one byte of the FDM message changes', () => {
    const a = entryHash({ ...entry, fdmMessage: new TextEncoder().encode('{"query":"a"}') });
    const b = entryHash({ ...entry, fdmMessage: new TextEncoder().encode('{"query":"b"}') });
    expect(Buffer.from(a)).not.toEqual(Buffer.from(b));
  });
});

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pluHash, pluRecord, type PluLine } from './plu-hash.js';

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

// gks1-protocol §7.3 "hash order 1" (C-37 example 1), as the POS would hold the lines.
const example1: PluLine[] = [
  { quantity: 3, description: 'Soda LIGHT 33 CL.', priceCents: 660, vat: 'A' },
  { quantity: 2, description: 'Spaghetti Bolognaise (KLEIN)', priceCents: 1000, vat: 'B' },
  { quantity: 0.527, unit: 'kg', description: 'Salad Bar (kg)', priceCents: 853, vat: 'B' },
  { quantity: 1, description: 'Steak Haché', priceCents: 1450, vat: 'B' },
  { quantity: 2, description: 'Koffie verkeerd medium', priceCents: 600, vat: 'A' },
  { quantity: 1, description: 'Dame Blanche', priceCents: 700, vat: 'B' },
  { quantity: -1, description: 'Soda LIGHT 33 CL.', priceCents: -220, vat: 'A' },
  { quantity: 1.25, unit: 'l', description: 'Huiswijn (liter)', priceCents: 1250, vat: 'A' },
];

describe('pluHash: the published test vectors (C-37)', () => {
  it('C-37: example 1 gives bd5329...88d5a4f3', () => {
    const result = pluHash(example1);
    expect(result.records).toEqual([
      '0003SODALIGHT33CL       00000660A',
      '0002SPAGHETTIBOLOGNAISEK00001000B',
      '0527SALADBARKG          00000853B',
      '0001STEAKHACHE          00001450B',
      '0002KOFFIEVERKEERDMEDIUM00000600A',
      '0001DAMEBLANCHE         00000700B',
      '0001SODALIGHT33CL       00000220A',
      '1250HUISWIJNLITER       00001250A',
    ]);
    expect(result.hash).toBe('bd532992502a62c40a741ec76423198d88d5a4f3');
    expect(result.printed).toBe('88d5a4f3');
  });

  it('C-37: a ticket without PLU lines hashes the empty string', () => {
    expect(pluHash([])).toEqual({
      records: [],
      hash: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      printed: 'afd80709',
    });
  });

  it('C-37: hash order 2', () => {
    const result = pluHash([
      { quantity: 1, description: 'Dagsoep', priceCents: 500, vat: 'B' },
      { quantity: 1, description: 'Seizoenssuggestie', priceCents: 2000, vat: 'B' },
      { quantity: 1, description: 'Crème brûlée', priceCents: 500, vat: 'B' },
    ]);
    expect(result.hash).toBe('046bfc9425c488b9fe31b78820c21a70ae28005a');
    expect(result.printed).toBe('ae28005a');
  });

  it('C-37: hash order 3, with a negative discount line', () => {
    const result = pluHash([
      { quantity: 1, description: 'Dagsoep', priceCents: 700, vat: 'B' },
      { quantity: 1, description: 'Seizoenssuggestie', priceCents: 2500, vat: 'B' },
      { quantity: 1, description: 'Crème brûlée', priceCents: 700, vat: 'B' },
      { quantity: 1, description: 'KORTING LENTEMENU', priceCents: -900, vat: 'B' },
      { quantity: 1, description: 'Lentemenu drinks', priceCents: 1000, vat: 'A' },
    ]);
    expect(result.records[3]).toBe('0001KORTINGLENTEMENU    00000900B');
    expect(result.hash).toBe('095452a3e62d36b5255b18b1070f6832f0c57a85');
    expect(result.printed).toBe('f0c57a85');
  });

  it.each([
    ['WORK IN', '0001WORKIN              00000000D', 'ea2d395a0a8b31b802c88b8f582b802ecf44878a'],
    ['WORK OUT', '0001WORKOUT             00000000D', '7769b009fbb1791681c193ba51769171142164ed'],
    ['ARBEID IN', '0001ARBEIDIN            00000000D', '0580ffc63140db22a3696d567672a79713b6fa41'],
    ['ARBEID UIT', '0001ARBEIDUIT           00000000D', '85534f3a64ff360b7e64f92b93b5f9a27e06b614'],
    ['COMMENCER', '0001COMMENCER           00000000D', '4f98326638beb1e0eb9f04455e999595c19c4c43'],
    ['FINIR', '0001FINIR               00000000D', '1bdad783c9e30f50afc8a844ee6c66def49510e5'],
  ])('C-28/C-37: work in/out line %s', (description, record, hash) => {
    const result = pluHash([{ quantity: 1, description, priceCents: 0, vat: 'D' }]);
    expect(result.records).toEqual([record]);
    expect(result.hash).toBe(hash);
    expect(result.printed).toBe(hash.slice(-8));
  });

  it.each([
    ['food1', 500, 'B', '0001FOOD1               00000500B'],
    ['food2', 100, 'B', '0001FOOD2               00000100B'],
    ['drink1', 50, 'A', '0001DRINK1              00000050A'],
    ['drink2', 150, 'A', '0001DRINK2              00000150A'],
  ] as const)('certification product %s', (description, priceCents, vat, record) => {
    expect(pluRecord({ quantity: 1, description, priceCents, vat })).toBe(record);
  });
});

describe('pluHash: behaviour', () => {
  it('depends on line order', () => {
    const reversed = pluHash([...example1].reverse());
    expect(reversed.hash).not.toBe(pluHash(example1).hash);
  });

  it('does not see the sign of a correction line', () => {
    const sale = { quantity: 2, description: 'Cola', priceCents: 500, vat: 'A' } as const;
    expect(pluRecord({ ...sale, quantity: -2, priceCents: -500 })).toBe(pluRecord(sale));
  });

  it('refuses a VAT code outside A-D (a bug in the caller)', () => {
    for (const vat of ['X', 'a', '', 'AB']) {
      expect(() =>
        pluRecord({ quantity: 1, description: 'x', priceCents: 1, vat } as unknown as PluLine),
      ).toThrow(RangeError);
    }
  });

  it('records are always exactly 33 characters of [A-Z0-9 ] for arbitrary lines', () => {
    const line = fc.record(
      {
        quantity: fc.double({ noNaN: true, noDefaultInfinity: true }),
        unit: fc.constantFrom('piece', 'kg', 'l'),
        description: fc.string({ unit: 'binary', maxLength: 50 }),
        priceCents: fc.oneof(
          fc.integer(),
          fc.maxSafeInteger(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        vat: fc.constantFrom('A', 'B', 'C', 'D'),
      },
      { requiredKeys: ['quantity', 'description', 'priceCents', 'vat'] },
    ) as fc.Arbitrary<PluLine>;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 5 }), (lines) => {
        const result = pluHash(lines);
        expect(result.records).toHaveLength(lines.length);
        for (const record of result.records) expect(record).toMatch(/^[A-Z0-9 ]{33}$/);
        expect(result.hash).toBe(sha1(result.records.join('')));
        expect(result.hash).toMatch(/^[0-9a-f]{40}$/);
        expect(result.printed).toBe(result.hash.slice(32));
      }),
    );
  });
});

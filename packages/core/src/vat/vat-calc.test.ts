import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vatLabelValues, type VatLabel } from '../fdm-api/types.js';
import { computeVatCalc, type VatCalcCents } from './vat-calc.js';
import { defaultVatRates, type VatRateTable } from './vat-rates.js';

const cents = fc.integer({ min: -1_000_000_000_00, max: 1_000_000_000_00 });
const label = fc.constantFrom(...vatLabelValues);

function single(l: VatLabel, totalCents: number): VatCalcCents {
  const items = computeVatCalc([{ label: l, totalCents }]);
  if (items.length !== 1 || items[0] === undefined) throw new Error(`expected one item, got ${items.length}`);
  return items[0];
}

describe('computeVatCalc: the check values of fdm-v2-notes', () => {
  it.each([
    { label: 'A', total: 2400, rate: 21, taxable: 1983, vat: 417 },
    { label: 'B', total: 2800, rate: 12, taxable: 2500, vat: 300 },
    { label: 'A', total: -896, rate: 21, taxable: -740, vat: -156 },
    { label: 'B', total: 1000, rate: 12, taxable: 893, vat: 107 },
  ] as const)('$total cents @ $rate % -> $taxable / $vat', ({ label, total, rate, taxable, vat }) => {
    expect(computeVatCalc([{ label, totalCents: total }])).toEqual([
      {
        label,
        ratePercent: rate,
        taxableCents: taxable,
        vatCents: vat,
        totalCents: total,
        outOfScope: false,
      },
    ]);
  });

  it('label X is out of scope: rate 0, no VAT, taxable is the total', () => {
    expect(computeVatCalc([{ label: 'X', totalCents: 350 }])).toEqual([
      { label: 'X', ratePercent: 0, taxableCents: 350, vatCents: 0, totalCents: 350, outOfScope: true },
    ]);
  });

  it('C 6 % and D 0 %', () => {
    expect(computeVatCalc([{ label: 'C', totalCents: 1060 }])[0]).toMatchObject({
      taxableCents: 1000,
      vatCents: 60,
    });
    expect(computeVatCalc([{ label: 'D', totalCents: 999 }])[0]).toMatchObject({
      taxableCents: 999,
      vatCents: 0,
    });
  });
});

describe('computeVatCalc: grouping', () => {
  it('sums parts per label before rounding (rounding per line would give 2 cents less VAT)', () => {
    // 3 x 0.10 @ 21 %: per line 0.08 + 0.02; on the sum 0.30 -> 0.25 + 0.05.
    const parts = [1, 2, 3].map(() => ({ label: 'A' as const, totalCents: 10 }));
    expect(computeVatCalc(parts)).toEqual([
      { label: 'A', ratePercent: 21, taxableCents: 25, vatCents: 5, totalCents: 30, outOfScope: false },
    ]);
  });

  it('returns one item per present label in the order A, B, C, D, X', () => {
    const result = computeVatCalc([
      { label: 'X', totalCents: 100 },
      { label: 'B', totalCents: 1120 },
      { label: 'A', totalCents: 121 },
      { label: 'B', totalCents: 1680 },
    ]);
    expect(result.map((i) => [i.label, i.totalCents])).toEqual([
      ['A', 121],
      ['B', 2800],
      ['X', 100],
    ]);
  });

  it('keeps a label whose parts cancel out, with zeros', () => {
    expect(
      computeVatCalc([
        { label: 'A', totalCents: 220 },
        { label: 'A', totalCents: -220 },
      ]),
    ).toEqual([
      { label: 'A', ratePercent: 21, taxableCents: 0, vatCents: 0, totalCents: 0, outOfScope: false },
    ]);
  });

  it('no parts, no items', () => {
    expect(computeVatCalc([])).toEqual([]);
  });

  it('uses the rate table it is given, fractional rates included, exactly', () => {
    const rates: VatRateTable = {
      ...defaultVatRates,
      A: { label: 'A', ratePercent: 5.5, outOfScope: false },
    };
    // 1055 / 1.055 = 1000 exactly; a float division gives 999.9999999999999.
    expect(computeVatCalc([{ label: 'A', totalCents: 1055 }], rates)[0]).toMatchObject({
      ratePercent: 5.5,
      taxableCents: 1000,
      vatCents: 55,
    });
  });

  it('rounds exact halves away from zero, both signs', () => {
    // 121 / 1.21 = 100 exactly; 6 / 1.2 = 5; pick a rate giving .5: 3 / 1.2 = 2.5.
    const rates: VatRateTable = { ...defaultVatRates, B: { label: 'B', ratePercent: 20, outOfScope: false } };
    expect(computeVatCalc([{ label: 'B', totalCents: 3 }], rates)[0]?.taxableCents).toBe(3);
    expect(computeVatCalc([{ label: 'B', totalCents: -3 }], rates)[0]?.taxableCents).toBe(-3);
  });
});

describe('computeVatCalc: refuses bugs loudly', () => {
  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53), 12.3])(
    'totalCents %s is not integer cents',
    (totalCents) => {
      expect(() => computeVatCalc([{ label: 'A', totalCents }])).toThrow(RangeError);
    },
  );

  it('an unknown label', () => {
    expect(() => computeVatCalc([{ label: 'E' as VatLabel, totalCents: 1 }])).toThrow(RangeError);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('a rate of %s', (ratePercent) => {
    const rates: VatRateTable = { ...defaultVatRates, A: { label: 'A', ratePercent, outOfScope: false } };
    expect(() => computeVatCalc([{ label: 'A', totalCents: 1 }], rates)).toThrow(RangeError);
  });

  it('a sum beyond the safe integer range', () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(() =>
      computeVatCalc([
        { label: 'D', totalCents: big },
        { label: 'D', totalCents: big },
      ]),
    ).toThrow(RangeError);
  });
});

describe('computeVatCalc: properties', () => {
  it('taxable + vat == total for every label and any integer total', () => {
    fc.assert(
      fc.property(label, cents, (l, total) => {
        const item = single(l, total);
        expect(item.taxableCents + item.vatCents).toBe(total);
        expect(Number.isSafeInteger(item.taxableCents)).toBe(true);
      }),
    );
  });

  it('refunds mirror sales: calc(-t) == -calc(t)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ label, totalCents: cents }), { maxLength: 8 }), (parts) => {
        const sale = computeVatCalc(parts);
        const refund = computeVatCalc(parts.map((p) => ({ ...p, totalCents: -p.totalCents })));
        expect(refund).toEqual(
          sale.map((i) => ({
            ...i,
            taxableCents: -i.taxableCents || 0,
            vatCents: -i.vatCents || 0,
            totalCents: -i.totalCents || 0,
          })),
        );
      }),
    );
  });

  it('taxable is the nearest cent to total / (1 + rate)', () => {
    fc.assert(
      fc.property(fc.constantFrom('A', 'B', 'C') as fc.Arbitrary<VatLabel>, cents, (l, total) => {
        const item = single(l, total);
        // Exact in integers: |taxable * (100 + r) - 100 * total| <= (100 + r) / 2.
        const divisor = BigInt(100 + defaultVatRates[l].ratePercent);
        const distance = BigInt(item.taxableCents) * divisor - 100n * BigInt(total);
        expect(2n * (distance < 0n ? -distance : distance) <= divisor).toBe(true);
      }),
    );
  });

  it('the VAT has the sign of the total and never exceeds it', () => {
    fc.assert(
      fc.property(label, cents, (l, total) => {
        const item = single(l, total);
        expect(Math.abs(item.vatCents)).toBeLessThanOrEqual(Math.abs(total));
        expect(item.vatCents * total).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

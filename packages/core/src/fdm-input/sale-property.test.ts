import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SaleInput, TransactionLineInput, VatLabel } from '../fdm-api/types.js';
import { vatLabelValues } from '../fdm-api/types.js';
import { fodSamples } from './fod-samples.js';
import { validateSignInput } from './validate-sign-input.js';

const euros = (cents: number): number => cents / 100;

/** One VAT part in cents: a regular price and signed price changes. */
const vatPart = fc.record({
  label: fc.constantFrom<VatLabel>(...vatLabelValues),
  priceCents: fc.integer({ min: 0, max: 500_000 }),
  changesCents: fc.array(fc.integer({ min: -50_000, max: 50_000 }), { maxLength: 3 }),
});

/** A line in cents: quantity sign decides whether it is a sale or a refund line. */
const lineSpec = fc.record({
  quantity: fc.integer({ min: -5, max: 10 }),
  unitPriceCents: fc.integer({ min: 0, max: 100_000 }),
  parts: fc.array(vatPart, { minLength: 1, maxLength: 3 }),
});

type LineSpec = typeof lineSpec extends fc.Arbitrary<infer T> ? T : never;

const lineCents = (spec: LineSpec): number =>
  spec.parts.reduce((sum, p) => sum + p.priceCents + p.changesCents.reduce((a, b) => a + b, 0), 0);

function toLine(spec: LineSpec, index: number): TransactionLineInput {
  return {
    lineType: 'SINGLE_PRODUCT',
    mainProduct: {
      productId: `P${index}`,
      productName: `Product ${index}`,
      departmentId: '10',
      departmentName: 'Aperitifs',
      quantity: spec.quantity,
      quantityType: 'PIECE',
      negQuantityReason: spec.quantity < 0 ? 'REFUND' : null,
      unitPrice: euros(spec.unitPriceCents),
      vats: spec.parts.map((p) => ({
        label: p.label,
        price: euros(p.priceCents),
        priceChanges: p.changesCents.map((c, i) => ({
          id: String(i),
          name: 'DISCOUNT',
          scope: 'LINE' as const,
          type: 'PUBLIC' as const,
          amount: euros(c),
        })),
      })),
    },
    lineTotal: euros(lineCents(spec)),
  };
}

function toSale(specs: readonly LineSpec[]): SaleInput {
  const totalCents = specs.reduce((sum, spec) => sum + lineCents(spec), 0);
  return {
    ...structuredClone(fodSamples.signSale),
    transaction: { transactionLines: specs.map(toLine), transactionTotal: euros(totalCents) },
    financials: [
      {
        id: '1',
        name: 'CASH',
        type: 'CASH',
        inputMethod: 'MANUAL',
        amount: euros(totalCents),
        amountType: 'PAYMENT',
      },
    ],
  };
}

describe('validateSignInput on generated sales (property)', () => {
  const specs = fc.array(lineSpec, { maxLength: 20 });

  it('accepts every consistent sale; its VAT totals add up to transactionTotalCents', () => {
    fc.assert(
      fc.property(specs, (lines) => {
        const result = validateSignInput('signSale', toSale(lines));
        expect(result.ok ? [] : result.error).toEqual([]);
        if (!result.ok) return;
        const vatSum = result.value.vatTotals.reduce((sum, v) => sum + v.totalCents, 0);
        expect(vatSum).toBe(result.value.transactionTotalCents);
        expect(result.value.vatTotals.map((v) => v.label)).toEqual(
          vatLabelValues.filter((label) => lines.some((l) => l.parts.some((p) => p.label === label))),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a sale whose lineTotal is one cent off with LINE_TOTAL_MISMATCH at that line', () => {
    const perturbed = specs
      .filter((lines) => lines.length > 0)
      .chain((lines) =>
        fc.tuple(fc.constant(lines), fc.nat({ max: lines.length - 1 }), fc.constantFrom(-1, 1)),
      );
    fc.assert(
      fc.property(perturbed, ([lines, index, delta]) => {
        const sale = toSale(lines);
        const line = sale.transaction.transactionLines[index];
        if (line === undefined) throw new Error('generator produced an index out of range');
        line.lineTotal = euros(lineCents(lines[index] as LineSpec) + delta);
        const result = validateSignInput('signSale', sale);
        expect(result.ok).toBe(false);
        expect(result.ok ? [] : result.error).toContainEqual(
          expect.objectContaining({
            subCode: 'LINE_TOTAL_MISMATCH',
            field: `transaction.transactionLines[${index}].lineTotal`,
          }),
        );
      }),
      { numRuns: 300 },
    );
  });
});

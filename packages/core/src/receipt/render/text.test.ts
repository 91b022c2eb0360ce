import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildKitchenTicket } from '../build/kitchen.js';
import { buildVatTicket } from '../build/vat-ticket.js';
import type { VatTicketInput } from '../inputs.js';
import type { Receipt } from '../model.js';
import { built } from '../testing/expect.js';
import { m110Input, m110SignResult } from '../testing/fod-m110.js';
import { layoutReceipt } from './layout.js';
import { displayWidth } from './printable.js';
import { renderText } from './text.js';

const hostile = [
  'Spaghetti Bolognaise met extra Parmezaanse kaas en basilicum uit eigen tuin (groot)',
  'X'.repeat(600),
  '漢字'.repeat(150),
  '🍔🍟🥤'.repeat(60),
  'Z\u0351\u0352\u0353a\u0300\u0301\u0302lgo',
  'RTL \u202Eevil\u202C and \u200Dzero\u200Bwidth',
  'Cola\x1b@\x1dV\x00\r\nLight',
  'Ｆｕｌｌｗｉｄｔｈ　ｂｅｅｒ',
  'Crème brûlée à la Façon du Chef — €5 “special”',
];

/** The M110 ticket with every free text of the input replaced by `text`; amounts unchanged. */
function hostileTicket(text: string): Receipt {
  const input: VatTicketInput = {
    ...m110Input,
    establishment: { name: text, address: [text, '1000 Brussel'], vatNo: 'BE0000000097' },
    register: { ...m110Input.register, terminalName: text, swVersion: text },
    userAlias: text,
    costCenter: text,
    lines: m110Input.lines.map((l) => ({ ...l, description: text })),
    payments: [{ kind: 'payment', name: text, amountCents: 5200 }],
    signResult: { ...m110SignResult, footer: [text, text] },
  };
  return built(buildVatTicket(input));
}

function expectFits(receipt: Receipt, width: 42 | 48): void {
  for (const line of renderText(receipt, { width }).split('\n')) {
    expect(displayWidth(line), JSON.stringify(line)).toBeLessThanOrEqual(width);
    // Independent of the width table: every character takes at least one column.
    expect([...line].length).toBeLessThanOrEqual(width);
    expect(line).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  }
}

describe('renderText widths', () => {
  it.each(hostile.flatMap((text) => [42, 48].map((width) => [text.slice(0, 24), width, text] as const)))(
    'never exceeds the width: %s (%i columns)',
    (_short, width, text) => {
      expectFits(hostileTicket(text), width as 42 | 48);
    },
  );

  it('never exceeds the width for any text (property)', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: fc.constantFrom('grapheme', 'binary'), minLength: 1, maxLength: 200 })
          .filter((s) => s.trim() !== ''),
        fc.constantFrom(42 as const, 48 as const),
        (text, width) => {
          const built = buildVatTicket({
            ...m110Input,
            userAlias: text,
            lines: m110Input.lines.map((l) => ({ ...l, description: text })),
          });
          // Only an alias that reads as an INSZ may be refused.
          if (built.ok) expectFits(built.value, width);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a hostile name keeps its text: wrapped, not lost', () => {
    const text = renderText(hostileTicket(hostile[0] ?? ''), { width: 42 });
    expect(text).toContain(
      'Spaghetti Bolognaise met extra Parmezaanse\nkaas en basilicum uit eigen tuin (groot)',
    );
  });
});

describe('renderText banners', () => {
  const receipt = built(buildVatTicket(m110Input));

  it('centres a banner and spaces it out to the double width it prints at', () => {
    const first = renderText(receipt, { width: 42 }).split('\n')[0];
    expect(first).toBe(`${' '.repeat(8)}B T W - K A S T I C K E T`);
    const layout = layoutReceipt(receipt, 48)[0];
    expect(layout).toEqual({ kind: 'banner', text: `${' '.repeat(5)}BTW-KASTICKET` });
  });

  it('wraps a banner at half the width', () => {
    const kitchen = built(
      buildKitchenTicket({
        destination: 'KEUKEN',
        orderNo: 1,
        posDateTime: '2025-06-12T14:03:11.250+02:00',
        userAlias: 'Anna',
        items: [{ description: 'Soep', quantity: 1 }],
      }),
    );
    const banners = layoutReceipt(kitchen, 42).filter((l) => l.kind === 'banner');
    expect(banners.map((b) => b.text.trim())).toEqual(['KEUKEN', 'DIT IS GEEN GELDIG', 'BTW-KASTICKET']);
    for (const b of banners) expect(displayWidth(b.text)).toBeLessThanOrEqual(21);
  });

  it('refuses widths other than 42 and 48 (a caller bug)', () => {
    expect(() => renderText(receipt, { width: 40 as 42 })).toThrow(RangeError);
  });
});

describe('renderText amounts', () => {
  it('prints a 15-digit VAT table amount without overflowing, one figure per line', () => {
    const big = 99_999_999_999_99;
    const receipt: Receipt = {
      kind: 'report',
      blocks: [
        {
          kind: 'vatTable',
          rows: [
            {
              label: 'A',
              ratePercent: 21,
              taxableCents: big,
              vatCents: big,
              totalCents: big,
              outOfScope: false,
            },
          ],
        },
      ],
    };
    const lines = renderText(receipt, { width: 42 }).split('\n');
    expect(lines).toEqual([
      'Tarief         Basis        BTW     Totaal',
      'A 21%',
      `${'  Basis'.padEnd(28)}99999999999,99`,
      `${'  BTW'.padEnd(28)}99999999999,99`,
      `${'  Totaal'.padEnd(28)}99999999999,99`,
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(42);
  });
});

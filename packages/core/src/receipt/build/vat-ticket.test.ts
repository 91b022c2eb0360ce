import { describe, expect, it } from 'vitest';
import type { SignResult } from '../../fdm-api/types.js';
import { pluHash } from '../../plu/plu-hash.js';
import type { TicketLine, VatTicketInput } from '../inputs.js';
import { CLOSING_LINE } from '../model.js';
import { renderEscPos } from '../render/escpos.js';
import { renderHtml } from '../render/html.js';
import { renderText } from '../render/text.js';
import { built, firstOutOfOrder, problemFields, spaced } from '../testing/expect.js';
import {
  dryMartiniLine,
  m110EmployeeInsz,
  m110Input,
  m110VatCalc,
  m110ShortSignature,
  m110SignResult,
  m110VerificationUrl,
} from '../testing/fod-m110.js';

const [vatA, vatB] = m110VatCalc;
const martini = dryMartiniLine;
import { buildVatTicket } from './vat-ticket.js';

const withSign = (change: Partial<SignResult>): VatTicketInput => ({
  ...m110Input,
  signResult: { ...m110SignResult, ...change },
});

// C-37 records of the FOD M110 lines, hashed without going through the receipt's own mapping.
const m110Plu = pluHash([
  { quantity: 2, description: 'Dry Martini', priceCents: 2400, vat: 'A' },
  { quantity: 1, description: 'Burger of the Chef', priceCents: 2800, vat: 'B' },
]).printed;

describe('buildVatTicket: FOD M110 (Dry Martini 2 x 12,00 A, Burger 28,00 B)', () => {
  const receipt = built(buildVatTicket(m110Input));

  it.each([42, 48] as const)('C-42 a..n appear in the order C-42 lists them (%i columns)', (width) => {
    const text = renderText(receipt, { width });
    const missing = firstOutOfOrder(text, [
      spaced('BTW-KASTICKET'), // a
      'Brasserie De Zwaan', // b
      'Grote Markt 9',
      '1000 Brussel',
      'BTW BE0000000097',
      '12/06/2025 14:03:11', // c: the POS's date and time
      'Ticket nr:', // d
      '1000',
      'Bediende:', // e
      'Anna',
      'Dry Martini', // f
      '2 x 12,00',
      '24,00 A',
      'Burger of the Chef',
      '1 x 28,00',
      '28,00 B',
      'TOTAAL', // g
      '52,00',
      'A 21%', // h, i
      '19,83',
      '4,17',
      'B 12%',
      '25,00',
      '3,00',
      'Kassa:', // k
      'Bar',
      'PLU-hash:', // l
      m110Plu,
      'Controlegegevens', // m
      'FDM datum:',
      '12/06/2025',
      'FDM tijd:',
      '14:03:12', // 12:03:12Z is 14:03:12 in Brussels summer time
      'Ticketteller:',
      'N 16/52',
      'Ticket handtekening:',
      m110ShortSignature,
      'Controlemodule-id:',
      'FOD01000001',
      'Kassa-id:', // n
      'CPOS0031234567',
      'Kassaversie:',
      '1.8.3',
      m110VerificationUrl.slice(0, 30),
      'Bedankt en tot ziens!', // the FDM's footer, last
    ]);
    expect(missing).toBeUndefined();
  });

  it('amounts sit flush right with their VAT letter (C-42 f)', () => {
    const lines = renderText(receipt, { width: 42 }).split('\n');
    expect(lines).toContain(`  2 x 12,00${' '.repeat(42 - 2 - 9 - 7)}24,00 A`);
    expect(lines.find((l) => l.startsWith('TOTAAL'))).toMatch(/ 52,00$/u);
  });

  it('never prints the INSZ, in any rendering', () => {
    const insz = m110EmployeeInsz;
    expect(JSON.stringify(receipt)).not.toContain(insz);
    expect(renderText(receipt, { width: 42 })).not.toContain(insz);
    expect(renderHtml(receipt)).not.toContain(insz);
    expect(Buffer.from(renderEscPos(receipt, { width: 48 })).toString('latin1')).not.toContain(insz);
  });

  it('is a VAT ticket: no closing line, the QR carries the verification URL', () => {
    expect(receipt.kind).toBe('vat-ticket');
    expect(receipt.blocks.some((b) => b.kind === 'banner' && b.text === CLOSING_LINE)).toBe(false);
    expect(receipt.blocks.filter((b) => b.kind === 'qr')).toEqual([
      { kind: 'qr', data: m110VerificationUrl },
    ]);
    expect(receipt.blocks.some((b) => b.kind === 'banner' && b.text === 'REFUND')).toBe(false);
  });

  it('takes the VAT table from the FDM, in cents', () => {
    const table = receipt.blocks.find((b) => b.kind === 'vatTable');
    expect(table).toEqual({
      kind: 'vatTable',
      rows: [
        {
          label: 'A',
          ratePercent: 21,
          taxableCents: 1983,
          vatCents: 417,
          totalCents: 2400,
          outOfScope: false,
        },
        {
          label: 'B',
          ratePercent: 12,
          taxableCents: 2500,
          vatCents: 300,
          totalCents: 2800,
          outOfScope: false,
        },
      ],
    });
  });

  it('prints the FDM time in Belgian winter time too (+01:00)', () => {
    const winter = built(
      buildVatTicket({
        ...m110Input,
        posDateTime: '2025-01-31T23:30:00.000+01:00',
        signResult: {
          ...m110SignResult,
          posDateTime: '2025-01-31T23:30:00.000+01:00',
          fdmRef: { ...m110SignResult.fdmRef, fdmDateTime: '2025-01-31T23:30:01Z' },
        },
      }),
    );
    const control = winter.blocks.find((b) => b.kind === 'controlData');
    expect(control).toMatchObject({ fdmDate: '01/02/2025', fdmTime: '00:30:01' });
    expect(renderText(winter, { width: 42 })).toContain('31/01/2025 23:30:00');
  });
});

describe('buildVatTicket: corrections, discounts and refunds (C-27, C-31, C-42 j)', () => {
  const lines: TicketLine[] = [
    {
      kind: 'sale',
      description: 'Dry Martini',
      quantity: 3,
      unitPriceCents: 1200,
      amountCents: 3600,
      vatLabel: 'A',
    },
    {
      kind: 'correction',
      description: 'Dry Martini',
      quantity: -1,
      unitPriceCents: 1200,
      amountCents: -1200,
      vatLabel: 'A',
    },
    {
      kind: 'sale',
      description: 'Burger of the Chef',
      quantity: 1,
      unitPriceCents: 2800,
      amountCents: 2800,
      vatLabel: 'B',
    },
    {
      kind: 'discount',
      description: 'Korting vaste klant',
      quantity: 1,
      unitPriceCents: -300,
      amountCents: -300,
      vatLabel: 'B',
    },
    {
      kind: 'refund',
      description: 'Leeggoed',
      quantity: -2,
      unitPriceCents: 10,
      amountCents: -20,
      vatLabel: 'X',
    },
  ];
  const input: VatTicketInput = {
    ...m110Input,
    lines,
    payments: [{ kind: 'payment', name: 'Bancontact', amountCents: 4880 }],
    changeCents: 0,
    signResult: {
      ...m110SignResult,
      vatCalc: [
        { label: 'A', rate: 21, taxableAmount: 19.83, vatAmount: 4.17, totalAmount: 24, outOfScope: false },
        { label: 'B', rate: 12, taxableAmount: 22.32, vatAmount: 2.68, totalAmount: 25, outOfScope: false },
        { label: 'X', rate: 0, taxableAmount: -0.2, vatAmount: 0, totalAmount: -0.2, outOfScope: true },
      ],
    },
  };
  const receipt = built(buildVatTicket(input));
  const text = renderText(receipt, { width: 42 });

  it('keeps the correction as its own negative, marked line', () => {
    const items = receipt.blocks.filter((b) => b.kind === 'item');
    expect(items.map((i) => [i.amountCents, i.mark])).toEqual([
      [3600, undefined],
      [-1200, 'CORR'],
      [2800, undefined],
      [-300, 'KORTING'],
      [-20, 'REFUND'],
    ]);
    expect(text).toMatch(/ {2}-1 x 12,00 CORR +-12,00 A\n/u);
  });

  it('shows REFUND, the discounts and returned amounts after the VAT table, before the control data', () => {
    expect(receipt.blocks[1]).toEqual({ kind: 'banner', text: 'REFUND' });
    expect(
      firstOutOfOrder(text, [
        'TOTAAL',
        '48,80',
        'X',
        'Kortingen',
        '-3,00',
        'Teruggegeven',
        '-0,20',
        'Controlegegevens',
      ]),
    ).toBeUndefined();
  });

  it('hashes every A-D line, the correction included, and leaves label X out (C-37)', () => {
    const expected = pluHash([
      { quantity: 3, description: 'Dry Martini', priceCents: 3600, vat: 'A' },
      { quantity: -1, description: 'Dry Martini', priceCents: -1200, vat: 'A' },
      { quantity: 1, description: 'Burger of the Chef', priceCents: 2800, vat: 'B' },
      { quantity: 1, description: 'Korting vaste klant', priceCents: -300, vat: 'B' },
    ]).printed;
    expect(receipt.blocks).toContainEqual({ kind: 'field', label: 'PLU-hash', value: expected });
  });
});

describe('buildVatTicket refuses what must not be printed', () => {
  const cases: [string, VatTicketInput, string][] = [
    ['no signature yet (C-32)', withSign({ shortSignature: null }), 'signResult.shortSignature'],
    ['a signature with a space', withSign({ shortSignature: 'ab cd' }), 'signResult.shortSignature'],
    [
      'a training answer',
      withSign({ fdmRef: { ...m110SignResult.fdmRef, eventLabel: 'T' } }),
      'signResult.fdmRef.eventLabel',
    ],
    [
      'a pro forma answer',
      withSign({ fdmRef: { ...m110SignResult.fdmRef, eventLabel: 'P' } }),
      'signResult.fdmRef.eventLabel',
    ],
    [
      'an unknown label',
      withSign({ fdmRef: { ...m110SignResult.fdmRef, eventLabel: 'Q' as 'N' } }),
      'signResult.fdmRef.eventLabel',
    ],
    [
      'eventCounter above totalCounter',
      withSign({ fdmRef: { ...m110SignResult.fdmRef, eventCounter: 53 } }),
      'signResult.fdmRef.eventCounter',
    ],
    [
      'eventCounter 0',
      withSign({ fdmRef: { ...m110SignResult.fdmRef, eventCounter: 0 } }),
      'signResult.fdmRef.eventCounter',
    ],
    [
      'totalCounter 1.5',
      withSign({ fdmRef: { ...m110SignResult.fdmRef, totalCounter: 1.5 } }),
      'signResult.fdmRef.totalCounter',
    ],
    [
      'fdmDateTime with an offset',
      withSign({ fdmRef: { ...m110SignResult.fdmRef, fdmDateTime: '2025-06-12T14:03:12+02:00' } }),
      'signResult.fdmRef.fdmDateTime',
    ],
    [
      'fdmDateTime 30 February',
      withSign({ fdmRef: { ...m110SignResult.fdmRef, fdmDateTime: '2025-02-30T12:00:00Z' } }),
      'signResult.fdmRef.fdmDateTime',
    ],
    [
      'an empty fdmId',
      withSign({ fdmRef: { ...m110SignResult.fdmRef, fdmId: ' ' } }),
      'signResult.fdmRef.fdmId',
    ],
    ['an answer for another ticket', withSign({ posFiscalTicketNo: 1001 }), 'signResult.posFiscalTicketNo'],
    ['an answer for another POS', withSign({ posId: 'CPOS0031234568' }), 'signResult.posId'],
    [
      'an answer for another moment',
      withSign({ posDateTime: '2025-06-12T14:03:11.251+02:00' }),
      'signResult.posDateTime',
    ],
    ['an answer for another terminal', withSign({ terminalId: 'TER-2' }), 'signResult.terminalId'],
    ['no vatCalc', withSign({ vatCalc: null }), 'signResult.vatCalc'],
    ['a vatCalc that differs from the lines', withSign({ vatCalc: [vatA] }), 'signResult.vatCalc'],
    [
      'a vatCalc amount with 3 decimals',
      withSign({
        vatCalc: [{ ...vatA, vatAmount: 4.171 }, vatB],
      }),
      'signResult.vatCalc[0].vatAmount',
    ],
    [
      'a vatCalc whose parts do not add up',
      withSign({
        vatCalc: [{ ...vatA, vatAmount: 4.18 }, vatB],
      }),
      'signResult.vatCalc[0]',
    ],
    ['a vatCalc label twice', withSign({ vatCalc: [vatA, vatA] }), 'signResult.vatCalc[1].label'],
    [
      'a vatCalc amount NaN',
      withSign({
        vatCalc: [{ ...vatA, totalAmount: NaN }, vatB],
      }),
      'signResult.vatCalc[0].totalAmount',
    ],
    [
      'a javascript: verification URL',
      withSign({ verificationUrl: 'javascript:alert(1)' }),
      'signResult.verificationUrl',
    ],
    [
      'a verification URL with a space',
      withSign({ verificationUrl: 'https://x.example/a b' }),
      'signResult.verificationUrl',
    ],
    [
      'a verification URL of 1001 characters',
      withSign({ verificationUrl: `https://x.example/${'a'.repeat(983)}` }),
      'signResult.verificationUrl',
    ],
    [
      'a footer that is not a list',
      withSign({ footer: 'Bedankt' as unknown as string[] }),
      'signResult.footer',
    ],
    [
      'a footer line that is not text',
      withSign({ footer: [42 as unknown as string] }),
      'signResult.footer[0]',
    ],
    ['the INSZ as user alias (C-42 e)', { ...m110Input, userAlias: m110EmployeeInsz }, 'userAlias'],
    ['the INSZ written with separators', { ...m110Input, userAlias: '84.02.28-998.37' }, 'userAlias'],
    ['an empty user alias', { ...m110Input, userAlias: '  ' }, 'userAlias'],
    [
      'a description of control characters only',
      { ...m110Input, lines: [{ ...martini, description: '\x1b\u200b\u0301' }] },
      'lines[0].description',
    ],
    [
      'an invalid VAT number',
      { ...m110Input, establishment: { ...m110Input.establishment, vatNo: 'BE0000000098' } },
      'establishment.vatNo',
    ],
    [
      'no address (C-42 b)',
      { ...m110Input, establishment: { ...m110Input.establishment, address: [] } },
      'establishment.address',
    ],
    ['ticket number 0', { ...m110Input, ticketNo: 0 }, 'ticketNo'],
    ['a posDateTime in UTC', { ...m110Input, posDateTime: '2025-06-12T12:03:11.250Z' }, 'posDateTime'],
    [
      'a negative sale line (C-31)',
      { ...m110Input, lines: [{ ...martini, amountCents: -2400 }] },
      'lines[0].amountCents',
    ],
    [
      'a positive correction line',
      { ...m110Input, lines: [{ ...martini, kind: 'correction' }] },
      'lines[0].amountCents',
    ],
    [
      'an amount in euros with decimals',
      { ...m110Input, lines: [{ ...martini, amountCents: 24.5 }] },
      'lines[0].amountCents',
    ],
    [
      'an infinite quantity',
      { ...m110Input, lines: [{ ...martini, quantity: Infinity }] },
      'lines[0].quantity',
    ],
    [
      'a quantity of 4 decimals',
      { ...m110Input, lines: [{ ...martini, quantity: 0.0005 }] },
      'lines[0].quantity',
    ],
    [
      'an unknown VAT label',
      { ...m110Input, lines: [{ ...martini, vatLabel: 'E' as 'A' }] },
      'lines[0].vatLabel',
    ],
    [
      'an unknown line kind',
      { ...m110Input, lines: [{ ...martini, kind: 'gift' as 'sale' }] },
      'lines[0].kind',
    ],
    [
      'a description of 601 characters',
      { ...m110Input, lines: [{ ...martini, description: 'x'.repeat(601) }] },
      'lines[0].description',
    ],
    ['negative change', { ...m110Input, changeCents: -1 }, 'changeCents'],
    [
      'a payment without name',
      { ...m110Input, payments: [{ kind: 'payment', name: '', amountCents: 5200 }] },
      'payments[0].name',
    ],
  ];

  it.each(cases)('%s', (_name, input, field) => {
    expect(problemFields(buildVatTicket(input))).toContain(field);
  });

  it('lists every problem at once', () => {
    const fields = problemFields(
      buildVatTicket({
        ...m110Input,
        userAlias: m110EmployeeInsz,
        ticketNo: -1,
        signResult: { ...m110SignResult, shortSignature: null },
      }),
    );
    expect(fields).toEqual(expect.arrayContaining(['userAlias', 'ticketNo', 'signResult.shortSignature']));
  });
});

import { describe, expect, it } from 'vitest';
import type { SignResult } from '../../fdm-api/types.js';
import type { Receipt, ReceiptBlock } from '../model.js';
import { CLOSING_LINE } from '../model.js';
import { renderEscPos } from '../render/escpos.js';
import { renderHtml } from '../render/html.js';
import { renderText } from '../render/text.js';
import { built, problemFields, spaced } from '../testing/expect.js';
import {
  m110Context,
  m110Input,
  m110OrderSignResult,
  m110Sale,
  m110ShortSignature,
  m110SignResult,
  m110TrainingSignResult,
  m110VerificationUrl,
} from '../testing/fod-m110.js';
import { buildCopy } from './copy.js';
import { buildFinancialSlip, type FinancialSlipInput } from './financial-slip.js';
import { buildInvoice, type InvoiceTicketInput } from './invoice.js';
import { buildKitchenTicket, type KitchenTicketInput } from './kitchen.js';
import { buildProFormaTicket } from './pro-forma.js';
import { buildReportReceipt, type ReportReceiptInput } from './report.js';
import { buildTrainingTicket } from './training.js';
import { buildVatTicket } from './vat-ticket.js';

const answer = (label: SignResult['fdmRef']['eventLabel'], change: Partial<SignResult> = {}): SignResult => ({
  ...m110SignResult,
  fdmRef: { ...m110SignResult.fdmRef, eventLabel: label, eventCounter: 5 },
  shortSignature: null,
  verificationUrl: null,
  vatCalc: null,
  ...change,
});

const training = built(
  buildTrainingTicket({ ...m110Context, ...m110Sale, signResult: m110TrainingSignResult }),
);
const proForma = built(
  buildProFormaTicket({ ...m110Context, ...m110Sale, operation: 'order', signResult: m110OrderSignResult }),
);
const preBill = built(
  buildProFormaTicket({
    ...m110Context,
    ...m110Sale,
    costCenter: 'Tafel 12',
    operation: 'pre-bill',
    signResult: m110OrderSignResult,
  }),
);
const vatTicket = built(buildVatTicket(m110Input));
const copy = built(
  buildCopy({
    ...m110Context,
    ticketNo: 1001,
    posDateTime: '2025-06-12T15:00:00.000+02:00',
    original: vatTicket,
    signResult: answer('C', { posFiscalTicketNo: 1001, posDateTime: '2025-06-12T15:00:00.000+02:00' }),
  }),
);
const invoiceInput: InvoiceTicketInput = {
  ...m110Context,
  ...m110Sale,
  invoiceNo: '2025/0042',
  customer: { name: 'Acme NV', address: ['Kerkstraat 1', '9000 Gent'], vatNo: 'BE0403019261' },
  ticketReferences: [{ eventLabel: 'N', eventCounter: 16, totalCounter: 52 }],
  signResult: answer('I'),
};
const invoice = built(buildInvoice(invoiceInput));
const slipInput: FinancialSlipInput = {
  ...m110Context,
  operation: 'money-in-out',
  lines: [
    { name: 'Wisselgeld in', amountCents: 15000 },
    { name: 'Leverancier', amountCents: -4250 },
  ],
  drawer: 'Lade 1',
  reason: 'Begin dienst',
  signResult: answer('F'),
};
const slip = built(buildFinancialSlip(slipInput));
const reportInput: ReportReceiptInput = {
  ...m110Context,
  report: {
    type: 'Z',
    scope: 'turnover',
    reportNo: 7,
    period: { from: '2025-06-12T06:00:00.000+02:00', to: '2025-06-12T14:00:00.000+02:00' },
    registers: ['CPOS0031234567 TER-1-BAR'],
    sections: [
      {
        title: 'Omzet',
        rows: [
          { label: 'BTW-kastickets', count: 12, amountCents: 52000 },
          { label: 'Lade geopend zonder verkoop', count: 2 },
        ],
        vatRows: [
          {
            label: 'A',
            ratePercent: 21,
            taxableCents: 1983,
            vatCents: 417,
            totalCents: 2400,
            outOfScope: false,
          },
        ],
      },
    ],
  },
  signResult: answer('R'),
};
const report = built(buildReportReceipt(reportInput));
const kitchenInput: KitchenTicketInput = {
  destination: 'KEUKEN',
  orderNo: 88,
  posDateTime: '2025-06-12T14:03:11.250+02:00',
  userAlias: 'Anna',
  costCenter: 'Tafel 12',
  items: [{ description: 'Burger of the Chef', quantity: 2, notes: ['saignant', 'zonder ui'] }],
  notes: ['Allergie: noten'],
};
const kitchen = built(buildKitchenTicket(kitchenInput));

const nonVat: [string, Receipt][] = [
  ['training', training],
  ['pro forma order', proForma],
  ['pre-bill', preBill],
  ['copy', copy],
  ['invoice', invoice],
  ['financial slip', slip],
  ['report', report],
  ['kitchen', kitchen],
];

const lastBlock = (r: Receipt): ReceiptBlock | undefined => r.blocks[r.blocks.length - 1];

describe('every print that is not a VAT ticket (C-27)', () => {
  it.each(nonVat)('%s ends with the closing line, big and bold', (_name, receipt) => {
    expect(lastBlock(receipt)).toEqual({ kind: 'banner', text: CLOSING_LINE });
    for (const width of [42, 48] as const) {
      const text = renderText(receipt, { width }).trimEnd();
      expect(text.endsWith(spaced('BTW-KASTICKET'))).toBe(true);
    }
    expect(renderHtml(receipt)).toMatch(
      /font-size:2em;font-weight:700[^>]*>DIT IS GEEN GELDIG BTW-KASTICKET<\/div><\/div>$/u,
    );
  });

  it('the VAT ticket alone has no closing line', () => {
    expect(JSON.stringify(vatTicket)).not.toContain(CLOSING_LINE);
  });
});

describe('TRAINING and PRO FORMA never show the signature (C-32), even when the FDM sent one', () => {
  it.each([
    ['training', training],
    ['pro forma', proForma],
    ['pre-bill', preBill],
  ] as const)('%s', (_name, receipt) => {
    expect(m110TrainingSignResult.shortSignature).toBe(m110ShortSignature);
    expect(JSON.stringify(receipt)).not.toContain(m110ShortSignature);
    expect(renderText(receipt, { width: 42 })).not.toContain('handtekening');
    expect(renderHtml(receipt)).not.toContain(m110ShortSignature);
    expect(Buffer.from(renderEscPos(receipt, { width: 42 })).toString('latin1')).not.toContain(
      m110ShortSignature,
    );
    expect(receipt.blocks.some((b) => b.kind === 'qr')).toBe(false);
  });

  it('TRAINING is on top and at the bottom', () => {
    expect(training.blocks[0]).toEqual({ kind: 'banner', text: 'TRAINING' });
    expect(training.blocks[training.blocks.length - 2]).toEqual({ kind: 'banner', text: 'TRAINING' });
    expect(training.blocks.some((b) => b.kind === 'banner' && b.text === 'BTW-KASTICKET')).toBe(false);
  });

  it('training shows a VAT table computed by the FDM rule, and the T counter', () => {
    expect(training.blocks.find((b) => b.kind === 'vatTable')).toMatchObject({
      rows: [
        { label: 'A', taxableCents: 1983, vatCents: 417 },
        { label: 'B', taxableCents: 2500, vatCents: 300 },
      ],
    });
    expect(renderText(training, { width: 42 })).toMatch(/Ticketteller: +T 3\/52/u);
  });

  it('PRO FORMA opens the print; a pre-bill also says VOORLOPIGE REKENING and names the table', () => {
    expect(proForma.blocks[0]).toEqual({ kind: 'banner', text: 'PRO FORMA' });
    expect(preBill.blocks.slice(0, 2)).toEqual([
      { kind: 'banner', text: 'PRO FORMA' },
      { kind: 'banner', text: 'VOORLOPIGE REKENING' },
    ]);
    expect(renderText(preBill, { width: 48 })).toMatch(/Tafel\/klant: +Tafel 12/u);
  });

  it.each([
    [
      'a training print with an N answer',
      () => buildTrainingTicket({ ...m110Context, ...m110Sale, signResult: m110SignResult }),
    ],
    [
      'a pro forma print with an N answer',
      () =>
        buildProFormaTicket({ ...m110Context, ...m110Sale, operation: 'order', signResult: m110SignResult }),
    ],
    [
      'a pro forma print with an unknown operation',
      () =>
        buildProFormaTicket({
          ...m110Context,
          ...m110Sale,
          operation: 'split' as 'order',
          signResult: m110OrderSignResult,
        }),
    ],
  ])('refuses %s', (_name, build) => {
    expect(build().ok).toBe(false);
  });
});

describe('buildCopy', () => {
  const text = renderText(copy, { width: 42 });

  it('says KOPIE on top and at the bottom and never BTW-KASTICKET as a title (C-33)', () => {
    expect(copy.blocks[0]).toEqual({ kind: 'banner', text: 'KOPIE' });
    expect(copy.blocks[copy.blocks.length - 2]).toEqual({ kind: 'banner', text: 'KOPIE' });
    expect(copy.blocks.some((b) => b.kind === 'banner' && b.text === 'BTW-KASTICKET')).toBe(false);
  });

  it("carries the original's lines, control data and QR, then its own control data", () => {
    expect(text).toContain('Dry Martini');
    expect(copy.blocks).toContainEqual({ kind: 'qr', data: m110VerificationUrl });
    const controls = copy.blocks.filter((b) => b.kind === 'controlData');
    expect(controls.map((c) => c.ticketCounter)).toEqual(['N 16/52', 'C 5/52']);
    expect(text).toContain('Kopie van N 16/52');
  });

  it.each([
    ['a kitchen ticket', kitchen],
    ['a training print', training],
    ['a copy', copy],
  ])('refuses to copy %s', (_name, original) => {
    const result = buildCopy({
      ...m110Context,
      original,
      signResult: answer('C'),
    });
    expect(problemFields(result)).toContain('original');
  });

  it('refuses an answer that is not a C event', () => {
    expect(
      problemFields(buildCopy({ ...m110Context, original: vatTicket, signResult: answer('N') })),
    ).toContain('signResult.fdmRef.eventLabel');
  });
});

describe('buildInvoice', () => {
  const text = renderText(invoice, { width: 48 });

  it('shows FACTUUR, the invoice number, the customer and the tickets it is made from (C-45ter)', () => {
    expect(invoice.blocks[0]).toEqual({ kind: 'banner', text: 'FACTUUR' });
    for (const needle of [
      '2025/0042',
      'Acme NV',
      'Kerkstraat 1',
      'BTW BE0403019261',
      'N 16/52',
      'TOTAAL',
      'A 21%',
    ]) {
      expect(text).toContain(needle);
    }
  });

  it.each<[string, Partial<InvoiceTicketInput>, string]>([
    ['no ticket references', { ticketReferences: [] }, 'ticketReferences'],
    [
      'a reference to a P event',
      { ticketReferences: [{ eventLabel: 'P', eventCounter: 1, totalCounter: 2 }] },
      'ticketReferences[0].eventLabel',
    ],
    [
      'a reference with counters reversed',
      { ticketReferences: [{ eventLabel: 'N', eventCounter: 9, totalCounter: 2 }] },
      'ticketReferences[0]',
    ],
    ['no customer name', { customer: { ...invoiceInput.customer, name: '' } }, 'customer.name'],
    ['no customer address', { customer: { ...invoiceInput.customer, address: [] } }, 'customer.address'],
    ['no invoice number', { invoiceNo: '' }, 'invoiceNo'],
    [
      'a vatCalc that disagrees with the lines',
      {
        signResult: answer('I', {
          vatCalc: [
            { label: 'A', rate: 21, taxableAmount: 1, vatAmount: 0.21, totalAmount: 1.21, outOfScope: false },
          ],
        }),
      },
      'signResult.vatCalc',
    ],
  ])('refuses %s', (_name, change, field) => {
    expect(problemFields(buildInvoice({ ...invoiceInput, ...change }))).toContain(field);
  });
});

describe('buildFinancialSlip', () => {
  it('lists what moved with its total', () => {
    const text = renderText(slip, { width: 42 });
    expect(text).toContain('GELD IN/UIT');
    expect(text).toMatch(/Leverancier +-42,50\n/u);
    expect(text).toMatch(/TOTAAL +107,50\n/u);
    expect(text).toMatch(/Lade: +Lade 1\n/u);
  });

  it('a drawer opened without a sale has no amounts', () => {
    const open = built(buildFinancialSlip({ ...slipInput, operation: 'drawer-open', lines: [] }));
    expect(open.blocks.some((b) => b.kind === 'amount')).toBe(false);
    expect(renderText(open, { width: 42 })).toContain('LADE GEOPEND');
  });

  it.each<[string, Partial<FinancialSlipInput>, string]>([
    ['money on a drawer opening', { operation: 'drawer-open' }, 'lines'],
    ['no lines for money in/out', { lines: [] }, 'lines'],
    ['an unknown operation', { operation: 'theft' as 'drawer-open' }, 'operation'],
    [
      'an amount with a fraction of a cent',
      { lines: [{ name: 'x', amountCents: 0.5 }] },
      'lines[0].amountCents',
    ],
    ['an N answer', { signResult: m110SignResult }, 'signResult.fdmRef.eventLabel'],
  ])('refuses %s', (_name, change, field) => {
    expect(problemFields(buildFinancialSlip({ ...slipInput, ...change }))).toContain(field);
  });
});

describe('buildReportReceipt', () => {
  const text = renderText(report, { width: 42 });

  it('titles the report, states its number and period, and lays out the figures as given', () => {
    expect(report.blocks[0]).toEqual({ kind: 'banner', text: 'Z FINANCIEEL' });
    expect(text).toMatch(/Rapport nr: +7\n/u);
    expect(text).toMatch(/Van: +12\/06\/2025 06:00:00\n/u);
    expect(text).toMatch(/Tot: +12\/06\/2025 14:00:00\n/u);
    expect(text).toMatch(/BTW-kastickets \(12\) +520,00\n/u);
    expect(text).toMatch(/Lade geopend zonder verkoop: +2\n/u);
    expect(text).toContain('R 5/52');
  });

  it.each<[string, ReportReceiptInput['report'], string]>([
    ['a Z report without number', { ...reportInput.report, reportNo: undefined }, 'report.reportNo'],
    [
      'a period that ends before it starts',
      {
        ...reportInput.report,
        period: { from: '2025-06-12T15:00:00.000+02:00', to: '2025-06-12T14:00:00.000+02:00' },
      },
      'report.period',
    ],
    [
      'a period in UTC',
      {
        ...reportInput.report,
        period: { from: '2025-06-12T06:00:00Z', to: '2025-06-12T14:00:00.000+02:00' },
      },
      'report.period.from',
    ],
    [
      'a period with only an end',
      { ...reportInput.report, period: { from: null, to: '2025-06-12T14:00:00.000+02:00' } },
      'report.period.from',
    ],
    [
      'a row without figure',
      { ...reportInput.report, sections: [{ title: 'Omzet', rows: [{ label: 'Leeg' }] }] },
      'report.sections[0].rows[0]',
    ],
    [
      'a negative count',
      { ...reportInput.report, sections: [{ title: 'Omzet', rows: [{ label: 'x', count: -1 }] }] },
      'report.sections[0].rows[0].count',
    ],
    ['an unknown type', { ...reportInput.report, type: 'Y' as 'X' }, 'report.type'],
  ])('refuses %s', (_name, reportChange, field) => {
    expect(problemFields(buildReportReceipt({ ...reportInput, report: reportChange }))).toContain(field);
  });
});

describe('buildReportReceipt for a period without events', () => {
  const empty = built(
    buildReportReceipt({
      ...reportInput,
      report: {
        ...reportInput.report,
        type: 'X',
        reportNo: undefined,
        period: { from: null, to: null },
        registers: [],
      },
    }),
  );
  const text = renderText(empty, { width: 42 });

  it('says so, and names the register that made it', () => {
    expect(empty.blocks[0]).toEqual({ kind: 'banner', text: 'X FINANCIEEL' });
    expect(text).toMatch(/Periode: +geen verrichtingen\n/u);
    expect(text).toMatch(/Kassa: +CPOS0031234567 TER-1-BAR\n/u);
    expect(text).not.toContain('Rapport nr');
  });
});

describe('buildKitchenTicket', () => {
  const text = renderText(kitchen, { width: 42 });

  it('says what to make, for which table, with the notes, and no amount at all', () => {
    expect(kitchen.blocks[0]).toEqual({ kind: 'banner', text: 'KEUKEN' });
    expect(text).toContain('2 x Burger of the Chef');
    expect(text).toContain('  > zonder ui');
    expect(text).toContain('Allergie: noten');
    expect(kitchen.blocks.some((b) => ['item', 'amount', 'vatTable', 'payments'].includes(b.kind))).toBe(
      false,
    );
    expect(text).not.toMatch(/\d,\d\d/u);
  });

  it.each<[string, Partial<KitchenTicketInput>, string]>([
    ['no items', { items: [] }, 'items'],
    ['an empty note', { items: [{ description: 'Soep', quantity: 1, notes: [''] }] }, 'items[0].notes[0]'],
    ['a NaN quantity', { items: [{ description: 'Soep', quantity: NaN }] }, 'items[0].quantity'],
    ['the INSZ as user', { userAlias: '84022899837' }, 'userAlias'],
    ['order number 0', { orderNo: 0 }, 'orderNo'],
  ])('refuses %s', (_name, change, field) => {
    expect(problemFields(buildKitchenTicket({ ...kitchenInput, ...change }))).toContain(field);
  });
});

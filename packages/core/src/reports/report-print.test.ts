import { describe, expect, it } from 'vitest';
import type { SignResult } from '../fdm-api/types.js';
import { buildReportReceipt } from '../receipt/build/report.js';
import { renderText } from '../receipt/render/text.js';
import { m110Context, m110SignResult } from '../receipt/testing/fod-m110.js';
import { financialReportPrint, usersReportPrint } from './report-print.js';
import { barDay } from './sample-day.js';
import { computeTurnoverReport } from './turnover-report.js';
import { computeUserReport } from './user-report.js';

const reportAnswer: SignResult = {
  ...m110SignResult,
  eventOperation: 'REPORT_TURNOVER_Z',
  fdmRef: { ...m110SignResult.fdmRef, eventLabel: 'R', eventCounter: 2 },
  shortSignature: null,
  verificationUrl: null,
  vatCalc: null,
};
const madeAt = m110Context.posDateTime;

function printed(print: Parameters<typeof buildReportReceipt>[0]['report']): string {
  const receipt = buildReportReceipt({ ...m110Context, report: print, signResult: reportAnswer });
  if (!receipt.ok) throw new Error(JSON.stringify(receipt.error));
  banners.push(receipt.value.blocks[0]);
  return renderText(receipt.value, { width: 48 });
}
const banners: unknown[] = [];

/** Some printed line starts with the label and ends with the figure. */
const row = (text: string, label: string, figure: string): void => {
  const lines = text.split('\n').map((l) => l.trim());
  expect(
    lines.filter((l) => l.startsWith(label) && l.endsWith(figure)),
    `a line "${label} ... ${figure}"`,
  ).not.toEqual([]);
};

describe('financialReportPrint (C-48, C-49) through the receipt builder', () => {
  const computed = computeTurnoverReport(barDay().log.events);
  if (!computed.ok) throw new Error('refused');
  const print = financialReportPrint(computed.value.report, { type: 'Z', reportNo: 4, madeAt });
  const text = printed(print);

  it('prints the Z number, the period and the register covered', () => {
    expect(print).toMatchObject({
      type: 'Z',
      scope: 'turnover',
      reportNo: 4,
      period: { from: '2025-06-12T10:01:00+02:00', to: '2025-06-12T10:12:00+02:00' },
      registers: ['CPOS0031234567 TER-1-BAR'],
    });
    expect(banners).toContainEqual({ kind: 'banner', text: 'Z FINANCIEEL' });
  });

  it('prints every C-48 item with its figure', () => {
    row(text, 'BTW-kastickets', '13,42');
    row(text, 'Aperitifs', '10,82');
    row(text, 'Lade geopend zonder verkoop', '1');
    row(text, 'Trainingtickets', '28,00');
    row(text, 'Terugbetalingen (NR)', '-52,00');
    row(text, 'Pro forma', '25,36');
    row(text, 'Facturen', '52,00');
    row(text, 'DISCOUNT_10P', '-1,18');
    row(text, 'Correcties', '-14,60');
    row(text, 'Drawer 1', '62,40');
    row(text, 'CASH afronding', '0,02');
    for (const title of ['Btw verkopen (NS)', 'Btw terugbetalingen (NR)', 'Btw totaal']) {
      expect(text.toLowerCase()).toContain(title.toLowerCase());
    }
    // the refunded A part: taxable -19,83, VAT -4,17
    expect(text).toMatch(/-19,83/);
    expect(text).toMatch(/-4,17/);
  });

  it('an empty period prints as made at the report time, with zero counters', () => {
    const empty = computeTurnoverReport([]);
    if (!empty.ok) throw new Error('refused');
    const emptyPrint = financialReportPrint(empty.value.report, { type: 'X', madeAt });
    expect(emptyPrint.period).toEqual({ from: madeAt, to: madeAt });
    expect(emptyPrint).not.toHaveProperty('reportNo');
    row(printed(emptyPrint), 'Lade geopend zonder verkoop', '0');
  });
});

describe('usersReportPrint (C-50, C-51)', () => {
  it('prints each user with name, INSZ/BIS, turnover and clock times', () => {
    const computed = computeUserReport(barDay().log.events, { userNames: { '80113078968': 'Bob' } });
    if (!computed.ok) throw new Error('refused');
    const print = usersReportPrint(computed.value.report, { type: 'X', madeAt });
    expect(print.sections.map((s) => s.title)).toEqual(['Bob', '84022899837']);
    expect(print.sections[0]?.rows).toEqual(
      expect.arrayContaining([
        { label: 'INSZ/BIS', value: '80113078968' },
        { label: 'Omzet incl. btw', count: 1, amountCents: 1342 },
        { label: 'Aanmelding', value: '2025-06-12T10:01:00+02:00' },
        { label: 'Afmelding', value: '2025-06-12T10:12:00+02:00' },
      ]),
    );
    printed(print);
    expect(banners).toContainEqual({ kind: 'banner', text: 'X GEBRUIKERS' });
  });
});

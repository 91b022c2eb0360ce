import type { SignResult } from '../../fdm-api/types.js';
import { err, ok, type Result } from '../../result/result.js';
import { assembleReceipt } from '../assemble.js';
import type { IssueContext } from '../inputs.js';
import type { Receipt, ReceiptBlock, VatTableRow } from '../model.js';
import { Problems, type ReceiptProblem } from '../problems.js';
import { brusselsDateAndTime } from './brussels-time.js';
import { checkCents, checkIssueContext, checkPosDateTime, checkText, checkTicketNo } from './check-input.js';
import { tailBlocks } from './sections.js';
import { readSignedFacts } from './signed-facts.js';

/** One figure of a report: a count, an amount, both, or a plain value (a name, a time). */
export interface ReportPrintRow {
  readonly label: string;
  readonly count?: number;
  readonly amountCents?: number;
  readonly value?: string;
}

export interface ReportPrintSection {
  readonly title: string;
  readonly rows: readonly ReportPrintRow[];
  /** Taxable base and VAT per rate, when the section has them (C-48/49). */
  readonly vatRows?: readonly VatTableRow[];
}

/**
 * A report as figures already computed by the reports engine: the receipt only lays them out.
 * Users reports (C-50/51) carry each user's name and INSZ as rows of their own section.
 */
export interface ReportPrint {
  readonly type: 'X' | 'Z';
  readonly scope: 'turnover' | 'users';
  /** Z reports only: the continuous report number. */
  readonly reportNo?: number;
  /** posDateTime of the period's first and last event; null for a period without events. */
  readonly period: { readonly from: string | null; readonly to: string | null };
  /** The registers covered; none means only the one making the report. */
  readonly registers: readonly string[];
  readonly sections: readonly ReportPrintSection[];
}

export interface ReportReceiptInput extends IssueContext {
  readonly report: ReportPrint;
  readonly signResult: SignResult;
}

const scopeTitle = { turnover: 'FINANCIEEL', users: 'GEBRUIKERS' } as const;

/** X/Z FINANCIEEL or GEBRUIKERS (C-46..C-51), control data of the R event, the closing line. */
export function buildReportReceipt(input: ReportReceiptInput): Result<Receipt, ReceiptProblem[]> {
  const problems = new Problems();
  const issuedAt = checkIssueContext(problems, input);
  const report = input.report;
  if (report.type !== 'X' && report.type !== 'Z') {
    problems.add('report.type', `must be X or Z, got ${String(report.type)}`);
  }
  if (report.scope !== 'turnover' && report.scope !== 'users') {
    problems.add('report.scope', `must be turnover or users, got ${String(report.scope)}`);
  }
  if (report.type === 'Z' && report.reportNo === undefined) {
    problems.add('report.reportNo', 'a Z report carries its continuous number (C-48)');
  }
  if (report.reportNo !== undefined) checkTicketNo(problems, 'report.reportNo', report.reportNo);
  const { from, to } = checkPeriod(problems, report.period);
  if (!Array.isArray(report.registers as unknown)) problems.add('report.registers', 'must be a list');
  else report.registers.forEach((r, i) => checkText(problems, `report.registers[${i}]`, r));
  if (!Array.isArray(report.sections as unknown)) problems.add('report.sections', 'must be a list');
  else report.sections.forEach((section, i) => checkSection(problems, `report.sections[${i}]`, section));
  const facts = readSignedFacts(problems, input.signResult, input, { labels: ['R'] });
  if (problems.any || issuedAt === undefined || facts === undefined) return err(problems.list);
  const at = (d: Date): string => {
    const { date, time } = brusselsDateAndTime(d);
    return `${date} ${time}`;
  };
  const head: ReceiptBlock[] = [
    { kind: 'banner', text: `${report.type} ${scopeTitle[report.scope]}` },
    { kind: 'text', text: input.establishment.name, align: 'center', bold: true },
    { kind: 'text', text: `BTW ${input.establishment.vatNo}`, align: 'center', bold: false },
    { kind: 'separator' },
    { kind: 'field', label: 'Gemaakt op', value: at(issuedAt) },
  ];
  if (report.reportNo !== undefined)
    head.push({ kind: 'field', label: 'Rapport nr', value: String(report.reportNo) });
  if (from === undefined || to === undefined) {
    head.push({ kind: 'field', label: 'Periode', value: 'geen verrichtingen' });
  } else {
    head.push(
      { kind: 'field', label: 'Van', value: at(from) },
      { kind: 'field', label: 'Tot', value: at(to) },
    );
  }
  const registers =
    report.registers.length > 0 ? report.registers : [`${input.register.posId} ${input.register.terminalId}`];
  head.push(
    { kind: 'field', label: 'Kassa', value: registers.join(', ') },
    { kind: 'field', label: 'Bediende', value: input.userAlias },
  );
  return ok(
    assembleReceipt('report', [
      ...head,
      ...report.sections.flatMap(sectionBlocks),
      ...tailBlocks(input, facts, { qr: false }),
    ]),
  );
}

function checkPeriod(
  problems: Problems,
  period: ReportPrint['period'],
): { from: Date | undefined; to: Date | undefined } {
  if (period.from === null && period.to === null) return { from: undefined, to: undefined };
  const from = checkPosDateTime(problems, 'report.period.from', period.from);
  const to = checkPosDateTime(problems, 'report.period.to', period.to);
  if (from !== undefined && to !== undefined && from > to)
    problems.add('report.period', 'starts after it ends');
  return { from, to };
}

function checkSection(problems: Problems, field: string, section: ReportPrintSection): void {
  checkText(problems, `${field}.title`, section.title);
  section.rows.forEach((row, i) => {
    const rowField = `${field}.rows[${i}]`;
    checkText(problems, `${rowField}.label`, row.label);
    if (row.count === undefined && row.amountCents === undefined && row.value === undefined) {
      problems.add(rowField, 'has no count, amount or value');
    }
    if (row.count !== undefined && (!Number.isSafeInteger(row.count) || row.count < 0)) {
      problems.add(`${rowField}.count`, `must be an integer >= 0, got ${row.count}`);
    }
    if (row.amountCents !== undefined) checkCents(problems, `${rowField}.amountCents`, row.amountCents);
    if (row.value !== undefined) checkText(problems, `${rowField}.value`, row.value);
  });
  section.vatRows?.forEach((row, i) => {
    for (const key of ['taxableCents', 'vatCents', 'totalCents'] as const) {
      checkCents(problems, `${field}.vatRows[${i}].${key}`, row[key]);
    }
  });
}

function sectionBlocks(section: ReportPrintSection): ReceiptBlock[] {
  const blocks: ReceiptBlock[] = [
    { kind: 'separator' },
    { kind: 'text', text: section.title, align: 'left', bold: true },
  ];
  for (const row of section.rows) {
    if (row.amountCents !== undefined) {
      blocks.push({
        kind: 'amount',
        label: row.value === undefined ? row.label : `${row.label} ${row.value}`,
        amountCents: row.amountCents,
        ...(row.count === undefined ? {} : { count: row.count }),
        emphasis: false,
      });
    } else {
      const value = [row.count === undefined ? '' : String(row.count), row.value ?? ''].filter(
        (v) => v !== '',
      );
      blocks.push({ kind: 'field', label: row.label, value: value.join(' ') });
    }
  }
  if (section.vatRows !== undefined && section.vatRows.length > 0) {
    blocks.push({ kind: 'vatTable', rows: section.vatRows });
  }
  return blocks;
}

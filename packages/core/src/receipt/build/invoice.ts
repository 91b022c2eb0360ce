import type { SignResult } from '../../fdm-api/types.js';
import { formatFdmReference, type FdmReferenceCounters } from '../../labels/fdm-reference.js';
import { err, ok, type Result } from '../../result/result.js';
import { assembleReceipt } from '../assemble.js';
import type { IssueContext, SaleContent } from '../inputs.js';
import { banners, type Receipt, type ReceiptBlock } from '../model.js';
import { Problems, type ReceiptProblem } from '../problems.js';
import { checkIssueContext, checkSaleContent, checkText } from './check-input.js';
import { headerBlocks, saleBodyBlocks, tailBlocks } from './sections.js';
import { readSignedFacts } from './signed-facts.js';
import { vatRowsOf } from './vat-rows.js';

export interface Customer {
  readonly name: string;
  readonly address: readonly string[];
  readonly vatNo: string;
}

/** An I event: an invoice made from one or more VAT tickets (C-45ter). */
export interface InvoiceTicketInput extends IssueContext, SaleContent {
  /** The operator's own continuous invoice number, e.g. "2025/0042". */
  readonly invoiceNo: string;
  readonly customer: Customer;
  /** The N events invoiced. */
  readonly ticketReferences: readonly FdmReferenceCounters[];
  readonly signResult: SignResult;
}

/**
 * FACTUUR with the invoice number, the customer's name, address and VAT number, the VAT tickets
 * it is made from, lines, total and VAT table, then control data and the closing line (an invoice
 * is not a VAT ticket).
 */
export function buildInvoice(input: InvoiceTicketInput): Result<Receipt, ReceiptProblem[]> {
  const problems = new Problems();
  const issuedAt = checkIssueContext(problems, input);
  checkSaleContent(problems, input);
  checkText(problems, 'invoiceNo', input.invoiceNo);
  checkText(problems, 'customer.name', input.customer.name);
  checkText(problems, 'customer.vatNo', input.customer.vatNo);
  if (!Array.isArray(input.customer.address as unknown) || input.customer.address.length === 0) {
    problems.add('customer.address', 'needs at least one line');
  } else input.customer.address.forEach((line, i) => checkText(problems, `customer.address[${i}]`, line));
  checkReferences(problems, input.ticketReferences);
  const facts = readSignedFacts(problems, input.signResult, input, { labels: ['I'] });
  if (problems.any || issuedAt === undefined || facts === undefined) return err(problems.list);
  const vatRows = vatRowsOf(problems, input.lines, facts.vatCalc);
  if (problems.any) return err(problems.list);

  const left = (text: string, bold = false): ReceiptBlock => ({ kind: 'text', text, align: 'left', bold });
  return ok(
    assembleReceipt('invoice', [
      { kind: 'banner', text: banners.invoice },
      ...headerBlocks(input, issuedAt),
      { kind: 'field', label: 'Factuur nr', value: input.invoiceNo },
      { kind: 'separator' },
      left('Klant', true),
      left(input.customer.name),
      ...input.customer.address.map((line) => left(line)),
      left(`BTW ${input.customer.vatNo}`),
      ...input.ticketReferences.map((ref): ReceiptBlock => ({
        kind: 'field',
        label: 'Kasticket',
        value: formatFdmReference(ref),
      })),
      ...saleBodyBlocks(input, vatRows),
      ...tailBlocks(input, facts, { lines: input.lines, qr: false }),
    ]),
  );
}

function checkReferences(problems: Problems, refs: readonly FdmReferenceCounters[]): void {
  if (!Array.isArray(refs as unknown) || refs.length === 0) {
    problems.add('ticketReferences', 'an invoice is made from at least one VAT ticket (C-45ter)');
    return;
  }
  refs.forEach((ref, i) => {
    const counter = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
    if (ref.eventLabel !== 'N') {
      problems.add(
        `ticketReferences[${i}].eventLabel`,
        `must be N (a VAT ticket), got ${String(ref.eventLabel)}`,
      );
    }
    if (!counter(ref.eventCounter) || !counter(ref.totalCounter) || ref.eventCounter > ref.totalCounter) {
      problems.add(
        `ticketReferences[${i}]`,
        'counters must be integers >= 1, the event counter at most the total',
      );
    }
  });
}

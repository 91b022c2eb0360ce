import type { InvoiceInput } from '../fdm-api/types.js';
import { checkCostCenter } from './cost-center.js';
import { checkCustomerVatNo } from './customer-vat-no.js';
import { checkFdmRef, saleLabels } from './fdm-ref.js';
import { type Findings, at } from './findings.js';
import { checkFormat } from './format.js';
import { limits } from './limits.js';
import { checkListSize } from './numbers.js';
import { checkTrimmedText } from './text.js';

/** The invoice-specific part of InvoiceInput: number, customer, the N events it covers. */
export function checkInvoice(findings: Findings, data: InvoiceInput): void {
  checkInvoiceNo(findings, 'invoiceNo', data.invoiceNo);
  checkFormat(
    findings,
    'INVALID_CUSTOMERVATNO',
    'customerVatNo',
    data.customerVatNo,
    checkCustomerVatNo,
    'an EU VAT number in compact form (e.g. BE0308357159, NL123456789B01; Belgian ones with a valid mod-97 check), or NA when unknown',
  );
  checkCostCenter(findings, 'costCenter', data.costCenter);

  if (data.fdmRefs.length === 0) {
    findings.add(
      'EMPTY_FDMREFS',
      'fdmRefs',
      'An invoice must reference at least one signed sale (N event) in fdmRefs.',
    );
    return;
  }
  if (!checkListSize(findings, 'fdmRefs', data.fdmRefs)) return;
  const seen = new Set<string>();
  data.fdmRefs.forEach((ref, index) => {
    const field = at('fdmRefs', index);
    checkFdmRef(findings, field, ref, saleLabels);
    const key = `${ref.fdmId}/${ref.totalCounter}`;
    if (seen.has(key)) {
      findings.add(
        'INVALID_FDMREF',
        field,
        `${field} references ${ref.fdmId} event ${ref.totalCounter} a second time; each sale is invoiced once.`,
      );
    }
    seen.add(key);
  });
}

export function checkInvoiceNo(findings: Findings, field: string, value: string): void {
  checkTrimmedText(findings, 'INVALID_INVOICENO', field, value, limits.maxInvoiceNoLength);
}

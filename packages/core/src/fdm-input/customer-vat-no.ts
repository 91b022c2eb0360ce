import { checkVatNo } from '../ids/index.js';
import type { Result } from '../result/result.js';
import { err, ok } from '../result/result.js';

/** What Odoo, a real client, sends when the customer's VAT number is unknown. */
export const unknownCustomerVatNo = 'NA';

const euVatFormat = /^[A-Z]{2}[A-Z0-9]{2,13}$/;

/**
 * The VAT number of an invoiced customer: any EU VAT format in compact form (country prefix
 * and 2 to 13 letters or digits, no spaces or dots), with the mod-97 check for Belgian ones,
 * or "NA" for unknown.
 */
export function checkCustomerVatNo(value: string): Result<string, { reason: string }> {
  if (value === unknownCustomerVatNo) return ok(value);
  if (typeof value !== 'string' || !euVatFormat.test(value)) {
    return err({
      reason: 'not 2 upper-case letters followed by 2 to 13 upper-case letters or digits',
    });
  }
  if (value.startsWith('BE')) return checkVatNo(value);
  return ok(value);
}

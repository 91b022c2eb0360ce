import { createHash } from 'node:crypto';
import { isCircularVatCode, type CircularVatCode } from '../vat/circular-vat-codes.js';
import { normalisePluDescription } from './description.js';
import { pluPriceField, pluQuantityField, type PluUnit } from './fields.js';

/** One article line of a ticket as C-37 hashes it; the sign of a correction line is not hashed. */
export interface PluLine {
  /** In pieces, kilograms or litres, per `unit`; negative for corrections and returns. */
  quantity: number;
  /** Absent means pieces. */
  unit?: PluUnit;
  description: string;
  /** The line total including VAT, in cents. */
  priceCents: number;
  vat: CircularVatCode;
}

export const pluRecordLength = 33;

/** C-37 record: quantity (4) + description (20) + price (8) + VAT code (1). */
export function pluRecord(line: PluLine): string {
  if (!isCircularVatCode(line.vat))
    throw new RangeError(`PLU VAT code must be A, B, C or D: ${String(line.vat)}`);
  return (
    pluQuantityField(line.quantity, line.unit) +
    normalisePluDescription(line.description) +
    pluPriceField(line.priceCents) +
    line.vat
  );
}

export interface PluHash {
  records: string[];
  /** Lower-case hex SHA-1 of all records concatenated, sent to the FDM. */
  hash: string;
  /** The last 8 characters of the hash, printed on the ticket (C-42 l). */
  printed: string;
}

/** C-37 PLU hash of a ticket's lines in ticket order; no lines hashes the empty string. */
export function pluHash(lines: readonly PluLine[]): PluHash {
  const records = lines.map(pluRecord);
  const hash = createHash('sha1').update(records.join(''), 'ascii').digest('hex');
  return { records, hash, printed: hash.slice(-8) };
}

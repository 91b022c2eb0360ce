import { computeVatCalc } from '../../vat/vat-calc.js';
import type { TicketLine } from '../inputs.js';
import type { VatTableRow } from '../model.js';
import type { Problems } from '../problems.js';
import { totalsByLabel } from './sections.js';

/**
 * The FDM's vatCalc must agree with the printed lines to the cent per label, or the ticket would
 * show what the FDM did not sign.
 */
export function checkVatCalcAgrees(
  problems: Problems,
  lines: readonly TicketLine[],
  vatCalc: readonly VatTableRow[],
): void {
  const fromLines = totalsByLabel(lines);
  const fromFdm = new Map(vatCalc.map((row) => [row.label, row.totalCents]));
  for (const label of new Set([...fromLines.keys(), ...fromFdm.keys()])) {
    const mine = fromLines.get(label) ?? 0;
    const fdm = fromFdm.get(label) ?? 0;
    if (mine !== fdm) {
      problems.add(
        'signResult.vatCalc',
        `label ${label}: the lines total ${mine} cents, the FDM's vatCalc ${fdm} cents`,
      );
    }
  }
}

/**
 * The VAT table of a print that is not a VAT ticket: the FDM's vatCalc when it sent one,
 * otherwise the same rule computed here from the lines (call only with validated lines).
 */
export function vatRowsOf(
  problems: Problems,
  lines: readonly TicketLine[],
  vatCalc: readonly VatTableRow[] | undefined,
): VatTableRow[] {
  if (vatCalc !== undefined) {
    checkVatCalcAgrees(problems, lines, vatCalc);
    return [...vatCalc];
  }
  return computeVatCalc(lines.map((l) => ({ label: l.vatLabel, totalCents: l.amountCents })));
}

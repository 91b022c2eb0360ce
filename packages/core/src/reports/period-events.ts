import type { FdmReferenceInput, SignMutation, SignMutationInputs, SignResult } from '../fdm-api/types.js';
import { eurosToCents } from '../money/money.js';
import type { VatRateTable } from '../vat/vat-rates.js';

/**
 * One fiscal event of the report period as the POS stored it: the mutation it signed, the
 * input it sent and the FDM's answer. Discriminated on `mutation`, so `request` narrows.
 */
export type SignedEvent = {
  readonly [M in SignMutation]: {
    readonly mutation: M;
    readonly isTraining: boolean;
    readonly request: SignMutationInputs[M];
    readonly result: SignResult;
  };
}[SignMutation];

/** What the events alone do not say. */
export interface ReportContext {
  /**
   * Sales signed before the period that an invoice inside it covers (C-45ter): an invoice's
   * amount is the total of the sales it refers to.
   */
  readonly referencedSales?: readonly SignedEvent[];
  /** Printable user names by employeeId (C-50); the INSZ alone is shown when a name is missing. */
  readonly userNames?: Readonly<Record<string, string>>;
  /** Cash in each drawer (by drawer id, '' for payments without a drawer) when the period began. */
  readonly openingDrawerCents?: Readonly<Record<string, number>>;
  /** Rates to compute a sale's VAT when its stored answer lacks vatCalc; the FDM's defaults otherwise. */
  readonly vatRates?: VatRateTable;
}

export type ReportProblem =
  | {
      readonly code: 'INVALID_AMOUNT' | 'INVALID_DATE_TIME';
      /** Index of the event in the list given. */
      readonly event: number;
      readonly field: string;
      readonly message: string;
    }
  | {
      readonly code: 'UNKNOWN_INVOICED_SALE';
      readonly event: number;
      readonly invoiceNo: string;
      readonly fdmRef: FdmReferenceInput;
    };

/**
 * Collects what is wrong with stored events while the figures are summed. The events passed
 * the FDM's checks when they were signed, so a finding here means damaged storage; the report
 * is then refused rather than printed with a figure left out.
 */
export class ProblemList {
  readonly problems: ReportProblem[] = [];

  cents(euros: number, event: number, field: string): number {
    const cents = eurosToCents(euros);
    if (cents.ok) return cents.value;
    this.problems.push({ code: 'INVALID_AMOUNT', event, field, message: cents.error.message });
    return 0;
  }

  /** Milliseconds since the epoch of an RFC 3339 time, for ordering. */
  instant(value: string, event: number, field: string): number {
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isFinite(ms)) return ms;
    this.problems.push({
      code: 'INVALID_DATE_TIME',
      event,
      field,
      message: `not an RFC 3339 time: ${String(value)}`,
    });
    return 0;
  }

  add(problem: ReportProblem): void {
    this.problems.push(problem);
  }
}

/** An FDM reference identifies an event by its FDM and that FDM's total counter. */
export const referenceKey = (ref: { fdmId: string; totalCounter: number }): string =>
  `${ref.fdmId}#${ref.totalCounter}`;

import type { InOut, NegQuantityReason, PaymentLineType, PaymentType, VatLabel } from '../fdm-api/types.js';

/**
 * The printable X/Z reports (C-48..C-51) as neutral data: every amount in integer cents,
 * times as the POS wrote them (RFC 3339 with the Belgian offset). A receipt builder lays them
 * out; the operator's name and VAT number, the time of making and the Z number are added by
 * whoever signs the report.
 */

export interface CountAndTotal {
  readonly count: number;
  readonly totalCents: number;
}

/** A register (posId + terminal) and the first and last event it made in the period. */
export interface RegisterPeriod {
  readonly posId: string;
  readonly terminalId: string;
  readonly firstPosDateTime: string;
  readonly lastPosDateTime: string;
}

/** An FDM and the first and last of its events in the period. */
export interface FdmPeriod {
  readonly fdmId: string;
  readonly firstFdmDateTime: string;
  readonly firstTotalCounter: number;
  readonly lastFdmDateTime: string;
  readonly lastTotalCounter: number;
}

export interface ReportScope {
  /** Earliest and latest posDateTime of the period's events; null when the period is empty. */
  readonly from: string | null;
  readonly to: string | null;
  readonly registers: readonly RegisterPeriod[];
  readonly fdms: readonly FdmPeriod[];
}

export interface DepartmentFigures {
  readonly departmentId: string;
  readonly departmentName: string;
  readonly totalCents: number;
}

export interface VatFigures {
  readonly taxableCents: number;
  readonly vatCents: number;
  readonly totalCents: number;
}

/** One VAT rate: sales (NS) and refunds (NR) apart, and their sum as the FDM computed it. */
export interface VatRateFigures {
  readonly label: VatLabel;
  readonly ratePercent: number;
  readonly sales: VatFigures;
  readonly refunds: VatFigures;
  readonly total: VatFigures;
}

export interface PaymentAmountFigures {
  readonly amountType: PaymentLineType;
  readonly normalCents: number;
  /** Payment corrections that took money away from this method (<= 0). */
  readonly negativeCorrectionsCents: number;
  /** Payment corrections that moved money to this method (>= 0). */
  readonly positiveCorrectionsCents: number;
  readonly correctionsCount: number;
  readonly totalCents: number;
  /** Per ISO currency, the foreign amounts in hundredths, when paid in a foreign currency. */
  readonly normalForeign: readonly { readonly iso: string; readonly amountHundredths: number }[];
  readonly correctionsForeign: readonly { readonly iso: string; readonly amountHundredths: number }[];
}

/** A payment method (its id is shared by every payment with that method). */
export interface PaymentMethodFigures {
  readonly methodId: string;
  readonly name: string;
  readonly type: PaymentType;
  readonly amounts: readonly PaymentAmountFigures[];
  readonly totalCents: number;
}

/**
 * Cash expected in a drawer at the end of the period: the last declaration in the period (or
 * the opening content) plus the cash that moved after it.
 */
export interface DrawerFigures {
  /** '' for cash booked without a drawer. */
  readonly drawerId: string;
  readonly drawerName: string;
  readonly openingCents: number;
  readonly cashPaymentsCents: number;
  readonly cashCorrectionsCents: number;
  readonly moneyInOutCents: number;
  readonly lastDeclaredCents: number | null;
  readonly contentCents: number;
}

/** A price change kind (its id), PUBLIC only, split per VAT label into decreases and increases. */
export interface PriceChangeFigures {
  readonly id: string;
  readonly name: string;
  /** Applications: a discount spread over several lines with one groupingId counts once. */
  readonly count: number;
  readonly negativeCents: number;
  readonly positiveCents: number;
  readonly perLabel: readonly {
    readonly label: VatLabel;
    readonly negativeCents: number;
    readonly positiveCents: number;
  }[];
}

/** Negative lines of one reason: corrections, returns, cancelled lines, refunds (C-48 "other reductions"). */
export interface ReductionFigures {
  readonly reason: NegQuantityReason;
  /** Units taken back (a line of a weighed or measured product counts as one). */
  readonly quantity: number;
  readonly lineCount: number;
  readonly ticketCount: number;
  readonly totalCents: number;
}

export interface InvoiceFigures {
  readonly invoiceNo: string;
  readonly totalCents: number;
}

/** X/Z FINANCIEEL (C-48, C-49). */
export interface FinancialReportModel {
  readonly scope: ReportScope;
  /** NS + NR, incl. VAT; count = the number of VAT tickets. */
  readonly turnover: CountAndTotal;
  readonly departments: readonly DepartmentFigures[];
  readonly vatRates: readonly VatRateFigures[];
  /** Sums of vatRates' sales, refunds and total columns. */
  readonly vatTotals: {
    readonly sales: VatFigures;
    readonly refunds: VatFigures;
    readonly total: VatFigures;
  };
  readonly payments: readonly PaymentMethodFigures[];
  readonly drawers: readonly DrawerFigures[];
  readonly drawerOpeningsWithoutSale: number;
  /** Training sales (TS + TR); never part of the turnover. */
  readonly training: CountAndTotal;
  /** N tickets holding refund lines (NR), and the refunded amount (negative). */
  readonly refunds: CountAndTotal;
  /** P events (PS + PR): orders, pre-bills, table transfers; the transfer's net is zero. */
  readonly proForma: CountAndTotal;
  readonly priceChanges: readonly PriceChangeFigures[];
  readonly reductions: readonly ReductionFigures[];
  readonly invoices: {
    readonly count: number;
    readonly totalCents: number;
    readonly items: readonly InvoiceFigures[];
  };
}

export interface SocialEvent {
  readonly posDateTime: string;
  readonly inOut: InOut;
}

export interface UserFigures {
  readonly employeeId: string;
  /** From the context's userNames; null when unknown. */
  readonly name: string | null;
  /** The user's VAT tickets (NS + NR). */
  readonly turnover: CountAndTotal;
  readonly departments: readonly DepartmentFigures[];
  readonly payments: readonly PaymentMethodFigures[];
  /** Cash the user took in or paid out (sales, corrections, money in/out), all drawers. */
  readonly cashCents: number;
  readonly training: CountAndTotal;
  /** First and last event of the user in the period (any kind but reports). */
  readonly firstPosDateTime: string;
  readonly lastPosDateTime: string;
  /** First and last VAT ticket; null without one. */
  readonly firstTicketPosDateTime: string | null;
  readonly lastTicketPosDateTime: string | null;
  /** Clock in and out (signWorkIn / signWorkOut), in order. */
  readonly socialEvents: readonly SocialEvent[];
}

/** X/Z GEBRUIKERS (C-50, C-51). */
export interface UsersReportModel {
  readonly scope: ReportScope;
  readonly users: readonly UserFigures[];
}

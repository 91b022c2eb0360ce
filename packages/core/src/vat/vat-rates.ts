import type { VatLabel } from '../fdm-api/types.js';

export interface VatRate {
  readonly label: VatLabel;
  readonly ratePercent: number;
  /** Label X: amounts outside the scope of VAT (tips, vouchers); no VAT is computed on them. */
  readonly outOfScope: boolean;
}

export type VatRateTable = Readonly<Record<VatLabel, VatRate>>;

/** The FDM's parameters as the tax administration sets them today (C-43 for A to D). */
export const defaultVatRates: VatRateTable = Object.freeze({
  A: Object.freeze({ label: 'A', ratePercent: 21, outOfScope: false }),
  B: Object.freeze({ label: 'B', ratePercent: 12, outOfScope: false }),
  C: Object.freeze({ label: 'C', ratePercent: 6, outOfScope: false }),
  D: Object.freeze({ label: 'D', ratePercent: 0, outOfScope: false }),
  X: Object.freeze({ label: 'X', ratePercent: 0, outOfScope: true }),
});

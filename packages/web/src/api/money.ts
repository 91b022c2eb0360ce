/** Euros (the API's Float) to integer cents: the API promises at most 2 decimals. */
export const toCents = (euros: number): number => Math.round(euros * 100);

/** Integer cents to the euros the API takes. */
export const toEuros = (cents: number): number => cents / 100;

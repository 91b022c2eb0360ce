/** Why a receipt cannot be built: the input field and the reason, for the POS to show or log. */
export interface ReceiptProblem {
  readonly field: string;
  readonly reason: string;
}

/** Collects every problem of one input, so a caller fixes them all at once. */
export class Problems {
  readonly list: ReceiptProblem[] = [];

  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }

  get any(): boolean {
    return this.list.length > 0;
  }
}

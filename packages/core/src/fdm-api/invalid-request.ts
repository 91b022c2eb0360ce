/**
 * A request the FDM refuses as INVALID_REQUEST (fdm-v2-notes: validation). Validators in core
 * return these as values; the FDM turns them into GraphQL errors with extensions.code, the
 * sub-code in extensions.data and the field path.
 */
export interface InvalidRequest {
  readonly code: 'INVALID_REQUEST';
  /** Machine-readable reason, e.g. INVALID_VATNO, TOTAL_MISMATCH, EXPECTED_NEGQUANTITYREASON. */
  readonly subCode: string;
  /** Path inside the mutation's `data`, e.g. `transaction.transactionLines[0].lineTotal`. */
  readonly field: string;
  /** English explanation: what is wrong and what was expected. */
  readonly message: string;
}

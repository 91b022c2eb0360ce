/** Size limits that keep one request's cost bounded; the schema itself sets none of them. */
export const limits = {
  /** transaction lines per transaction, payment lines, report items: any list. */
  maxListItems: 10_000,
  /** "up to 99" price changes per VAT part (fdm2-graphql §5). */
  maxPriceChanges: 99,
  /** VAT parts of one product; one per label is the norm, some slack for odd splits. */
  maxVatParts: 99,
  /** strings the schema does not bound otherwise. */
  maxTextLength: 600,
  maxPosSwVersionLength: 36,
  maxGtinLength: 20,
  maxInvoiceNoLength: 100,
  /** a table inside a room inside a floor is plenty; deeper nesting is a malformed request. */
  maxCostCenterDepth: 5,
  /** Beyond this many findings the rest are summarised in one TOO_MANY_FINDINGS. */
  maxFindings: 1_000,
  /** quantities are not money: bounded, any decimals. */
  maxAbsQuantity: 1_000_000_000,
  /** Max absolute ROUNDING per ticket: cash rounds to 5 cents, so at most 2 cents either way. */
  maxRoundingCents: 2,
} as const;

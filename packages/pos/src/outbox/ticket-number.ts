/**
 * The POS's numbering scheme for posFiscalTicketNo (C-20): one continuous series per POS (posId)
 * across all labels and terminals, 1..999999999, wrapping to 1 after the last. A number is
 * taken in the same transaction that journals the event, so a rollback gives it back and the
 * series has no gap.
 */
export const maxPosFiscalTicketNo = 999_999_999;

export function nextPosFiscalTicketNo(last: number | null): number {
  if (last === null || last >= maxPosFiscalTicketNo) return 1;
  if (!Number.isInteger(last) || last < 1) throw new Error(`corrupt ticket number in the outbox: ${last}`);
  return last + 1;
}

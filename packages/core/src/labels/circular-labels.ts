/** C-7: the generation-1 label is event type (N, T, P) followed by transaction type (S, R). */
export type CircularLabel = 'NS' | 'NR' | 'TS' | 'TR' | 'PS' | 'PR';

export type CircularEventType = 'NORMAL' | 'TRAINING' | 'PRO_FORMA';
export type CircularTransactionType = 'SALES' | 'REFUND';

const eventTypeLetter = { NORMAL: 'N', TRAINING: 'T', PRO_FORMA: 'P' } as const;
const transactionTypeLetter = { SALES: 'S', REFUND: 'R' } as const;

export function circularLabel(
  eventType: CircularEventType,
  transactionType: CircularTransactionType,
): CircularLabel {
  const label = `${eventTypeLetter[eventType]}${transactionTypeLetter[transactionType]}` as const;
  return label;
}

/**
 * C-44 ticket counter `X/Y ET`, e.g. `42/137 NS`: X counts that event type, Y all tickets.
 * Counters start at 1 and X can never pass Y; anything else is a bug in the caller.
 */
export function formatCircularCounter(counter: number, total: number, label: CircularLabel): string {
  assertCounters(counter, total);
  return `${counter}/${total} ${label}`;
}

export function assertCounters(eventCounter: number, totalCounter: number): void {
  for (const [name, value] of [
    ['event counter', eventCounter],
    ['total counter', totalCounter],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new RangeError(`${name} must be an integer >= 1: ${value}`);
  }
  if (eventCounter > totalCounter) {
    throw new RangeError(`event counter ${eventCounter} exceeds total counter ${totalCounter}`);
  }
}

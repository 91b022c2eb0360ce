import { describe, expect, it } from 'vitest';
import { maxPosFiscalTicketNo, nextPosFiscalTicketNo } from './ticket-number.js';

describe('nextPosFiscalTicketNo (C-20)', () => {
  it('starts the series at 1', () => {
    expect(nextPosFiscalTicketNo(null)).toBe(1);
  });

  it('counts up by one', () => {
    expect(nextPosFiscalTicketNo(1)).toBe(2);
    expect(nextPosFiscalTicketNo(41)).toBe(42);
    expect(nextPosFiscalTicketNo(maxPosFiscalTicketNo - 1)).toBe(maxPosFiscalTicketNo);
  });

  it('wraps to 1 after 999999999', () => {
    expect(nextPosFiscalTicketNo(999_999_999)).toBe(1);
  });

  it.each([0, -1, 1.5, Number.NaN])(
    'treats a stored %s as corruption, not as a number to continue from',
    (last) => {
      expect(() => nextPosFiscalTicketNo(last)).toThrow(/corrupt/);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { circularLabel, formatCircularCounter } from './circular-labels.js';

describe('circularLabel (C-7)', () => {
  it.each([
    ['NORMAL', 'SALES', 'NS'],
    ['NORMAL', 'REFUND', 'NR'],
    ['TRAINING', 'SALES', 'TS'],
    ['TRAINING', 'REFUND', 'TR'],
    ['PRO_FORMA', 'SALES', 'PS'],
    ['PRO_FORMA', 'REFUND', 'PR'],
  ] as const)('C-7: %s x %s = %s', (eventType, transactionType, label) => {
    expect(circularLabel(eventType, transactionType)).toBe(label);
  });
});

describe('formatCircularCounter (C-44)', () => {
  it('C-44: prints X/Y ET', () => {
    expect(formatCircularCounter(42, 137, 'NS')).toBe('42/137 NS');
    expect(formatCircularCounter(1, 1, 'PR')).toBe('1/1 PR');
    expect(formatCircularCounter(9007199254740991, 9007199254740991, 'TS')).toBe(
      '9007199254740991/9007199254740991 TS',
    );
  });

  it.each([
    [0, 1],
    [-1, 5],
    [1.5, 3],
    [Number.NaN, 3],
    [1, Number.POSITIVE_INFINITY],
    [1, 2 ** 53],
    [5, 4],
  ])('refuses counters %s/%s', (counter, total) => {
    expect(() => formatCircularCounter(counter, total, 'NS')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { SequenceTracker } from './sequence-tracker.js';

describe('SequenceTracker', () => {
  it('accepts 1, 2, 3 from 0 with nothing missing', () => {
    const t = new SequenceTracker(0);
    expect([1, 2, 3].map((n) => t.see(n).kind)).toEqual(['next', 'next', 'next']);
    expect(t.stillMissing()).toEqual([]);
  });

  it('reports a gap and keeps it missing', () => {
    const t = new SequenceTracker(0);
    t.see(1);
    expect(t.see(4)).toEqual({ kind: 'gap', from: 2, to: 3 });
    expect(t.stillMissing()).toEqual([[2, 3]]);
  });

  it('tells a swap (late arrival) from a deletion', () => {
    const t = new SequenceTracker(0);
    expect([1, 3, 2, 4].map((n) => t.see(n).kind)).toEqual(['next', 'gap', 'late', 'next']);
    expect(t.stillMissing()).toEqual([]);
  });

  it('splits a missing range when a number inside it arrives', () => {
    const t = new SequenceTracker(0);
    t.see(10);
    t.see(5);
    expect(t.stillMissing()).toEqual([
      [1, 4],
      [6, 9],
    ]);
  });

  it('reports a repeat', () => {
    const t = new SequenceTracker(0);
    t.see(1);
    t.see(2);
    expect(t.see(2).kind).toBe('repeat');
    expect(t.see(1).kind).toBe('repeat');
  });

  it('starts from the first number when the start is unknown (a period dump)', () => {
    const t = new SequenceTracker(undefined);
    expect(t.see(500).kind).toBe('next');
    expect(t.see(501).kind).toBe('next');
  });
});

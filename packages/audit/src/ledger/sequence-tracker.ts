/**
 * Follows a counter that must run 1, 2, 3, ... without gaps. Numbers that are skipped are kept
 * as ranges until they turn up later (then they were out of order, not missing), so memory is
 * bounded by the damage, not by the input.
 */
export class SequenceTracker {
  private highest: number;
  private readonly missing: [number, number][] = [];

  /** `start` is the number before the first expected one (0 for a whole memory). */
  constructor(start: number | undefined) {
    this.highest = start ?? Number.NaN;
  }

  get last(): number {
    return this.highest;
  }

  /** 'next' when n follows, 'gap' when numbers were skipped, 'late' for a missing one arriving, 'repeat'. */
  see(n: number): { kind: 'next' } | { kind: 'gap'; from: number; to: number } | { kind: 'late' | 'repeat' } {
    if (Number.isNaN(this.highest)) {
      this.highest = n;
      return { kind: 'next' };
    }
    if (n === this.highest + 1) {
      this.highest = n;
      return { kind: 'next' };
    }
    if (n > this.highest) {
      const gap = { kind: 'gap' as const, from: this.highest + 1, to: n - 1 };
      this.missing.push([gap.from, gap.to]);
      this.highest = n;
      return gap;
    }
    const i = this.missing.findIndex(([from, to]) => n >= from && n <= to);
    if (i < 0) return { kind: 'repeat' };
    const [from, to] = this.missing[i] as [number, number];
    const pieces: [number, number][] = [];
    if (from < n) pieces.push([from, n - 1]);
    if (n < to) pieces.push([n + 1, to]);
    this.missing.splice(i, 1, ...pieces);
    return { kind: 'late' };
  }

  /** Numbers that never turned up, as inclusive ranges. */
  stillMissing(): readonly (readonly [number, number])[] {
    return this.missing;
  }
}

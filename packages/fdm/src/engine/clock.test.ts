import { describe, expect, it } from 'vitest';
import { ManualClock, MonotonicClock, systemClock } from './clock.js';

describe('MonotonicClock', () => {
  it('follows the host clock while it moves forward', () => {
    const host = new ManualClock('2025-03-01T10:00:00Z');
    const clock = new MonotonicClock(host);
    expect(clock.stamp().toISOString()).toBe('2025-03-01T10:00:00.000Z');
    host.advance(1500);
    expect(clock.stamp().toISOString()).toBe('2025-03-01T10:00:01.500Z');
  });

  it('never goes backwards when the host clock steps back', () => {
    const host = new ManualClock('2025-03-01T10:00:00Z');
    const clock = new MonotonicClock(host);
    clock.stamp();
    host.set('2025-03-01T09:00:00Z');
    expect(clock.stamp().toISOString()).toBe('2025-03-01T10:00:00.000Z');
    expect(clock.peek().toISOString()).toBe('2025-03-01T10:00:00.000Z');
    host.set('2025-03-01T10:00:02Z');
    expect(clock.stamp().toISOString()).toBe('2025-03-01T10:00:02.000Z');
  });

  it('is seeded from the last stored event so a restart with a slow host clock cannot go back', () => {
    const host = new ManualClock('2020-01-01T00:00:00Z');
    const clock = new MonotonicClock(host, new Date('2025-06-01T12:00:00Z'));
    expect(clock.stamp().toISOString()).toBe('2025-06-01T12:00:00.000Z');
  });

  it('is non-decreasing over any sequence of host times', () => {
    const host = new ManualClock('2025-01-01T00:00:00Z');
    const clock = new MonotonicClock(host);
    let previous = -Infinity;
    const steps = [5, -1000, 3, 0, -1, 99999, -99999, 7];
    for (const step of steps) {
      host.advance(step);
      const t = clock.stamp().getTime();
      expect(t).toBeGreaterThanOrEqual(previous);
      previous = t;
    }
  });

  it('systemClock reads the real time', () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(5000);
  });
});

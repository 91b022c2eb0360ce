import { describe, expect, it } from 'vitest';
import { daysInMonth, isLeapYear, utcMillis } from './calendar.js';

describe('calendar', () => {
  it.each<[number, boolean]>([
    [2024, true],
    [2025, false],
    [2000, true],
    [1900, false],
    [2100, false],
    [2400, true],
    [0, true],
  ])('%d leap: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it('knows the 30-day months', () => {
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });

  it('keeps two-digit years as given, unlike Date.UTC', () => {
    expect(new Date(utcMillis(50, 1, 2, 3, 4, 5, 6)).toISOString()).toBe('0050-01-02T03:04:05.006Z');
    expect(utcMillis(2026, 7, 29, 11)).toBe(Date.UTC(2026, 6, 29, 11));
  });
});

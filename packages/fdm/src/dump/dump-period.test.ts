import { describe, it, expect } from 'vitest';
import { checkPeriod, inPeriod, intersectPeriods, parseFdmDer } from './dump-period.js';
import { belgianDateOf, rtcTimestamp } from './belgian-time.js';

describe('parseFdmDer', () => {
  it.each([
    ['FROM=2025-01-01\nTO=2025-01-31\n', { from: '2025-01-01', to: '2025-01-31' }],
    ['TO=2025-01-31', { to: '2025-01-31' }],
    ['FROM=2025-01-01', { from: '2025-01-01' }],
    [
      '\uFEFF# period for the audit\r\nFROM=2024-02-29\r\n\r\nTO=2024-03-01\r\n',
      { from: '2024-02-29', to: '2024-03-01' },
    ],
    ['  FROM=2025-01-01  \n', { from: '2025-01-01' }],
  ])('reads %j', (text, period) => {
    expect(parseFdmDer(text)).toEqual({ ok: true, value: period });
  });

  it.each([
    ['', /no period/],
    ['# only a comment\n', /no period/],
    ['FROM=2025-1-1', /YYYY-MM-DD/],
    ['FROM=2025-02-29', /calendar date/],
    ['FROM=2025-13-01', /calendar date/],
    ['TO=2025-04-31', /calendar date/],
    ['FROM=01/01/2025', /YYYY-MM-DD/],
    ['from=2025-01-01', /line 1/],
    ['FROM = 2025-01-01', /line 1/],
    ['FROM=2025-01-01\nFROM=2025-01-02', /twice/],
    ['FROM=2025-02-01\nTO=2025-01-01', /after it ends/],
    ['FROM=2025-01-01\nUNTIL=2025-02-01', /line 2/],
    ['\u0000\u0001binary', /line 1/],
  ])('refuses %j', (text, reason) => {
    const result = parseFdmDer(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toMatch(reason);
  });
});

describe('periods', () => {
  it('checks option periods like card periods', () => {
    expect(checkPeriod({}).ok).toBe(true);
    expect(checkPeriod({ from: '2025-01-01', to: '2025-01-01' }).ok).toBe(true);
    expect(checkPeriod({ from: '2025-01-02', to: '2025-01-01' }).ok).toBe(false);
    expect(checkPeriod({ to: 'yesterday' }).ok).toBe(false);
  });

  it('intersects two restrictions and tests inclusively', () => {
    expect(intersectPeriods({ from: '2025-01-01', to: '2025-03-01' }, { from: '2025-02-01' })).toEqual({
      from: '2025-02-01',
      to: '2025-03-01',
    });
    expect(intersectPeriods({}, {})).toEqual({});
    expect(intersectPeriods({ to: '2025-01-31' }, { to: '2025-01-15' })).toEqual({ to: '2025-01-15' });
    expect(inPeriod('2025-01-01', { from: '2025-01-01', to: '2025-01-01' })).toBe(true);
    expect(inPeriod('2024-12-31', { from: '2025-01-01' })).toBe(false);
    expect(inPeriod('2025-01-02', { to: '2025-01-01' })).toBe(false);
  });
});

describe('Belgian time', () => {
  it('formats the RTC timestamp as dd/mm/yyyy;hh:mm:ss in Belgian civil time, winter and summer', () => {
    expect(rtcTimestamp(new Date('2025-01-15T08:05:09Z'))).toBe('15/01/2025;09:05:09');
    expect(rtcTimestamp(new Date('2025-07-29T11:00:08Z'))).toBe('29/07/2025;13:00:08');
    expect(rtcTimestamp(new Date('2024-12-31T23:30:00Z'))).toBe('01/01/2025;00:30:00');
  });

  it('dates an instant by the Belgian calendar, across midnight and DST switches', () => {
    expect(belgianDateOf(new Date('2025-03-14T23:30:00Z'))).toBe('2025-03-15');
    expect(belgianDateOf(new Date('2025-03-14T22:59:59Z'))).toBe('2025-03-14');
    expect(belgianDateOf(new Date('2025-07-01T22:00:00Z'))).toBe('2025-07-02');
    expect(belgianDateOf(new Date('2025-07-01T21:59:59Z'))).toBe('2025-07-01');
  });
});

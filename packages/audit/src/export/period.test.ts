import { describe, expect, it } from 'vitest';
import { belgianDate, inPeriod, intersect, parseFdmDer } from './period.js';

describe('parseFdmDer', () => {
  it('reads FROM and TO with comments, blank lines, CRLF and a BOM', () => {
    expect(parseFdmDer('\uFEFF# audit\r\nFROM=2025-01-01\r\n\r\nTO=2025-01-31\r\n')).toEqual({
      ok: true,
      value: { from: '2025-01-01', to: '2025-01-31' },
    });
    expect(parseFdmDer('TO=2025-02-28')).toEqual({ ok: true, value: { to: '2025-02-28' } });
  });
  it.each([
    ['empty', ''],
    ['only comments', '# nothing\n'],
    ['unknown key', 'FROM=2025-01-01\nUNTIL=2025-02-01'],
    ['twice', 'FROM=2025-01-01\nFROM=2025-01-02'],
    ['not a date', 'FROM=01/01/2025'],
    ['not a calendar date', 'TO=2025-02-30'],
    ['reversed', 'FROM=2025-03-01\nTO=2025-02-01'],
    ['lower case', 'from=2025-01-01'],
  ])('refuses %s', (_name, text) => {
    expect(parseFdmDer(text).ok).toBe(false);
  });
});

describe('belgianDate', () => {
  it('puts 23:30 UTC in winter on the next Belgian day', () => {
    expect(belgianDate(Date.parse('2025-01-31T23:30:00Z'))).toBe('2025-02-01');
  });
  it('puts 22:30 UTC in summer on the next Belgian day, 21:30 not', () => {
    expect(belgianDate(Date.parse('2025-07-01T22:30:00Z'))).toBe('2025-07-02');
    expect(belgianDate(Date.parse('2025-07-01T21:30:00Z'))).toBe('2025-07-01');
  });
});

describe('periods', () => {
  it('includes both ends and leaves open ends open', () => {
    const p = { from: '2025-01-01', to: '2025-01-31' };
    expect(['2024-12-31', '2025-01-01', '2025-01-31', '2025-02-01'].map((d) => inPeriod(d, p))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(inPeriod('1999-01-01', {})).toBe(true);
  });
  it('intersects to the later start and the earlier end', () => {
    expect(intersect({ from: '2025-01-01' }, { from: '2025-01-10', to: '2025-02-01' })).toEqual({
      from: '2025-01-10',
      to: '2025-02-01',
    });
  });
});

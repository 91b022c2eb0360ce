import { describe, expect, it } from 'vitest';
import { idCheckers, isIdKind, type IdKind } from './id-checkers.js';

const examples: Record<IdKind, string> = {
  'vat-no': 'BE0308357159',
  'est-no': '2000000042',
  'pos-id': 'CPOS0031234567',
  'pos-production-no': 'BODO001B827EB1',
  'fdm-id': 'FOD01000001',
  'fdm-production-no': 'BMC01000042_v2.1',
  'employee-id': '80113078968',
  'booking-period-id': '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  'booking-date': '2026-07-29',
  'pos-date-time': '2026-07-29T13:00:00.000+02:00',
  'fdm-date-time': '2026-07-29T11:00:00Z',
};
const kinds = Object.keys(examples) as IdKind[];

describe('idCheckers', () => {
  it('has exactly the documented kinds', () => {
    expect(Object.keys(idCheckers).sort()).toEqual([...kinds].sort());
    expect(Object.isFrozen(idCheckers)).toBe(true);
  });

  it('isIdKind knows the kinds and nothing inherited', () => {
    for (const kind of kinds) expect(isIdKind(kind)).toBe(true);
    for (const other of ['', 'vat', 'VAT-NO', 'toString', '__proto__', 'constructor'])
      expect(isIdKind(other)).toBe(false);
  });

  describe.each(kinds)('%s', (kind) => {
    const check = idCheckers[kind];
    const good = examples[kind];

    it('accepts its example unchanged', () => {
      expect(check(good)).toEqual({ ok: true, value: good });
    });

    it.each([' ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\ufeff'])(
      'refuses the example wrapped in %j instead of trimming it',
      (ws) => {
        for (const v of [`${ws}${good}`, `${good}${ws}`, `${ws}${good}${ws}`]) {
          const r = check(v);
          expect(r.ok ? 'accepted' : r.error.reason).toMatch(/leading or trailing whitespace/);
        }
      },
    );

    it.each([undefined, null, 42, {}, ['x']])('refuses the non-string %j at run time', (v) => {
      const r = check(v as unknown as string);
      expect(r.ok ? 'accepted' : r.error.reason).toMatch(/must be a string/);
    });

    it('refuses empty, truncated and doubled values with a reason', () => {
      for (const v of ['', good.slice(0, -1), good + good, good.slice(1), `${good}\u0000`, `${good}\u200b`]) {
        const r = check(v);
        expect(r.ok, JSON.stringify(v)).toBe(false);
        if (!r.ok) expect(r.error.reason.length).toBeGreaterThan(5);
      }
    });
  });
});

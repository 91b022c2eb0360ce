import { describe, expect, it } from 'vitest';
import { isWellFormedInsz } from './insz.js';

describe('isWellFormedInsz (C-29)', () => {
  it('accepts the demo users and the technician number', () => {
    expect(isWellFormedInsz('85010112387')).toBe(true);
    expect(isWellFormedInsz('90031545635')).toBe(true);
    expect(isWellFormedInsz('00000000097')).toBe(true);
    expect(isWellFormedInsz('85.01.01-123.87')).toBe(true);
  });

  it('accepts someone born in 2000 or later (the 2 in front)', () => {
    const body = '010203123';
    const check = String(97 - (Number(`2${body}`) % 97)).padStart(2, '0');
    expect(isWellFormedInsz(body + check)).toBe(true);
  });

  it.each(['85010112388', '8501011238', '850101123870', '', 'abcdefghijk', '85010112387x', '11111111111'])(
    'refuses %j',
    (value) => {
      expect(isWellFormedInsz(value)).toBe(false);
    },
  );
});

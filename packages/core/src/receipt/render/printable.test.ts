import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { center, charWidth, displayWidth, leftRight, printable, wrap } from './printable.js';

describe('printable', () => {
  it.each([
    ['ESC and GS printer commands', 'Cola\x1b@\x1dV\x00', 'Cola@V'],
    ['a bidi override', 'abc\u202Edef', 'abcdef'],
    ['zero-width joiners and spaces', 'a\u200Db\u200Bc\uFEFF', 'abc'],
    ['line breaks and tabs', 'a\nb\r\nc\td', 'a b  c d'],
    ['non-breaking and ideographic spaces', 'a\u00A0b\u3000c', 'a b c'],
    ['DEL and C1 controls', 'a\x7fb\x85c\x9bd', 'abcd'],
    ['a lone surrogate', 'a\uD800b', 'ab'],
    ['private use', 'a\uE000b', 'a?b'],
    ['a decomposed é, composed', 'Cafe\u0301', 'Café'],
    ['combining marks with nothing to compose', 'Z\u0351\u0352\u0353', 'Z'],
  ])('removes %s', (_name, input, expected) => {
    expect(printable(input)).toBe(expected);
  });

  it('keeps accented Latin, Greek, CJK and emoji', () => {
    expect(printable('Crème brûlée Ωμέγα 漢字 🍔')).toBe('Crème brûlée Ωμέγα 漢字 🍔');
  });
});

describe('width', () => {
  it('counts CJK, full-width forms and emoji as two columns', () => {
    expect([...'漢Ａ🍔한'].map(charWidth)).toEqual([2, 2, 2, 2]);
    expect(displayWidth('ab漢')).toBe(4);
  });
});

describe('wrap', () => {
  it('breaks at spaces and cuts words longer than the line', () => {
    expect(wrap('Spaghetti Bolognaise (KLEIN) met extra kaas', 12)).toEqual([
      'Spaghetti',
      'Bolognaise',
      '(KLEIN) met',
      'extra kaas',
    ]);
    expect(wrap('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never splits a wide character over two lines', () => {
    expect(wrap('漢字漢字漢', 5)).toEqual(['漢字', '漢字', '漢']);
  });

  it('gives no line for empty or blank text', () => {
    expect(wrap('', 42)).toEqual([]);
    expect(wrap(' \n\t ', 42)).toEqual([]);
  });

  it('keeps every visible character in order and no line is too wide (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 2, max: 60 }),
        (text, width) => {
          const lines = wrap(text, width);
          for (const line of lines) {
            expect(displayWidth(line)).toBeLessThanOrEqual(width);
            expect(line).toBe(line.trim());
          }
          expect(lines.join('').replace(/ /gu, '')).toBe(printable(text).replace(/ /gu, ''));
        },
      ),
    );
  });
});

describe('leftRight and center', () => {
  it('puts the right text flush with the margin', () => {
    expect(leftRight('TOTAAL', '52,00', 20)).toEqual(['TOTAAL         52,00']);
  });

  it('moves the right text to its own line when both do not fit', () => {
    expect(leftRight('Ticket handtekening:', '3f9a6c2e81d04b7f', 24)).toEqual([
      'Ticket handtekening:',
      '        3f9a6c2e81d04b7f',
    ]);
  });

  it('stays within the width for any texts (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom(42, 48, 21),
        (l, r, width) => {
          for (const line of [...leftRight(l, r, width), center(printable(l).slice(0, 10), width)]) {
            expect(displayWidth(line)).toBeLessThanOrEqual(width);
          }
        },
      ),
    );
  });
});

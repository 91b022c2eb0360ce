import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePluDescription, pluCharacterConversions, pluText } from './description.js';

describe('C-37 character conversion', () => {
  // Written out from C-37 independently of the implementation's table.
  const table: readonly [string, string][] = [
    ...[...'ÀÁÂÃÄÅàáâãäå'].map((c) => [c, 'A'] as [string, string]),
    ['Æ', 'AE'],
    ['æ', 'AE'],
    ['ß', 'SS'],
    ['ẞ', 'SS'],
    ['Ç', 'C'],
    ['ç', 'C'],
    ...[...'ÌÍÎÏìíîï'].map((c) => [c, 'I'] as [string, string]),
    ['€', 'E'],
    ...[...'ÈÉÊËèéêë'].map((c) => [c, 'E'] as [string, string]),
    ...[...'ÙÚÛÜùúûü'].map((c) => [c, 'U'] as [string, string]),
    ...[...'ÒÓÔÕÖòóôõö'].map((c) => [c, 'O'] as [string, string]),
    ['Œ', 'OE'],
    ['œ', 'OE'],
    ['Ñ', 'N'],
    ['ñ', 'N'],
    ...[...'ÝýÿŸ'].map((c) => [c, 'Y'] as [string, string]),
  ];

  it.each(table)('C-37: %s -> %s', (character, replacement) => {
    expect(pluText(character)).toBe(replacement);
    expect(normalisePluDescription(`x${character}1`)).toBe(`X${replacement}1`.padEnd(20));
  });

  it('the table holds exactly these characters', () => {
    expect(new Map(table)).toEqual(pluCharacterConversions);
  });

  it('upper-cases a-z and keeps A-Z and 0-9', () => {
    expect(pluText('abcdefghijklmnopqrstuvwxyz')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(pluText('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  });

  it.each([
    ['punctuation', '.,;:!?\'"()[]{}<>/\\|-_+=*&^%$#@~`', ''],
    ['spaces and whitespace', ' \t\n\r\u00a0\u2003', ''],
    ['emoji (surrogate pairs and ZWJ sequences)', '🍕👨‍👩‍👧🇧🇪', ''],
    ['letters C-37 does not list', 'ØøŁłŠšŽžĐđĞğİıŞş', ''],
    ['look-alike digits and letters', '²³¹½０１ＡＢ٣ⅣΑ', ''],
    ['ligatures are not upper-cased by Unicode rules', 'ﬁﬂ', ''],
    ['combining accents keep the base letter', 'e\u0301A\u0308', 'EA'],
    ['other scripts', 'Кофе咖啡قهوة', ''],
    ['a lone surrogate', '\ud800A\udc00', 'A'],
  ])('drops %s', (_what, text, expected) => {
    expect(pluText(text)).toBe(expected);
  });
});

describe('normalisePluDescription (C-37)', () => {
  it.each([
    ['Soda LIGHT 33 CL.', 'SODALIGHT33CL       '],
    ['Spaghetti Bolognaise (KLEIN)', 'SPAGHETTIBOLOGNAISEK'],
    ['Salad Bar (kg)', 'SALADBARKG          '],
    ['Steak Haché', 'STEAKHACHE          '],
    ['Koffie verkeerd medium', 'KOFFIEVERKEERDMEDIUM'],
    ['Huiswijn (liter)', 'HUISWIJNLITER       '],
    ['crème brulée', 'CREMEBRULEE         '],
    ['this is longer than the allowed 20 characters', 'THISISLONGERTHANTHEA'],
    ['KORTING LENTEMENU', 'KORTINGLENTEMENU    '],
    ['', '                    '],
    ['!!!', '                    '],
    ['Ææææææææææ', 'AEAEAEAEAEAEAEAEAEAE'],
    ['ßßßßßßßßßßß', 'SSSSSSSSSSSSSSSSSSSS'],
    ['a'.repeat(100_000), 'A'.repeat(20)],
  ])('%j -> %j', (text, expected) => {
    expect(normalisePluDescription(text)).toBe(expected);
  });

  it('cuts after conversion: a two-letter replacement at the edge is split', () => {
    expect(normalisePluDescription('1234567890123456789Æ')).toBe('1234567890123456789A');
  });

  it('is always 20 characters of A-Z, 0-9 and trailing spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(normalisePluDescription(text)).toMatch(/^[A-Z0-9]*[ ]*$/);
        expect(normalisePluDescription(text)).toHaveLength(20);
      }),
    );
  });

  it('is idempotent on its trimmed output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const once = normalisePluDescription(text);
        expect(normalisePluDescription(once.trimEnd())).toBe(once);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { checkPosId, checkPosProductionNo } from './pos-ids.js';

const refusals: [string, RegExp][] = [
  ['', /^is empty$/],
  [' XPOS0031234567', /whitespace/],
  ['XPOS0031234567 ', /whitespace/],
  ['XPOS003123456', /14 characters long, got 13/],
  ['XPOS00312345678', /14 characters long, got 15/],
  ['XPOS 003 1234567', /separator/],
  ['XPOS-003-1234567', /separator/],
  [
    'XP0S0031234567',
    /character 3 \('0'\) must be an upper-case letter A-Z \(characters 2-4 are the maker id\)/,
  ],
  ['XPoS0031234567', /character 3 \('o'\).*letter case is significant/],
  ['XPÖS0031234567', /character 3 \('Ö' \(U\+00D6\)\) must be an upper-case letter/],
  ['XPOSA031234567', /character 5 \('A'\) must be a digit 0-9 \(characters 5-7 are the model number\)/],
  ['XPOS00O1234567', /character 7 \('O'\) must be a digit/],
  ['XPOS٠031234567', /character 5 .*U\+0660.* must be a digit/],
  ['XPOS003123456a', /character 14 \('a'\) must be an upper-case letter A-Z or a digit 0-9.*case/],
  ['XPOS003123_567', /character 11 is a separator/],
  ['XPOS003123!567', /character 11 \('!'\) must be an upper-case letter A-Z or a digit/],
  ['XPOS003123\u200b567', /character 11 \(U\+200B\)/],
];

describe('checkPosId', () => {
  it.each(['CPOS0031234567', 'CDEM0000000001', 'CABC123ABCDEFG', 'CZZZ9990000000'])('accepts %s', (v) => {
    expect(checkPosId(v)).toEqual({ ok: true, value: v });
  });

  it.each<[string, RegExp]>([
    ...refusals.map(([v, r]): [string, RegExp] => [v.replace('X', 'C'), r]),
    ['APOS0031234567', /character 1 \('A'\) must be 'C'/],
    ['BODO001B827EB1', /character 1 \('B'\) must be 'C'/],
    ['cPOS0031234567', /character 1 \('c'\) must be 'C'.*case/],
    ['AAAAAA00000000', /must be 'C'/],
  ])('refuses %j: %s', (v, reason) => {
    const r = checkPosId(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(reason);
  });
});

describe('checkPosProductionNo (C-23)', () => {
  it.each(['BODO001B827EB1', 'AXYZ1230000001', 'BABC999ZZZZZZZ'])('accepts %s', (v) => {
    expect(checkPosProductionNo(v)).toEqual({ ok: true, value: v });
  });

  it.each<[string, RegExp]>([
    ...refusals.map(([v, r]): [string, RegExp] => [v.replace('X', 'B'), r]),
    ...refusals.map(([v, r]): [string, RegExp] => [v.replace('X', 'A'), r]),
    ['CPOS0031234567', /character 1 \('C'\) must be 'A' or 'B'/],
    ['bODO001B827EB1', /character 1 \('b'\).*case/],
    ['0ODO001B827EB1', /must be 'A' or 'B'/],
  ])('refuses %j: %s', (v, reason) => {
    const r = checkPosProductionNo(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(reason);
  });
});

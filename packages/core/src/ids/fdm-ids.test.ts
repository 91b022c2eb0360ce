import { describe, expect, it } from 'vitest';
import { checkFdmId, checkFdmProductionNo } from './fdm-ids.js';

describe('checkFdmId', () => {
  it.each(['FOD01000001', 'VCB01002601', 'FDM02030462', 'BMC08000048'])('accepts %s', (v) => {
    expect(checkFdmId(v)).toEqual({ ok: true, value: v });
  });

  it.each<[string, RegExp]>([
    ['', /^is empty$/],
    [' FOD01000001', /whitespace/],
    ['FOD01000001\r\n', /whitespace/],
    ['FOD0100000', /11 characters long, got 10/],
    ['FOD010000011', /11 characters long, got 12/],
    ['FOD 01000001', /character 4 is a separator/],
    ['FOD-01000001', /separator/],
    ['fod01000001', /character 1 \('f'\).*letter case is significant/],
    [
      'F0D01000001',
      /character 2 \('0'\) must be an upper-case letter A-Z \(characters 1-3 are the producer id\)/,
    ],
    ['FODA1000001', /character 4 \('A'\) must be a digit 0-9 \(characters 4-5 are the model number\)/],
    ['FOD0100000A', /character 11 \('A'\) must be a digit 0-9 \(characters 6-11 are the serial number\)/],
    ['FOD0100000١', /character 11 .*U\+0661/],
    ['BMC01000042_v2.1', /FDM production number .* first 11 characters/],
    ['BMC01000042_v2.', /character 12 is a separator/],
    ['CPOS0031234567', /11 characters long/],
  ])('refuses %j: %s', (v, reason) => {
    const r = checkFdmId(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(reason);
  });
});

describe('checkFdmProductionNo (C-59)', () => {
  it.each(['BMC01000042_v2.1', 'FOD01000001_vA.1', 'RET05123456_v1.12', 'ABC99999999_vZ.999'])(
    'accepts %s',
    (v) => {
      expect(checkFdmProductionNo(v)).toEqual({ ok: true, value: v });
    },
  );

  it.each<[string, RegExp]>([
    ['', /^is empty$/],
    [' BMC01000042_v2.1', /whitespace/],
    ['BMC01000042_v2.1 ', /whitespace/],
    ['BMC01000042', /ends after 11 characters: expected '_'/],
    ['BMC01000042_', /ends after 12 characters: expected 'v'/],
    ['BMC01000042_v', /ends after 13 characters: expected an upper-case letter A-Z or a digit/],
    ['BMC01000042_v2', /ends after 14 characters: expected '\.'/],
    ['BMC01000042_v2.', /FDM-VSC protocol version after the last \. is missing/],
    ['BMC01000042v2.1', /character 12 \('v'\) must be '_'/],
    ['BMC01000042-v2.1', /character 12 \('-'\) must be '_'/],
    ['BMC01000042_V2.1', /character 13 \('V'\) must be 'v'.*case/],
    ['BMC01000042_x2.1', /character 13 \('x'\) must be 'v'/],
    ['BMC01000042_va.1', /character 14 \('a'\) must be an upper-case letter A-Z or a digit.*case/],
    ['BMC01000042_v..1', /character 14 \('\.'\)/],
    ['BMC01000042_v2,1', /character 15 \(','\) must be '\.'/],
    ['BMC01000042_v2_1', /character 15 \('_'\) must be '\.'/],
    ['BMC01000042_v2.0', /starts at 1 and has no leading zero/],
    ['BMC01000042_v2.01', /no leading zero/],
    ['BMC01000042_v2.A', /character 16 \('A'\) must be a digit/],
    ['BMC01000042_v2.1a', /character 17 \('a'\) must be a digit/],
    ['BMC01000042_v2.1000', /more than 3 digits/],
    ['bMC01000042_v2.1', /character 1 \('b'\).*case/],
    ['BM001000042_v2.1', /character 3 \('0'\) must be an upper-case letter/],
    ['BMC0A000042_v2.1', /character 5 \('A'\) must be a digit 0-9 \(characters 4-5 are the model number\)/],
    ['BMC0100004_v2.1', /character 11 \('_'\) must be a digit/],
    ['BMC01000042_v2.１', /character 16 .*U\+FF11/],
  ])('refuses %j: %s', (v, reason) => {
    const r = checkFdmProductionNo(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(reason);
  });
});

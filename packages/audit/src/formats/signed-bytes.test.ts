import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { readSignedFields, sha256Hex, shortSignatureOf, signedBytes } from './signed-bytes.js';

// The FDM's published signature test vector (packages/fdm README, "Signature format"),
// reproduced as data so this reader is checked against the format and not against the FDM's code.
const vectorPublicKeyPem = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEoG3cRpH75/xSj2LLIaPSGs5j5WTt
lBydjmzk/q8e9faO9Wou8sTKlt5oVB6fhv87xmp6aMjzBywHwXr0UFushw==
-----END PUBLIC KEY-----
`;
const vectorFields = {
  fdmId: 'FOD01000001',
  fdmDateTime: '2024-07-29T11:00:08Z',
  eventLabel: 'N',
  eventCounter: 15,
  totalCounter: 59,
  eventOperation: 'SALE',
  isTraining: false,
  posId: 'CPOS0031234567',
  posFiscalTicketNo: 1000,
  posDateTime: '2024-07-29T13:00:00+02:00',
  terminalId: 'BAR',
  deviceId: 'DEVICE-01',
  dataHash: '6dfdd98da88e3a74f360a626cfb84226394d47cc853a035b778912febbc50e2a',
  prevHash: '5f3c0b3e1f0c4b1e9a1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f70819',
};
const vectorSignature =
  'qzG877euRBobXU47++Mh8qwa9oebbjzPCSTzhOFaWD0z1vVjC2U86Hc2kjX6NoSuizUCg8sksx/UrGZ2ON9Gtw==';

describe('signedBytes', () => {
  it('reproduces the published vector: bytes hash, signature and short signature', () => {
    const read = readSignedFields(vectorFields);
    if (!('fields' in read)) throw new Error('vector fields rejected');
    const bytes = signedBytes(read.fields);
    expect(sha256Hex(bytes)).toBe('ea0d55ef7dbfdf70f4d2d5a2089acc8ce1a1ec997af4965e07cb1bce4f6c21f3');
    const signature = Buffer.from(vectorSignature, 'base64');
    const key = createPublicKey(vectorPublicKeyPem);
    expect(verify('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    expect(shortSignatureOf(signature)).toBe('324ec9caadb3f1aa19336d61458e5c1d25bacc40');
  });

  it.each([
    ['a missing field', { ...vectorFields, deviceId: undefined }, 'deviceId'],
    ['a counter as text', { ...vectorFields, eventCounter: '15' }, 'eventCounter'],
    ['a negative counter', { ...vectorFields, totalCounter: -1 }, 'totalCounter'],
    ['a fractional ticket number', { ...vectorFields, posFiscalTicketNo: 1.5 }, 'posFiscalTicketNo'],
    ['an upper-case hash', { ...vectorFields, dataHash: vectorFields.dataHash.toUpperCase() }, 'dataHash'],
    ['a short hash', { ...vectorFields, prevHash: 'ab' }, 'prevHash'],
    ['training as a string', { ...vectorFields, isTraining: 'false' }, 'isTraining'],
  ])('refuses %s', (_name, value, field) => {
    expect(readSignedFields(value)).toEqual({ badField: field });
  });

  it('refuses what is not an object', () => {
    expect(readSignedFields(null)).toEqual({ badField: '(fields missing)' });
    expect(readSignedFields('x')).toEqual({ badField: '(fields missing)' });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'é' }, u: undefined })).toBe(
      '{"a":{"c":"é","d":[true,null]},"b":1}',
    );
  });
  it('refuses non-JSON numbers', () => {
    expect(canonicalJson({ a: Number.NaN })).toBeUndefined();
    expect(canonicalJson([Number.POSITIVE_INFINITY])).toBeUndefined();
  });
});

describe('canonicalJson fast and slow paths agree', () => {
  it.each([
    ['sorted', { a: 1, b: { c: [1, 'x', null, { d: true, e: 0.5 }] } }],
    ['unsorted', { b: 1, a: 2 }],
    ['integer-like keys', { '10': 1, '9': 2, a: 3 }],
    ['nested unsorted in an array', [{ z: 1, y: 2 }]],
    ['escapes', { 'k\u0000"': 'line\nbreak \u2028 \ud800' }],
    ['empty', {}],
  ])('%s', (_name, value) => {
    const text = canonicalJson(value) as string;
    // The canonical form re-parsed and re-encoded is itself.
    expect(canonicalJson(JSON.parse(text))).toBe(text);
    expect(JSON.parse(text)).toEqual(value);
  });
  it('writes -0 as 0', () => {
    expect(canonicalJson({ a: -0 })).toBe('{"a":0}');
  });
  it('sorts integer-like keys as strings, not numbers', () => {
    expect(canonicalJson({ '10': 1, '9': 2 })).toBe('{"10":1,"9":2}');
  });
  it('writes undefined members as absent and undefined array items as null', () => {
    expect(canonicalJson({ b: undefined, a: [undefined] })).toBe('{"a":[null]}');
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataHashOf, readSignedFields, shortSignatureOf } from './event-signature.js';

const fields = {
  fdmId: 'FOD01000001',
  fdmDateTime: '2025-03-14T11:01:01.000',
  eventLabel: 'N',
  eventCounter: 1,
  totalCounter: 1,
  eventOperation: 'SALE',
  isTraining: false,
  posId: 'CPOS0031234567',
  posFiscalTicketNo: 1,
  posDateTime: '2025-03-14T11:01:00+01:00',
  terminalId: 'BAR',
  deviceId: 'TABLET-1',
  dataHash: 'a'.repeat(64),
  prevHash: '0'.repeat(64),
};

describe('reading an uploaded event', () => {
  it('accepts the 14 signed fields with their types', () => {
    expect(readSignedFields(fields)).toEqual(fields);
  });

  it.each([
    ['an array', [fields], /not an object/],
    ['null', null, /not an object/],
    ['a counter as text', { ...fields, totalCounter: '1' }, /fields\.totalCounter is missing/],
    ['a negative counter', { ...fields, eventCounter: -1 }, /fields\.eventCounter/],
    ['an upper-case hash', { ...fields, dataHash: 'A'.repeat(64) }, /fields\.dataHash/],
    ['a missing field', { ...fields, deviceId: undefined }, /fields\.deviceId/],
    ['a member that is not signed', { ...fields, extra: 1 }, /not signed/],
  ])('refuses %s with the field at fault', (_name, value, reason) => {
    const read = readSignedFields(value);
    expect(typeof read).toBe('string');
    expect(read).toMatch(reason);
  });

  it('dataHashOf throws on a request that is not JSON data, and hashes canonical JSON otherwise', () => {
    expect(() => dataHashOf({ amount: Number.NaN })).toThrow(/not JSON data/);
    expect(dataHashOf({ b: 1, a: 2 })).toBe(createHash('sha256').update('{"a":2,"b":1}').digest('hex'));
  });

  it('shortSignatureOf is the first 40 hex digits of SHA-256 over the signature bytes', () => {
    const signature = Buffer.alloc(64, 7);
    expect(shortSignatureOf(signature.toString('base64'))).toBe(
      createHash('sha256').update(signature).digest('hex').slice(0, 40),
    );
  });
});

import { prepareSignRequest } from '@gks/fdm-client';
import { describe, expect, it } from 'vitest';
import { readJournaledEvent } from './journaled-events.js';
import { sale } from './test-register.js';

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const request = prepareSignRequest('signSale', sale(1, 1, 10), true).body;
const result = {
  posId: 'CPOS0031234567',
  eventOperation: 'SALE',
  fdmRef: {
    fdmId: 'FOD01000001',
    fdmDateTime: '2025-06-12T08:01:00Z',
    eventLabel: 'T',
    eventCounter: 1,
    totalCounter: 1,
  },
};

describe('readJournaledEvent: the outbox bytes back as a signed event', () => {
  it.each([
    ['the pipeline record', { signResult: result, duplicate: false }],
    ['a GraphQL response', { data: { signSale: result } }],
    ['a bare SignResult', result],
  ])('reads the answer from %s', (_name, answer) => {
    const read = readJournaledEvent(7, 'SALE', 'signed', request, encode(answer));
    expect(read.ok && read.value.signed).toEqual({
      mutation: 'signSale',
      isTraining: true,
      request: sale(1, 1, 10),
      result,
    });
  });

  it('keeps the request of a pending or refused event, without a signed event', () => {
    for (const outcome of [null, 'refused'] as const) {
      const read = readJournaledEvent(7, 'SALE', outcome, request, encode({ error: 'x' }));
      expect(read.ok && [read.value.mutation, read.value.isTraining, read.value.signed]).toEqual([
        'signSale',
        true,
        null,
      ]);
    }
  });

  it.each([
    ['not JSON', new TextEncoder().encode('{'), 'UNREADABLE_REQUEST'],
    [
      'not a sign mutation',
      encode({ query: 'q', operationName: 'Status', variables: { data: {}, isTraining: false } }),
      'UNREADABLE_REQUEST',
    ],
    [
      'without data',
      encode({ query: 'q', operationName: 'SignSale', variables: { isTraining: false } }),
      'UNREADABLE_REQUEST',
    ],
    ['invalid UTF-8', Uint8Array.from([0xff, 0xfe]), 'UNREADABLE_REQUEST'],
  ])('refuses a request that is %s', (_name, bytes, code) => {
    const read = readJournaledEvent(3, 'SALE', 'signed', bytes, encode(result));
    expect(read.ok ? 'read' : [read.error.code, read.error.journalSeq]).toEqual([code, 3]);
  });

  it('refuses a request indexed under another operation', () => {
    const read = readJournaledEvent(3, 'ORDER', 'signed', request, encode(result));
    expect(read.ok ? 'read' : read.error.code).toBe('UNREADABLE_REQUEST');
  });

  it.each([
    ['missing', null],
    ['not JSON', new TextEncoder().encode('nope')],
    ['without fdmRef', encode({ signResult: { posId: 'x' } })],
    ['an error answer', encode({ data: null, errors: [{ message: 'refused' }] })],
  ])('refuses a signed event whose answer is %s', (_name, bytes) => {
    const read = readJournaledEvent(3, 'SALE', 'signed', request, bytes);
    expect(read.ok ? 'read' : read.error.code).toBe('UNREADABLE_RESULT');
  });
});

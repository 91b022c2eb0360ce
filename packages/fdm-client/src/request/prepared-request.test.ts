import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { signMutations } from '@gks/core';
import { signDocuments } from '../operations/documents.js';
import { sampleSale, sampleWorkIn } from '../testing/sample-data.js';
import { prepareSignRequest, preparedSignRequestFromBytes } from './prepared-request.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

describe('prepareSignRequest', () => {
  it('serialises {query, variables: {data, isTraining}, operationName} in that order', () => {
    const prepared = prepareSignRequest('signSale', sampleSale, false);
    const body = JSON.parse(text(prepared.body)) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['query', 'variables', 'operationName']);
    expect(body).toEqual({
      query: signDocuments.signSale.query,
      variables: { data: sampleSale, isTraining: false },
      operationName: 'SignSale',
    });
    expect(prepared).toMatchObject({
      mutation: 'signSale',
      operationName: 'SignSale',
      isTraining: false,
      language: 'NL',
    });
  });

  it('keeps isTraining as given', () => {
    const body = JSON.parse(text(prepareSignRequest('signWorkIn', sampleWorkIn, true).body)) as {
      variables: { isTraining: boolean };
    };
    expect(body.variables.isTraining).toBe(true);
  });

  it('produces the same bytes for the same event', () => {
    const a = prepareSignRequest('signSale', sampleSale, false);
    const b = prepareSignRequest('signSale', structuredClone(sampleSale), false);
    expect(Buffer.from(a.body).equals(Buffer.from(b.body))).toBe(true);
  });

  it.each([
    ['NaN amount', Number.NaN],
    ['infinite amount', Number.POSITIVE_INFINITY],
    ['negative infinity', Number.NEGATIVE_INFINITY],
  ])('refuses to serialise a %s (JSON would silently send null)', (_name, amount) => {
    const sale = structuredClone(sampleSale);
    const payment = sale.financials[0];
    if (payment === undefined) throw new Error('fixture has a payment');
    payment.amount = amount;
    expect(() => prepareSignRequest('signSale', sale, false)).toThrow(/financials\[0\]\.amount/);
  });
});

describe('preparedSignRequestFromBytes (outbox recovery)', () => {
  it.each(signMutations)('rebuilds a %s request with the stored bytes untouched', (mutation) => {
    // Every input shares the common block; the extra fields of other inputs do not matter here.
    const prepared = prepareSignRequest(mutation, sampleSale as never, true);
    const restored = preparedSignRequestFromBytes(Buffer.from(prepared.body));
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.value).toEqual({ ...prepared, body: restored.value.body });
    expect(Buffer.from(restored.value.body).equals(Buffer.from(prepared.body))).toBe(true);
  });

  it('round-trips arbitrary ticket numbers, times and texts byte for byte', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.boolean(),
        (ticketNo, posDateTime, productName, isTraining) => {
          const sale = structuredClone(sampleSale);
          sale.posFiscalTicketNo = ticketNo;
          sale.posDateTime = posDateTime;
          const line = sale.transaction.transactionLines[0];
          if (line !== undefined) line.mainProduct.productName = productName;
          const prepared = prepareSignRequest('signSale', sale, isTraining);
          const restored = preparedSignRequestFromBytes(prepared.body);
          if (!restored.ok) return false;
          const body = JSON.parse(text(restored.value.body)) as { variables: { data: unknown } };
          return (
            Buffer.from(restored.value.body).equals(Buffer.from(prepared.body)) &&
            restored.value.isTraining === isTraining &&
            JSON.stringify(body.variables.data) === JSON.stringify(sale)
          );
        },
      ),
    );
  });

  const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));
  const valid = {
    query: 'mutation SignSale { x }',
    operationName: 'SignSale',
    variables: { data: {}, isTraining: false },
  };

  it.each([
    ['empty bytes', Buffer.alloc(0)],
    ['not JSON', Buffer.from('{"query":')],
    ['a JSON array', json([valid])],
    ['a JSON string', json('SignSale')],
    ['no query', json({ ...valid, query: undefined })],
    ['a query that is not a string', json({ ...valid, query: 42 })],
    ['no operationName', json({ ...valid, operationName: undefined })],
    ['a query operation', json({ ...valid, operationName: 'Status' })],
    ['an unknown operation', json({ ...valid, operationName: 'SignSomething' })],
    ['operation name in the wrong case', json({ ...valid, operationName: 'signSale' })],
    ['no variables', json({ ...valid, variables: undefined })],
    ['variables without data', json({ ...valid, variables: { isTraining: false } })],
    ['data that is a list', json({ ...valid, variables: { data: [], isTraining: false } })],
    ['isTraining missing', json({ ...valid, variables: { data: {} } })],
    ['isTraining as a string', json({ ...valid, variables: { data: {}, isTraining: 'false' } })],
  ])('refuses %s', (_name, bytes) => {
    expect(preparedSignRequestFromBytes(bytes).ok).toBe(false);
  });

  it('accepts a stored request without a known language, leaving language unset', () => {
    const restored = preparedSignRequestFromBytes(
      json({ ...valid, variables: { data: { language: 'XX' }, isTraining: true } }),
    );
    expect(restored).toMatchObject({
      ok: true,
      value: { mutation: 'signSale', language: undefined, isTraining: true },
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { HttpAnswer } from '../transport/http-transport.js';
import { errorAnswer, signAnswer, signResultFor, warning } from '../testing/sample-data.js';
import { readDeviceAnswer, readSignAnswer, readStatusAnswer } from './read-answer.js';

const answer = (body: unknown, status = 200, contentType = 'application/json'): HttpAnswer => ({
  status,
  contentType,
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});

describe('readSignAnswer', () => {
  it('returns the SignResult of the mutation field', () => {
    const read = readSignAnswer(answer(signAnswer('signSale')), 'signSale');
    expect(read).toEqual({
      ok: true,
      value: { result: signResultFor('signSale'), mandatoryMessages: [], duplicate: false },
    });
  });

  it('does not take the result of another field', () => {
    const read = readSignAnswer(answer(signAnswer('signOrder')), 'signSale');
    expect(read).toMatchObject({
      ok: false,
      error: { kind: 'transport', reason: 'BAD_RESPONSE', retryable: true },
    });
  });

  it('surfaces MANDATORY warnings and informations, and only those', () => {
    const mandatoryWarning = warning('BUFFER_NEAR_FULL', 'MANDATORY');
    const mandatoryInfo = { ...warning('UPDATE_POS_VATNO', 'MANDATORY'), message: 'info' };
    const body = signAnswer('signSale', {
      warnings: [warning('RTC_SYNC_FAILED', 'OPTIONAL'), mandatoryWarning, warning('NOP_FAILED', 'NEVER')],
      informations: [mandatoryInfo, { message: 'no extensions' }],
    });
    const read = readSignAnswer(answer(body), 'signSale');
    expect(read.ok && read.value.mandatoryMessages).toEqual([mandatoryWarning, mandatoryInfo]);
    expect(read.ok && read.value.duplicate).toBe(false);
  });

  it('recognises a repeat from a DUPLICATE_REQUEST warning (C-37 duplicate key) as success', () => {
    const body = signAnswer('signWorkIn', { warnings: [warning('DUPLICATE_REQUEST', 'NEVER')] });
    expect(readSignAnswer(answer(body), 'signWorkIn')).toMatchObject({
      ok: true,
      value: { duplicate: true },
    });
  });

  it('recognises DUPLICATE_REQUEST among the errors when the result came with it', () => {
    const body = {
      ...(signAnswer('signSale') as object),
      errors: [{ message: 'dup', extensions: { code: 'DUPLICATE_REQUEST' } }],
    };
    expect(readSignAnswer(answer(body), 'signSale')).toMatchObject({ ok: true, value: { duplicate: true } });
  });

  it('turns a null footer into an empty list', () => {
    const read = readSignAnswer(
      answer(signAnswer('signSale', { footer: null as unknown as string[] })),
      'signSale',
    );
    expect(read.ok && read.value.result.footer).toEqual([]);
  });

  it('reads code, SUBCODE and FIELD of an INVALID_REQUEST as a definitive refusal', () => {
    const body = errorAnswer('INVALID_REQUEST', [
      { name: 'SUBCODE', value: 'TOTAL_MISMATCH' },
      { name: 'FIELD', value: 'transaction.transactionTotal' },
    ]);
    expect(readSignAnswer(answer(body), 'signSale')).toEqual({
      ok: false,
      error: {
        kind: 'fdm',
        code: 'INVALID_REQUEST',
        subCode: 'TOTAL_MISMATCH',
        field: 'transaction.transactionTotal',
        message: 'refused: INVALID_REQUEST',
        retryable: false,
      },
    });
  });

  it('falls back to the error path for the field; the first error decides, the others come along', () => {
    const body = {
      data: null,
      errors: [
        { message: 'first', path: ['signSale', 'fdmRef'], extensions: { code: 'UNKNOWN_POS' } },
        { message: 'second', extensions: { code: 'TIMEOUT' } },
      ],
    };
    expect(readSignAnswer(answer(body), 'signSale')).toEqual({
      ok: false,
      error: {
        kind: 'fdm',
        code: 'UNKNOWN_POS',
        field: 'signSale.fdmRef',
        message: 'first',
        retryable: false,
        more: [{ code: 'TIMEOUT', message: 'second' }],
      },
    });
  });

  it.each([
    ['BUFFER_FULL', false],
    ['FDM_LOCKED', false],
    ['UNAUTHORIZED', false],
    ['FDM_NOT_OPERATIONAL', false],
    ['FDM_BII_NOT_ALLOWED', false],
    ['INTERNAL_FDM_BII_SERVER_ERROR', false],
    ['DUPLICATE_REQUEST', false],
    ['TIMEOUT', true],
    ['FDM_NOT_CONNECTED', true],
    ['INTERNAL_ERROR', true],
  ])('classifies %s as retryable: %s', (code, retryable) => {
    expect(readSignAnswer(answer(errorAnswer(code)), 'signSale')).toMatchObject({
      ok: false,
      error: { kind: 'fdm', code, retryable },
    });
  });

  it('gives errors without a code (schema validation) the code GRAPHQL_ERROR, even with HTTP 400', () => {
    const body = {
      errors: [
        { message: 'Cannot query field "x" on type "SignResult".', locations: [{ line: 1, column: 2 }] },
      ],
    };
    expect(readSignAnswer(answer(body, 400), 'signSale')).toEqual({
      ok: false,
      error: {
        kind: 'fdm',
        code: 'GRAPHQL_ERROR',
        message: 'Cannot query field "x" on type "SignResult".',
        retryable: false,
      },
    });
  });

  it.each([
    [502, true],
    [503, true],
    [500, true],
    [408, true],
    [429, true],
    [401, false],
    [403, false],
    [404, false],
  ])('reports a non-GraphQL HTTP %i as HTTP_STATUS, retryable: %s', (status, retryable) => {
    expect(readSignAnswer(answer('<html>Bad Gateway</html>', status, 'text/html'), 'signSale')).toMatchObject(
      {
        ok: false,
        error: { kind: 'transport', reason: 'HTTP_STATUS', status, retryable },
      },
    );
  });

  it.each([
    ['HTML with 200', '<html>ok</html>'],
    ['truncated JSON', '{"data":{"signSale":'],
    ['a JSON array', '[]'],
    ['JSON without data or errors', '{"result":1}'],
    ['data without the field and no errors', '{"data":{}}'],
    ['data null and no errors', '{"data":null}'],
    ['an empty body', ''],
  ])('reports %s as BAD_RESPONSE', (_name, body) => {
    expect(readSignAnswer(answer(body), 'signSale')).toMatchObject({
      ok: false,
      error: { kind: 'transport', reason: 'BAD_RESPONSE' },
    });
  });

  const broken: [string, Record<string, unknown>][] = [
    ['no digitalSignature', { digitalSignature: undefined }],
    ['a numeric posId', { posId: 17 }],
    ['a string ticket number', { posFiscalTicketNo: '1000' }],
    ['no fdmRef', { fdmRef: null }],
    [
      'fdmRef without totalCounter',
      { fdmRef: { fdmId: 'F', fdmDateTime: 'x', eventLabel: 'N', eventCounter: 1 } },
    ],
    ['no eventOperation', { eventOperation: undefined }],
  ];
  it.each(broken)('reports a result with %s as BAD_RESPONSE', (_name, patch) => {
    const body = { data: { signSale: { ...signResultFor('signSale'), ...patch } } };
    expect(readSignAnswer(answer(body), 'signSale')).toMatchObject({
      ok: false,
      error: { kind: 'transport', reason: 'BAD_RESPONSE' },
    });
  });
});

describe('readStatusAnswer and readDeviceAnswer', () => {
  const device = {
    id: 'FOD01000001',
    fdmId: 'FOD01000001',
    fdmSwVersion: '1.0.0',
    fdmDateTime: '2025-06-12T12:00:00Z',
    bufferCapacityUsed: 0,
  };

  it('reads a status', () => {
    const status = { device, initialized: true, informations: null, warnings: null, errors: null };
    expect(readStatusAnswer(answer({ data: { status } }))).toEqual({ ok: true, value: status });
  });

  it.each([
    ['no device', { initialized: true }],
    ['initialized missing', { device }],
    ['a device without fdmId', { device: { ...device, fdmId: undefined }, initialized: false }],
  ])('reports a status with %s as BAD_RESPONSE', (_name, status) => {
    expect(readStatusAnswer(answer({ data: { status } }))).toMatchObject({
      ok: false,
      error: { reason: 'BAD_RESPONSE' },
    });
  });

  it('reads a device, and a refusal of the device query', () => {
    expect(readDeviceAnswer(answer({ data: { device } }))).toEqual({ ok: true, value: device });
    expect(readDeviceAnswer(answer(errorAnswer('UNAUTHORIZED', [], ['device'])))).toMatchObject({
      ok: false,
      error: { kind: 'fdm', code: 'UNAUTHORIZED' },
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { SignMutation } from '@gks/core';
import { signMutations } from '@gks/core';
import { preparedSignRequestFromBytes } from '../request/prepared-request.js';
import type { RecordedRequest, StubFdmServer, StubReply } from '../testing/stub-fdm-server.js';
import { startStubFdm } from '../testing/stub-fdm-server.js';
import { errorAnswer, sampleSale, sampleWorkIn, signAnswer, warning } from '../testing/sample-data.js';
import { createTransport } from '../transport/http-transport.js';
import { FdmClient } from './fdm-client.js';

let server: StubFdmServer | undefined;
let client: FdmClient | undefined;
let sleeps: number[] = [];

/** Replies in order; the last one repeats. */
const serve = async (...replies: StubReply[]): Promise<StubFdmServer> => {
  server = await startStubFdm((_r, i) => replies[Math.min(i, replies.length - 1)] ?? { kind: 'hang' });
  return server;
};

const connect = (
  stub: StubFdmServer,
  options: { maxResends?: number; delaysMs?: number[]; timeoutMs?: number } = {},
): FdmClient => {
  const transport = createTransport({
    kind: 'lan',
    baseUrl: stub.baseUrl,
    timeoutMs: options.timeoutMs ?? 150,
  });
  if (!transport.ok) throw new Error(transport.error);
  sleeps = [];
  client = new FdmClient({
    transport: transport.value,
    resend: {
      ...(options.maxResends !== undefined ? { maxResends: options.maxResends } : {}),
      delaysMs: options.delaysMs ?? [0],
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return client;
};

const allBodiesEqual = (requests: readonly RecordedRequest[]): boolean =>
  requests.every((r) => r.body.equals(requests[0]?.body ?? Buffer.alloc(0)));

afterEach(async () => {
  client?.close();
  client = undefined;
  await server?.close();
  server = undefined;
});

describe('FdmClient signing', () => {
  it('signs a sale in one attempt and reports the exact bytes sent', async () => {
    const stub = await serve({ kind: 'json', body: signAnswer('signSale') });
    const outcome = await connect(stub).signSale(sampleSale, { isTraining: false });
    expect(outcome).toMatchObject({
      ok: true,
      value: { attempts: 1, duplicate: false, mandatoryMessages: [] },
    });
    if (!outcome.ok) return;
    expect(outcome.value.result.fdmRef.totalCounter).toBe(59);
    expect(Buffer.from(outcome.value.requestBytes).equals(stub.requests[0]?.body ?? Buffer.alloc(0))).toBe(
      true,
    );
    const sent = JSON.parse(stub.requests[0]?.body.toString() ?? '') as Record<string, unknown>;
    expect(sent).toMatchObject({
      operationName: 'SignSale',
      variables: { data: sampleSale, isTraining: false },
    });
    expect(stub.requests[0]?.headers['accept-language']).toBe('nl');
  });

  it('resends the byte-identical request after a timeout and accepts the DUPLICATE_REQUEST answer', async () => {
    const stub = await serve(
      { kind: 'hang' },
      { kind: 'json', body: signAnswer('signSale', { warnings: [warning('DUPLICATE_REQUEST', 'NEVER')] }) },
    );
    const outcome = await connect(stub).signSale(sampleSale, { isTraining: false });
    expect(outcome).toMatchObject({ ok: true, value: { attempts: 2, duplicate: true } });
    expect(stub.requests).toHaveLength(2);
    expect(allBodiesEqual(stub.requests)).toBe(true);
  });

  it('resends the byte-identical request after the connection was dropped with the answer lost', async () => {
    const stub = await serve(
      { kind: 'drop' },
      { kind: 'drop' },
      { kind: 'json', body: signAnswer('signSale') },
    );
    const outcome = await connect(stub).signSale(sampleSale, { isTraining: true });
    expect(outcome).toMatchObject({ ok: true, value: { attempts: 3, duplicate: false } });
    expect(stub.requests).toHaveLength(3);
    expect(allBodiesEqual(stub.requests)).toBe(true);
    const sent = JSON.parse(stub.requests[2]?.body.toString() ?? '') as {
      variables: { isTraining: boolean };
    };
    expect(sent.variables.isTraining).toBe(true);
  });

  it('resends after a non-JSON 502 and after a truncated answer', async () => {
    const stub = await serve(
      { kind: 'raw', status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' },
      { kind: 'truncate' },
      { kind: 'json', body: signAnswer('signSale') },
    );
    const outcome = await connect(stub).signSale(sampleSale, { isTraining: false });
    expect(outcome).toMatchObject({ ok: true, value: { attempts: 3 } });
    expect(allBodiesEqual(stub.requests)).toBe(true);
  });

  it('resends after a bridge TIMEOUT error (A-11) and FDM_NOT_CONNECTED', async () => {
    const stub = await serve(
      { kind: 'json', body: errorAnswer('TIMEOUT') },
      { kind: 'json', body: errorAnswer('FDM_NOT_CONNECTED') },
      { kind: 'json', body: signAnswer('signSale') },
    );
    const outcome = await connect(stub).signSale(sampleSale, { isTraining: false });
    expect(outcome).toMatchObject({ ok: true, value: { attempts: 3 } });
    expect(allBodiesEqual(stub.requests)).toBe(true);
  });

  it('gives up after maxResends with the last failure, waiting the back-off delays in between', async () => {
    const stub = await serve({ kind: 'raw', status: 503, contentType: 'text/plain', body: 'busy' });
    const outcome = await connect(stub, { maxResends: 3, delaysMs: [10, 40] }).signSale(sampleSale, {
      isTraining: false,
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { kind: 'transport', reason: 'HTTP_STATUS', status: 503 },
    });
    expect(stub.requests).toHaveLength(4);
    expect(allBodiesEqual(stub.requests)).toBe(true);
    expect(sleeps).toEqual([10, 40, 40]);
  });

  it('does not resend at all with maxResends 0', async () => {
    const stub = await serve({ kind: 'hang' });
    const outcome = await connect(stub, { maxResends: 0 }).signSale(sampleSale, { isTraining: false });
    expect(outcome).toMatchObject({ ok: false, error: { reason: 'TIMEOUT' } });
    expect(stub.requests).toHaveLength(1);
  });

  it.each([
    ['INVALID_REQUEST', [{ name: 'SUBCODE', value: 'TOTAL_MISMATCH' }]],
    ['UNKNOWN_POS', []],
    ['BUFFER_FULL', []],
    ['FDM_LOCKED', []],
    ['UNAUTHORIZED', []],
    ['FDM_BII_NOT_ALLOWED', []],
    ['DUPLICATE_REQUEST', []],
  ])('does not resend after the definitive error %s', async (code, data) => {
    const stub = await serve(
      { kind: 'json', body: errorAnswer(code, data) },
      { kind: 'json', body: signAnswer('signSale') },
    );
    const outcome = await connect(stub).signSale(sampleSale, { isTraining: false });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'fdm', code, retryable: false } });
    expect(stub.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('returns the sub-code and field of an INVALID_REQUEST', async () => {
    const stub = await serve({
      kind: 'json',
      body: errorAnswer('INVALID_REQUEST', [
        { name: 'SUBCODE', value: 'EXPECTED_NEGQUANTITYREASON' },
        { name: 'FIELD', value: 'transaction.transactionLines[0].mainProduct.negQuantityReason' },
      ]),
    });
    const outcome = await connect(stub).signSale(sampleSale, { isTraining: false });
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        subCode: 'EXPECTED_NEGQUANTITYREASON',
        field: 'transaction.transactionLines[0].mainProduct.negQuantityReason',
      },
    });
  });

  it('does not resend a definitive HTTP 401', async () => {
    const stub = await serve({ kind: 'raw', status: 401, contentType: 'text/plain', body: 'no' });
    const outcome = await connect(stub).signSale(sampleSale, { isTraining: false });
    expect(outcome).toMatchObject({
      ok: false,
      error: { reason: 'HTTP_STATUS', status: 401, retryable: false },
    });
    expect(stub.requests).toHaveLength(1);
  });

  it('surfaces the MANDATORY warnings for the caller to show', async () => {
    const mandatory = warning('BUFFER_NEAR_FULL', 'MANDATORY');
    const stub = await serve({
      kind: 'json',
      body: signAnswer('signSale', { warnings: [warning('RTC_SYNC_FAILED', 'OPTIONAL'), mandatory] }),
    });
    const outcome = await connect(stub).signSale(sampleSale, { isTraining: false });
    expect(outcome.ok && outcome.value.mandatoryMessages).toEqual([mandatory]);
    expect(outcome.ok && outcome.value.result.warnings).toHaveLength(2);
  });

  it.each(signMutations)(
    '%s posts its own operation and reads its own field',
    async (mutation: SignMutation) => {
      const stub = await serve({ kind: 'json', body: signAnswer(mutation) });
      const fdm = connect(stub);
      // The stub does not look at the input, so one common-block input serves all 15 methods.
      const data = sampleWorkIn as never;
      const outcome = await fdm[mutation](data, { isTraining: false });
      expect(outcome.ok).toBe(true);
      const sent = JSON.parse(stub.requests[0]?.body.toString() ?? '') as {
        query: string;
        operationName: string;
      };
      expect(sent.operationName.toLowerCase()).toBe(mutation.toLowerCase());
      expect(sent.query).toContain(`{ ${mutation}(data: $data, isTraining: $isTraining)`);
    },
  );
});

describe('FdmClient outbox: prepare, store, send', () => {
  it('sends exactly the prepared bytes, also after they were restored from storage', async () => {
    const stub = await serve({ kind: 'drop' }, { kind: 'json', body: signAnswer('signSale') });
    const fdm = connect(stub);
    const prepared = fdm.prepare('signSale', sampleSale, false);
    const stored = Buffer.from(prepared.body); // what the POS writes before sending
    const restored = preparedSignRequestFromBytes(stored);
    if (!restored.ok) throw new Error(restored.error);
    const outcome = await fdm.send(restored.value);
    expect(outcome).toMatchObject({ ok: true, value: { attempts: 2 } });
    for (const request of stub.requests) expect(request.body.equals(stored)).toBe(true);
  });

  it('sending the same prepared request twice sends the same bytes twice', async () => {
    const stub = await serve({ kind: 'json', body: signAnswer('signWorkOut') });
    const fdm = connect(stub);
    const prepared = fdm.prepare('signWorkOut', sampleWorkIn, false);
    await fdm.send(prepared);
    await fdm.send(prepared);
    expect(stub.requests).toHaveLength(2);
    expect(allBodiesEqual(stub.requests)).toBe(true);
  });
});

describe('FdmClient queries', () => {
  const device = {
    id: 'FOD01000001',
    fdmId: 'FOD01000001',
    fdmSwVersion: '1.0.0',
    fdmDateTime: '2025-06-12T12:00:00Z',
    bufferCapacityUsed: 3.5,
  };
  const status = { device, initialized: true, informations: null, warnings: null, errors: null };

  it('asks status without the language argument unless a language is given', async () => {
    const stub = await serve({ kind: 'json', body: { data: { status } } });
    const fdm = connect(stub);
    expect(await fdm.status()).toEqual({ ok: true, value: status });
    expect(await fdm.status('FR')).toEqual({ ok: true, value: status });
    const [plain, french] = stub.requests.map(
      (r) => JSON.parse(r.body.toString()) as Record<string, unknown>,
    );
    expect(plain).toMatchObject({ operationName: 'Status', variables: {} });
    expect(String(plain?.['query'])).not.toContain('language');
    expect(french).toMatchObject({ operationName: 'StatusInLanguage', variables: { language: 'FR' } });
    expect(stub.requests[1]?.headers['accept-language']).toBe('fr');
  });

  it('reads the device query, and retries it after a timeout', async () => {
    const stub = await serve({ kind: 'hang' }, { kind: 'json', body: { data: { device } } });
    expect(await connect(stub).device()).toEqual({ ok: true, value: device });
    expect(stub.requests).toHaveLength(2);
  });

  it('returns a refusal of status as a value', async () => {
    const stub = await serve({ kind: 'json', body: errorAnswer('FDM_NOT_OPERATIONAL', [], ['status']) });
    expect(await connect(stub).status()).toMatchObject({
      ok: false,
      error: { kind: 'fdm', code: 'FDM_NOT_OPERATIONAL' },
    });
  });
});

describe('FdmClient configuration', () => {
  it.each([
    ['negative maxResends', { maxResends: -1 }],
    ['fractional maxResends', { maxResends: 1.5 }],
    ['no delays', { delaysMs: [] }],
    ['a negative delay', { delaysMs: [10, -1] }],
    ['a NaN delay', { delaysMs: [Number.NaN] }],
  ])('refuses %s', (_name, resend) => {
    const transport = createTransport({ kind: 'lan', baseUrl: 'http://127.0.0.1:9' });
    if (!transport.ok) throw new Error(transport.error);
    expect(() => new FdmClient({ transport: transport.value, resend })).toThrow(RangeError);
    transport.value.close();
  });
});

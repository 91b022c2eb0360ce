import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../engine/clock.js';
import { m110Sale, signDocument } from '../e2e/fod-requests.js';
import { scratchEngine, type ScratchEngine } from '../e2e/scratch-engine.js';
import { serveEngine, type ServedFdm } from './serve-engine.js';

let fdm: ScratchEngine;
let served: ServedFdm;
beforeEach(async () => {
  fdm = await scratchEngine(new ManualClock('2024-07-29T11:00:08Z'));
  served = await serveEngine(fdm.engine, {
    limits: { maxBodyBytes: 64 * 1024, maxTokens: 5000, maxDepth: 15 },
  });
});
afterEach(async () => {
  await served.stop();
  await fdm.dispose();
});

const saleBody = (ticket: number) =>
  JSON.stringify({
    query: signDocument('signSale'),
    variables: { data: m110Sale(ticket), isTraining: false },
  });

async function post(body: string): Promise<{
  status: number;
  json: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
}> {
  const res = await fetch(served.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, json: (await res.json()) as never };
}

async function setFaults(patch: unknown): Promise<void> {
  const res = await fetch(served.adminUrl ?? '', {
    method: 'POST',
    headers: { authorization: `Bearer ${served.adminToken ?? ''}` },
    body: JSON.stringify(patch),
  });
  expect(res.status).toBe(200);
}

describe('FDM over HTTP', () => {
  it('listens on 127.0.0.1 and signs', async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const { status, json } = await post(saleBody(1));
    expect(status).toBe(200);
    expect(json.errors).toBeUndefined();
    expect(fdm.memory.count).toBe(1);
  });

  it('refuses a body over the limit with 413 and a GraphQL error, and keeps serving', async () => {
    const huge = JSON.stringify({ query: '{ device { id } }', variables: { pad: 'x'.repeat(100 * 1024) } });
    const { status, json } = await post(huge);
    expect(status).toBe(413);
    expect(json.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_REQUEST' });
    expect((await post(saleBody(2))).status).toBe(200);
  });

  it('cuts a body far over the limit without reading it', async () => {
    const result = await new Promise<string>((resolve) => {
      const req = request(served.url, {
        method: 'POST',
        headers: { 'content-length': String(64 * 1024 * 1024), 'content-type': 'application/json' },
      });
      req.on('response', (res) => resolve(String(res.statusCode)));
      req.on('error', () => resolve('cut'));
      req.write('x'.repeat(1024));
    });
    expect(['413', 'cut']).toContain(result);
    expect((await post(saleBody(3))).status).toBe(200);
  });

  it('drops the connection after signing when told to: the event is stored, the answer lost', async () => {
    await setFaults({ dropResponses: 1 });
    await expect(post(saleBody(4))).rejects.toThrow();
    expect(fdm.memory.count).toBe(1);
    // The POS resends the byte-identical request and gets the original with DUPLICATE_REQUEST.
    const again = await post(saleBody(4));
    const warnings = (again.json.data as { signResult: { warnings: { extensions: { code: string } }[] } })
      .signResult.warnings;
    expect(warnings.map((w) => w.extensions.code)).toEqual(['DUPLICATE_REQUEST']);
    expect(fdm.memory.count).toBe(1);
  });

  it('answers an injected error code until it is switched off', async () => {
    await setFaults({ error: 'FDM_LOCKED' });
    expect((await post(saleBody(5))).json.errors?.[0]?.extensions?.['code']).toBe('FDM_LOCKED');
    await setFaults({ error: null });
    expect((await post(saleBody(5))).json.errors).toBeUndefined();
  });

  it('serves 20 parallel clients with gap-free counters', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(saleBody(100 + i))));
    const totals = answers
      .map(
        (a) =>
          (a.json.data as { signResult: { fdmRef: { totalCounter: number } } }).signResult.fdmRef
            .totalCounter,
      )
      .sort((a, b) => a - b);
    expect(totals).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it.each([
    ['malformed JSON', '{"query": "mutation {'],
    ['a batch', JSON.stringify([{ query: '{ device { id } }' }])],
    [
      'an unknown input field',
      JSON.stringify({
        query: signDocument('signSale'),
        variables: { data: { ...m110Sale(9), colour: 'red' }, isTraining: false },
      }),
    ],
    [
      'a wrong variable type',
      JSON.stringify({
        query: signDocument('signSale'),
        variables: { data: { ...m110Sale(9), posFiscalTicketNo: 'x' }, isTraining: false },
      }),
    ],
    [
      'two operations without a name',
      JSON.stringify({ query: 'query A { device { id } } query B { device { id } }' }),
    ],
    ['a syntax error', JSON.stringify({ query: 'mutation {' })],
    ['an unknown field', JSON.stringify({ query: '{ device { serialNumber } }' })],
    [
      'a query nested too deep',
      JSON.stringify({
        query: `{ __schema { types { fields { type ${'{ ofType '.repeat(20)}{ name }${' }'.repeat(20)} } } } }`,
      }),
    ],
    ['too many tokens', JSON.stringify({ query: `{ ${'device { id } '.repeat(3000)} }` })],
    ['variables as a string', JSON.stringify({ query: '{ device { id } }', variables: 'x' })],
  ])('answers %s over HTTP with an error, stores nothing, keeps serving', async (_name, body) => {
    const { status, json } = await post(body);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    expect(json.errors?.length ?? 0).toBeGreaterThan(0);
    expect(fdm.memory.count).toBe(0);
    expect((await post(saleBody(10))).json.errors).toBeUndefined();
    expect(fdm.memory.count).toBe(1);
  });

  it('localises errors from Accept-Language when the request names no valid language', async () => {
    const res = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'de-BE,de;q=0.9' },
      body: JSON.stringify({ query: '{ status { warnings { message } } }' }),
    });
    expect(res.status).toBe(200);
    await setFaults({ notOperational: true });
    const status = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'de-BE,de;q=0.9' },
      body: JSON.stringify({ query: '{ status { errors { message } } }' }),
    });
    expect(JSON.stringify(await status.json())).toContain('nicht betriebsbereit');
  });
});

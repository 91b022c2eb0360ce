import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../engine/clock.js';
import { m110Sale, signDocument } from '../e2e/fod-requests.js';
import { scratchEngine, type ScratchEngine } from '../e2e/scratch-engine.js';
import { createFastPath, type FastPath } from './fast-path.js';
import { createFdmYoga, type FdmExchange, type FdmYoga } from './fdm-yoga.js';

let fdm: ScratchEngine;
let yoga: FdmYoga;
let fast: FastPath;
beforeEach(async () => {
  fdm = await scratchEngine(new ManualClock('2024-07-29T11:00:08Z'));
  yoga = createFdmYoga(fdm.engine);
  fast = createFastPath(yoga);
});
afterEach(async () => {
  await fdm.dispose();
});

const newExchange = (): FdmExchange => ({ dropConnection: false, extraErrors: [] });

function saleBody(ticket: number, change: (data: Record<string, unknown>) => void = () => undefined) {
  const data = m110Sale(ticket) as unknown as Record<string, unknown>;
  change(data);
  return JSON.stringify({ query: signDocument('signSale'), variables: { data, isTraining: false } });
}

async function viaYoga(body: string): Promise<string> {
  const res = await yoga.fetch('http://fdm.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return res.text();
}

async function viaFastPath(body: string, exchange = newExchange()): Promise<string> {
  const answer = await fast(body, 'application/json', undefined, undefined, exchange);
  expect(answer?.status).toBe(200);
  return answer?.body ?? '';
}

describe('the fast path', () => {
  it('signs once per request and answers what graphql answers for the same event', async () => {
    const first = JSON.parse(await viaFastPath(saleBody(1))) as { data: { signResult: { fdmRef: unknown } } };
    expect(fdm.memory.count).toBe(1);
    // The resend goes through yoga: the original answer plus the duplicate warning, nothing stored.
    const again = JSON.parse(await viaYoga(saleBody(1))) as typeof first;
    expect(again.data.signResult.fdmRef).toEqual(first.data.signResult.fdmRef);
    expect(fdm.memory.count).toBe(1);
    // And the other way round: the fast path's duplicate answer is yoga's, byte for byte.
    expect(await viaFastPath(saleBody(1))).toBe(await viaYoga(saleBody(1)));
    expect(fdm.memory.count).toBe(1);
  });

  it.each([
    [
      'a total that does not add up (core validation, several findings)',
      (d: Record<string, unknown>) => {
        (d['transaction'] as Record<string, unknown>)['transactionTotal'] = 1;
        d['posSwVersion'] = '';
      },
    ],
    ['an unknown POS', (d: Record<string, unknown>) => (d['posId'] = 'CPOS9999999999')],
    ['a foreign VAT number', (d: Record<string, unknown>) => (d['vatNo'] = 'BE0000000196')],
  ])("refuses %s with exactly graphql's answer, logged once per request", async (_, change) => {
    const viaFast = await viaFastPath(saleBody(5, change));
    expect(fdm.errorLog.entries).toHaveLength(1);
    const reference = await viaYoga(saleBody(5, change));
    expect(fdm.errorLog.entries).toHaveLength(2);
    expect(viaFast).toBe(reference);
    const parsed = JSON.parse(viaFast) as { data: unknown; errors: { path?: string[] }[] };
    expect(parsed.data).toBeNull();
    expect(parsed.errors[0]?.path).toEqual(['signResult']);
    expect(fdm.memory.count).toBe(0);
  });

  it.each([
    ['a wrong type', (d: Record<string, unknown>) => (d['posFiscalTicketNo'] = 'seven')],
    ['an unknown field', (d: Record<string, unknown>) => (d['surprise'] = 1)],
    ['a missing required field', (d: Record<string, unknown>) => delete d['posId']],
    ['a null for a required field', (d: Record<string, unknown>) => (d['language'] = null)],
  ])('leaves a request with %s to yoga, which answers it as before', async (_, change) => {
    expect(
      await fast(saleBody(6, change), 'application/json', undefined, undefined, newExchange()),
    ).toBeUndefined();
    expect(await viaYoga(saleBody(6, change))).toMatch(
      /^\{"errors":\[\{"message":"Variable \\"\$data\\" got invalid value/,
    );
    expect(fdm.memory.count).toBe(0);
    expect(fdm.errorLog.entries).toHaveLength(0);
  });

  it('signs a single object where a list is due, as graphql coerces it', async () => {
    const body = saleBody(7, (d) => (d['financials'] = (d['financials'] as unknown[])[0]));
    expect(JSON.parse(await viaFastPath(body))).toMatchObject({
      data: { signResult: { posFiscalTicketNo: 7 } },
    });
    expect(fdm.memory.count).toBe(1);
  });

  it('loses the answer of a signed event when told to, and stores it once', async () => {
    fdm.faults.update({ dropResponses: 1 });
    const exchange = newExchange();
    await viaFastPath(saleBody(8), exchange);
    expect(exchange.dropConnection).toBe(true);
    expect(fdm.memory.count).toBe(1);
  });

  it('declines what is not one JSON object of a valid document, for yoga to answer', async () => {
    const answer = (body: string, type = 'application/json') =>
      fast(body, type, undefined, undefined, newExchange());
    expect(await answer('{')).toBeUndefined();
    expect(await answer('[]')).toBeUndefined();
    expect(await answer(saleBody(9), 'text/plain')).toBeUndefined();
    expect(await answer(JSON.stringify({ query: 'mutation { nope }' }))).toBeUndefined();
    expect(await answer(JSON.stringify({ query: '{', variables: {} }))).toBeUndefined();
    expect(
      await answer(JSON.stringify({ query: signDocument('signSale'), operationName: 'Other' })),
    ).toBeUndefined();
    expect(fdm.memory.count).toBe(0);
  });
});

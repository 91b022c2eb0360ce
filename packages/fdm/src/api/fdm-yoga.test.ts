import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../engine/clock.js';
import { m110Sale, signDocument } from '../e2e/fod-requests.js';
import { scratchEngine, type ScratchEngine } from '../e2e/scratch-engine.js';
import { createFdmYoga, type FdmYoga } from './fdm-yoga.js';
import { defaultLimits } from './limits.js';

let fdm: ScratchEngine;
let yoga: FdmYoga;
beforeEach(async () => {
  fdm = await scratchEngine(new ManualClock('2024-07-29T11:00:08Z'));
  yoga = createFdmYoga(fdm.engine);
});
afterEach(async () => {
  await fdm.dispose();
});

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await yoga.fetch('http://fdm.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, json: (await res.json()) as GraphQLAnswer };
}

const signSale = (data: unknown, isTraining = false, headers: Record<string, string> = {}) =>
  post(JSON.stringify({ query: signDocument('signSale'), variables: { data, isTraining } }), headers);

describe('FDM GraphQL API', () => {
  it('answers status and device', async () => {
    const { json } = await post(
      JSON.stringify({
        query:
          '{ status { device { id fdmId fdmSwVersion fdmDateTime bufferCapacityUsed } initialized errors { message } } device { id } }',
      }),
    );
    expect(json.errors).toBeUndefined();
    expect(json.data).toEqual({
      status: {
        device: {
          id: 'FOD01000001',
          fdmId: 'FOD01000001',
          fdmSwVersion: '0.1.0',
          fdmDateTime: '2024-07-29T11:00:08Z',
          bufferCapacityUsed: 0,
        },
        initialized: true,
        errors: [],
      },
      device: { id: 'FOD01000001' },
    });
  });

  it('reports a not-operational FDM in status errors, in the asked language', async () => {
    fdm.faults.update({ notOperational: true });
    const { json } = await post(
      JSON.stringify({ query: '{ status(language: FR) { errors { message extensions { code } } } }' }),
    );
    expect(json.data).toEqual({
      status: {
        errors: [{ message: "Le FDM n'est pas opérationnel.", extensions: { code: 'FDM_NOT_OPERATIONAL' } }],
      },
    });
  });

  it('signs a sale with variables', async () => {
    const { status, json } = await signSale(m110Sale(1000));
    expect(status).toBe(200);
    expect(json.errors).toBeUndefined();
    const result = json.data?.['signResult'] as { fdmRef: unknown; vatCalc: unknown[]; footer: string[] };
    expect(result.fdmRef).toMatchObject({ eventLabel: 'N', eventCounter: 1, totalCounter: 1 });
    expect(result.vatCalc).toHaveLength(2);
    expect(fdm.memory.count).toBe(1);
  });

  it('signs with the data written inline in the query', async () => {
    const query = `mutation { signWorkIn(isTraining: false, data: {language: EN, vatNo: "BE0000000097", estNo: "2000000042",
      posId: "CPOS0031234567", posFiscalTicketNo: 5, posDateTime: "2024-07-29T13:00:00+02:00", posSwVersion: "1.8.3",
      deviceId: "d1", terminalId: "POS-2-REC", bookingPeriodId: "dffcd829-a0e5-41ca-a0ae-9eb887f95637",
      bookingDate: "2024-07-29", ticketMedium: NONE, employeeId: "80113078968"}) { fdmRef { eventLabel eventCounter } shortSignature vatCalc { label } } }`;
    const { json } = await post(JSON.stringify({ query }));
    expect(json.errors).toBeUndefined();
    expect(json.data).toEqual({
      signWorkIn: { fdmRef: { eventLabel: 'S', eventCounter: 1 }, shortSignature: '', vatCalc: null },
    });
  });

  it('refuses with code, sub-code and field path in extensions, message in the request language', async () => {
    const bad = { ...m110Sale(1), language: 'FR', posId: 'CPOS0039999999' };
    const { json } = await signSale(bad);
    expect(json.data).toBeNull();
    expect(json.errors?.[0]?.extensions).toMatchObject({
      code: 'UNKNOWN_POS',
      category: 'FDM',
      showPos: 'MANDATORY',
    });
    expect(json.errors?.[0]?.message).toContain("n'est pas autorisé");
    const total = m110Sale(2);
    total.transaction.transactionTotal = 51;
    const second = await signSale({ ...total, language: 'DE' });
    expect(second.json.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_REQUEST',
      data: [
        { name: 'SUBCODE', value: 'TOTAL_MISMATCH' },
        { name: 'FIELD', value: 'transaction.transactionTotal' },
      ],
    });
    expect(second.json.errors?.[0]?.message).toMatch(/^Ungültige Anfrage/);
    expect(fdm.memory.count).toBe(0);
  });

  it('returns every validation finding as its own error', async () => {
    const bad = { ...m110Sale(1), vatNo: 'BE0000000098', estNo: '1000000042', posSwVersion: ' x' };
    const { json } = await signSale(bad);
    const subCodes = json.errors?.map((e) => (e.extensions?.['data'] as { value: string }[])[0]?.value);
    expect(subCodes).toEqual(
      expect.arrayContaining(['INVALID_VATNO', 'INVALID_ESTNO', 'INVALID_POSSWVERSION']),
    );
  });

  it('answers a resent request with the original result and DUPLICATE_REQUEST', async () => {
    const first = await signSale(m110Sale(9));
    const again = await signSale(m110Sale(9));
    const a = first.json.data?.['signResult'] as { fdmRef: unknown };
    const b = again.json.data?.['signResult'] as {
      fdmRef: unknown;
      warnings: { extensions: { code: string } }[];
    };
    expect(b.fdmRef).toEqual(a.fdmRef);
    expect(b.warnings.map((w) => w.extensions.code)).toEqual(['DUPLICATE_REQUEST']);
    expect(fdm.memory.count).toBe(1);
  });

  it('uses Accept-Language for errors when the body gives no usable language', async () => {
    const { json } = await signSale({ ...m110Sale(1), posId: 'CPOS0039999999', language: 'XX' }, false, {
      'accept-language': 'fr-BE, nl;q=0.8',
    });
    // An unknown enum value is a GraphQL validation error: no FDM code, nothing stored.
    expect(json.errors?.[0]?.extensions?.['code']).not.toBe('UNKNOWN_POS');
    expect(fdm.memory.count).toBe(0);
  });
});

describe('FDM GraphQL API under hostile input: clear errors, nothing stored, keeps serving', () => {
  const hostile: [string, () => Promise<{ status: number; json: GraphQLAnswer }>][] = [
    ['malformed JSON', () => post('{"query": "mutation {')],
    [
      'a JSON array (batched operations)',
      () => post(JSON.stringify([{ query: '{ device { id } }' }, { query: '{ device { id } }' }])),
    ],
    ['a non-object body', () => post('42')],
    ['an empty body', () => post('')],
    ['no query', () => post(JSON.stringify({ variables: {} }))],
    ['a syntax error', () => post(JSON.stringify({ query: 'mutation { signSale(' }))],
    ['an unknown field in the input', () => signSale({ ...m110Sale(1), favouriteColour: 'blue' })],
    ['a wrong type', () => signSale({ ...m110Sale(1), posFiscalTicketNo: 'twelve' })],
    ['a float ticket number', () => signSale({ ...m110Sale(1), posFiscalTicketNo: 1.5 })],
    ['a missing required field', () => signSale({ ...m110Sale(1), posId: undefined })],
    [
      'isTraining missing',
      () => post(JSON.stringify({ query: signDocument('signSale'), variables: { data: m110Sale(1) } })),
    ],
    ['an unknown mutation', () => post(JSON.stringify({ query: 'mutation { signEverything { posId } }' }))],
    [
      'two operations without operationName',
      () => post(JSON.stringify({ query: 'query A { device { id } } query B { device { id } }' })),
    ],
    [
      'a query nested too deep',
      () =>
        post(
          JSON.stringify({
            query: `{ __schema { types { fields { type ${'{ ofType '.repeat(20)}{ name }${' }'.repeat(20)} } } } }`,
          }),
        ),
    ],
    [
      'a query with too many tokens',
      () =>
        post(
          JSON.stringify({
            query: `{ ${Array.from({ length: defaultLimits.maxTokens }, (_, i) => `a${i}: device { id }`).join(' ')} }`,
          }),
        ),
    ],
    [
      'a GET mutation',
      async () => {
        const res = await yoga.fetch(
          `http://fdm.test/graphql?query=${encodeURIComponent('mutation { signWorkIn(data: {}, isTraining: false) { posId } }')}`,
        );
        return { status: res.status, json: (await res.json()) as GraphQLAnswer };
      },
    ],
  ];

  it.each(hostile)('%s', async (_name, send) => {
    const { status, json } = await send();
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    expect(json.errors?.length ?? 0).toBeGreaterThan(0);
    expect(json.errors?.[0]?.message.length).toBeGreaterThan(0);
    expect(fdm.memory.count).toBe(0);
    const next = await signSale(m110Sale(77));
    expect(next.json.errors).toBeUndefined();
    expect(fdm.memory.count).toBe(1);
  });
});

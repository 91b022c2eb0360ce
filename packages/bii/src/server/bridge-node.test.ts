import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFdm } from '@gks/fdm';
import { signDocuments, statusDocument } from '@gks/fdm-client';
import { SqlPolicy } from '../policy/sql-policy.js';
import type { Sql } from '../store/sql.js';
import { ensureInspector } from '../console/inspector-credential.js';
import {
  bridgeTransport,
  clientOver,
  codeOf,
  makePki,
  openTestSql,
  posA,
  posB,
  postRaw,
  sale,
  setFaults,
  startFdm,
  tempRoot,
  waitFor,
  type Pki,
} from '../testing/fixture.js';
import type { Timers } from '../link/forward-result.js';
import { defaultTimeoutMs, startBridgeNode, type BridgeNode } from './bridge-node.js';

// One bridge node (PGlite), the real software FDM attached over its uplink, POS requests over
// HTTPS: every A-11 outcome in the addendum's order, and the console (A-7).

const fdmId = 'FOD01000001';
const lonelyFdmId = 'FOD01000002'; // enabled, but never attaches
let dir: Awaited<ReturnType<typeof tempRoot>>;
let pki: Pki;
let sql: Sql;
let node: BridgeNode;
let fdm: RunningFdm;
let policy: SqlPolicy;
const at = new Date('2025-06-01T08:00:00Z');
const inspectorPassword = 'correct horse battery staple';

beforeAll(async () => {
  dir = await tempRoot();
  pki = await makePki(dir.root);
  sql = await openTestSql(dir.root);
  policy = new SqlPolicy(sql);
  for (const id of [fdmId, lonelyFdmId]) {
    const enabled = await policy.enable({
      fdmId: id,
      endUser: posA,
      actor: 'test',
      reason: 'A-12 request',
      at,
    });
    expect(enabled.ok).toBe(true);
  }
  await ensureInspector(sql, at, inspectorPassword);
  node = await startBridgeNode({
    nodeId: 'node-1',
    sql,
    tls: pki.server,
    fdmCaPem: pki.fdmCa.caCertificatePem,
    timeoutMs: 300,
  });
  fdm = await startFdm(dir.root, fdmId, pki.fdmCa, { url: node.uplinkUrl, caPem: pki.bridgeCa.certPem });
  expect(await fdm.uplink?.waitUntilAttached(5000)).toBe(true);
});

afterAll(async () => {
  await fdm?.stop();
  await node?.stop();
  await sql?.close();
  await dir?.remove();
});

const signSaleBody = (input: unknown) =>
  JSON.stringify({
    query: signDocuments.signSale.query,
    variables: { data: input, isTraining: false },
    operationName: signDocuments.signSale.operationName,
  });

describe('a request that passes (A-8, A-11 step 6)', () => {
  it('signs a sale through the bridge with the FDM client, answer unchanged', async () => {
    const client = clientOver(bridgeTransport(node.url, fdmId, pki.bridgeCa.certPem));
    const counter = fdm.engine.totalCounter;
    const signed = await client.signSale(sale(posA), { isTraining: false });
    client.close();
    expect(signed.ok).toBe(true);
    if (!signed.ok) return;
    expect(signed.value.result.fdmRef.fdmId).toBe(fdmId);
    expect(signed.value.result.fdmRef.totalCounter).toBe(counter + 1);
    expect(signed.value.duplicate).toBe(false);
  });

  it('passes the FDM bytes unchanged: a bridge answer equals the direct answer of the same query', async () => {
    const body = JSON.stringify({ query: '{ device { fdmId fdmSwVersion } }' });
    const through = await postRaw(
      node.url,
      { fdmId, vatNo: posA.vatNo, estNo: posA.estNo, posId: posA.posId },
      body,
      pki.bridgeCa.certPem,
    );
    const direct = await fetch(fdm.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(through.status).toBe(direct.status);
    expect(through.body).toBe(await direct.text());
  });

  it('passes status queries that name the end user in headers (header names in any case)', async () => {
    const answer = await postRaw(
      node.url,
      { FDMID: fdmId, VatNo: posA.vatNo, ESTNO: posA.estNo, posid: posA.posId },
      JSON.stringify({ query: statusDocument.query, operationName: statusDocument.operationName }),
      pki.bridgeCa.certPem,
    );
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.json.data)).toContain(fdmId);
  });

  it('passes the FDM own refusals unchanged (UNKNOWN_POS is the FDM speaking, not the bridge)', async () => {
    await setFaults(fdm, { error: { code: 'UNKNOWN_POS', times: 1 } });
    const answer = await postRaw(node.url, { fdmId }, signSaleBody(sale(posA)), pki.bridgeCa.certPem);
    expect(codeOf(answer)).toBe('UNKNOWN_POS');
  });
});

describe('INTERNAL_FDM_BII_SERVER_ERROR: required header missing or request unusable (A-11 step 1)', () => {
  const bad: [string, Record<string, string>, string][] = [
    ['no fdmId header', {}, signSaleBody(sale(posA))],
    ['an empty fdmId header', { fdmId: '' }, signSaleBody(sale(posA))],
    ['an fdmId that is not one', { fdmId: 'FOD0100000' }, signSaleBody(sale(posA))],
    ['a body that is not JSON', { fdmId }, '{"query": '],
    ['a JSON array (batch)', { fdmId }, `[${signSaleBody(sale(posA))}]`],
    ['no query', { fdmId }, JSON.stringify({ variables: {} })],
    ['a query that does not parse', { fdmId }, JSON.stringify({ query: 'mutation {' })],
    [
      'two operations',
      { fdmId },
      JSON.stringify({
        query: 'mutation A { signSale(data: $d) { posId } } mutation B { signSale(data: $d) { posId } }',
      }),
    ],
    [
      'two mutations in one operation (one may not ride on the other)',
      { fdmId },
      JSON.stringify({
        query:
          'mutation M($a: SaleInput!, $b: SaleInput!) { a: signSale(data: $a, isTraining: false) { posId } b: signSale(data: $b, isTraining: false) { posId } }',
        variables: { a: sale(posA), b: sale(posB) },
      }),
    ],
    [
      'a mutation without data',
      { fdmId },
      JSON.stringify({ query: 'mutation { signSale(isTraining: false) { posId } }' }),
    ],
    [
      'data without posId',
      { fdmId },
      JSON.stringify({
        query: signDocuments.signSale.query,
        variables: { data: { ...sale(posA), posId: undefined }, isTraining: false },
      }),
    ],
    [
      'a vatNo that is not a string',
      { fdmId },
      JSON.stringify({
        query: signDocuments.signSale.query,
        variables: { data: { ...sale(posA), vatNo: 97 }, isTraining: false },
      }),
    ],
    [
      'a status query without end-user headers',
      { fdmId },
      JSON.stringify({ query: '{ status { initialized } }' }),
    ],
    [
      'a query for something else than status or device',
      { fdmId, ...posA },
      JSON.stringify({ query: '{ __schema { types { name } } }' }),
    ],
    [
      'a subscription',
      { fdmId, ...posA },
      JSON.stringify({ query: 'subscription { status { initialized } }' }),
    ],
    [
      'an operationName that names no operation',
      { fdmId },
      JSON.stringify({
        query: signDocuments.signSale.query,
        operationName: 'Other',
        variables: { data: sale(posA), isTraining: false },
      }),
    ],
  ];
  it.each(bad)('%s', async (_name, headers, body) => {
    const counter = fdm.engine.totalCounter;
    const answer = await postRaw(node.url, headers, body, pki.bridgeCa.certPem);
    expect(codeOf(answer)).toBe('INTERNAL_FDM_BII_SERVER_ERROR');
    expect(answer.json.data).toBeNull();
    expect(fdm.engine.totalCounter).toBe(counter);
  });

  it('a body over 1 MiB: 413, nothing read into GraphQL', async () => {
    const answer = await postRaw(node.url, { fdmId }, 'x'.repeat(1024 * 1024 + 1), pki.bridgeCa.certPem);
    expect(answer.status).toBe(413);
    expect(codeOf(answer)).toBe('INTERNAL_FDM_BII_SERVER_ERROR');
  });

  it('a literal data object is read as well as a variable', async () => {
    const answer = await postRaw(
      node.url,
      { fdmId },
      JSON.stringify({
        query: `mutation { signWorkIn(isTraining: false, data: { vatNo: "${posB.vatNo}", estNo: "${posB.estNo}", posId: "${posB.posId}" }) { posId } }`,
      }),
      pki.bridgeCa.certPem,
    );
    // posB is not on the allow-list: the literal was read, the policy applied
    expect(codeOf(answer)).toBe('FDM_BII_NOT_ALLOWED');
  });
});

describe('FDM_BII_NOT_ALLOWED: the end user may not use the bridge for this FDM (A-10)', () => {
  it('refuses a POS outside the allow-list, and the FDM never sees the request', async () => {
    const client = clientOver(bridgeTransport(node.url, fdmId, pki.bridgeCa.certPem, posB));
    const counter = fdm.engine.totalCounter;
    const refused = await client.signSale(sale(posB), { isTraining: false });
    client.close();
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.kind === 'fdm' && refused.error.code).toBe('FDM_BII_NOT_ALLOWED');
    expect(refused.error.retryable).toBe(false);
    expect(fdm.engine.totalCounter).toBe(counter);
  });

  it.each([
    ['another VAT number', { ...posA, vatNo: 'BE0000000196' }],
    ['another establishment', { ...posA, estNo: '2000000141' }],
  ])('refuses %s with the allowed posId', async (_name, user) => {
    const answer = await postRaw(node.url, { fdmId }, signSaleBody(sale(user)), pki.bridgeCa.certPem);
    expect(codeOf(answer)).toBe('FDM_BII_NOT_ALLOWED');
  });

  it('refuses an fdmId the bridge has never carried', async () => {
    const answer = await postRaw(
      node.url,
      { fdmId: 'ABC99000001' },
      signSaleBody(sale(posA)),
      pki.bridgeCa.certPem,
    );
    expect(codeOf(answer)).toBe('FDM_BII_NOT_ALLOWED');
  });
});

describe('FDM_NOT_OPERATIONAL, FDM_NOT_CONNECTED, TIMEOUT (A-11 steps 3-5)', () => {
  it('FDM_NOT_OPERATIONAL when the bridge is switched off for the FDM; on again, it passes', async () => {
    expect(
      (await policy.disable({ fdmId, actor: 'test', reason: 'operator left the cloud POS', at })).ok,
    ).toBe(true);
    const off = await postRaw(node.url, { fdmId }, signSaleBody(sale(posA)), pki.bridgeCa.certPem);
    expect(codeOf(off)).toBe('FDM_NOT_OPERATIONAL');
    expect((await policy.enable({ fdmId, actor: 'test', reason: 'back', at })).ok).toBe(true);
    const on = await postRaw(node.url, { fdmId }, signSaleBody(sale(posA)), pki.bridgeCa.certPem);
    expect(on.json.errors).toBeUndefined();
  });

  it('FDM_NOT_CONNECTED when the FDM is allowed and enabled but has no live uplink (retryable)', async () => {
    const client = clientOver(bridgeTransport(node.url, lonelyFdmId, pki.bridgeCa.certPem));
    const refused = await client.signSale(sale(posA), { isTraining: false });
    client.close();
    expect(!refused.ok && refused.error.kind === 'fdm' && refused.error.code).toBe('FDM_NOT_CONNECTED');
    expect(!refused.ok && refused.error.retryable).toBe(true);
  });

  it('TIMEOUT at the configured limit when the FDM is slow (fault injection), and the late answer is dropped', async () => {
    await setFaults(fdm, { delayMs: 900 });
    try {
      const started = Date.now();
      const answer = await postRaw(node.url, { fdmId }, signSaleBody(sale(posA)), pki.bridgeCa.certPem);
      const elapsed = Date.now() - started;
      expect(codeOf(answer)).toBe('TIMEOUT');
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(900);
    } finally {
      await setFaults(fdm, { off: true });
    }
  });

  it('a lost FDM answer cuts the POS connection; the byte-identical resend gets the same event (DUPLICATE_REQUEST)', async () => {
    await setFaults(fdm, { dropResponses: 1 });
    const client = clientOver(bridgeTransport(node.url, fdmId, pki.bridgeCa.certPem), 2);
    const counter = fdm.engine.totalCounter;
    const signed = await client.signSale(sale(posA), { isTraining: false });
    client.close();
    expect(fdm.engine.totalCounter).toBe(counter + 1);
    expect(signed.ok).toBe(true);
    if (!signed.ok) return;
    expect(signed.value.duplicate).toBe(true);
    expect(signed.value.attempts).toBe(2);
  });
});

describe('TLS required (A-8)', () => {
  it('a node without a certificate does not start, except plain http on loopback for tests', async () => {
    await expect(startBridgeNode({ nodeId: 'x', sql, fdmCaPem: pki.fdmCa.caCertificatePem })).rejects.toThrow(
      /TLS/,
    );
    await expect(
      startBridgeNode({
        nodeId: 'x',
        sql,
        host: '0.0.0.0',
        insecurePlainHttpOnLoopback: true,
        fdmCaPem: pki.fdmCa.caCertificatePem,
      }),
    ).rejects.toThrow(/TLS/);
  });

  it('plain http to the POS port gets no answer', async () => {
    const plain = node.url.replace('https:', 'http:');
    const outcome = await fetch(plain, { method: 'POST', body: '{}' }).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(outcome === 'refused' || outcome === 400).toBe(true);
  });

  it('the client refuses a bridge over http, and a bridge whose certificate it does not trust', async () => {
    const client = clientOver(bridgeTransport(node.url, fdmId, pki.fdmCa.caCertificatePem));
    const refused = await client.signSale(sale(posA), { isTraining: false });
    client.close();
    expect(!refused.ok && refused.error.kind).toBe('transport');
    expect(() => bridgeTransport(node.url.replace('https:', 'http:'), fdmId, pki.bridgeCa.certPem)).toThrow(
      /TLS|https/,
    );
  });
});

describe('transparency console (A-7)', () => {
  const auth = (name: string, password: string) =>
    `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      import('node:https').then(({ request }) => {
        const req = request(new URL(path, node.url), { method, ca: pki.bridgeCa.certPem, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        });
        req.on('error', reject);
        req.end();
      }, reject);
    });

  it('refuses without the inspector login, or with a wrong password', async () => {
    expect((await get('/console.json')).status).toBe(401);
    expect((await get('/console.json', { authorization: auth('fod', 'wrong') })).status).toBe(401);
    expect((await get('/console', { authorization: auth('operator', inspectorPassword) })).status).toBe(401);
  });

  it('shows which FDMs use the bridge, connection state, since when, request counts', async () => {
    await waitFor(async () => {
      const answer = await get('/console.json', { authorization: auth('fod', inspectorPassword) });
      const snapshot = JSON.parse(answer.body) as {
        fdms: { fdmId: string; connection: { state: string } }[];
      };
      return snapshot.fdms.find((f) => f.fdmId === fdmId)?.connection.state === 'connected';
    });
    const answer = await get('/console.json', { authorization: auth('fod', inspectorPassword) });
    const snapshot = JSON.parse(answer.body) as {
      fdms: {
        fdmId: string;
        bridgeEnabled: boolean;
        requests: number;
        connection: { state: string; nodeId: string; since: string };
      }[];
    };
    const mine = snapshot.fdms.find((f) => f.fdmId === fdmId);
    expect(mine?.bridgeEnabled).toBe(true);
    expect(mine?.connection.nodeId).toBe('node-1');
    expect(Number.isNaN(Date.parse(mine?.connection.since ?? ''))).toBe(false);
    expect(mine?.requests).toBeGreaterThan(0);
    const lonely = snapshot.fdms.find((f) => f.fdmId === lonelyFdmId);
    expect(lonely?.connection.state).toBe('not-connected');
    const html = await get('/console', { authorization: auth('fod', inspectorPassword) });
    expect(html.body).toContain(fdmId);
  });

  it('is read-only: anything but GET is refused', async () => {
    expect(
      (await get('/console.json', { authorization: auth('fod', inspectorPassword) }, 'POST')).status,
    ).toBe(405);
  });
});

describe('the default limit is 5 seconds (A-11), checked without waiting 5 seconds', () => {
  it('arms a 5000 ms timer per forwarded request and answers TIMEOUT when it fires', async () => {
    const armed: { ms: number; fire: () => void }[] = [];
    const fakeTimers: Timers = {
      setTimeout: (fire, ms) => {
        const timer = { ms, fire };
        armed.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        const i = armed.indexOf(handle as (typeof armed)[number]);
        if (i >= 0) armed.splice(i, 1);
      },
    };
    const slowId = 'FOD01000003';
    expect(
      (await policy.enable({ fdmId: slowId, endUser: posA, actor: 'test', reason: 'A-12', at })).ok,
    ).toBe(true);
    const second = await startBridgeNode({
      nodeId: 'node-fake-timers',
      sql,
      tls: pki.server,
      fdmCaPem: pki.fdmCa.caCertificatePem,
      timers: fakeTimers,
    });
    const slow = await startFdm(dir.root, slowId, pki.fdmCa, {
      url: second.uplinkUrl,
      caPem: pki.bridgeCa.certPem,
    });
    try {
      expect(await slow.uplink?.waitUntilAttached(5000)).toBe(true);
      await setFaults(slow, { delayMs: 60_000 });
      const answer = postRaw(second.url, { fdmId: slowId }, signSaleBody(sale(posA)), pki.bridgeCa.certPem);
      await waitFor(() => armed.length === 1);
      expect(defaultTimeoutMs).toBe(5000);
      expect(armed[0]?.ms).toBe(5000);
      armed[0]?.fire();
      expect(codeOf(await answer)).toBe('TIMEOUT');
      expect((await answer).json.errors?.[0]).toMatchObject({
        message: expect.stringContaining('5 seconds'),
      });
    } finally {
      await slow.stop();
      await second.stop();
    }
  });
});

describe('when the bridge is down, nothing passes (A-6)', () => {
  it('a stopped node refuses connections; the client reports a retryable connection failure', async () => {
    const id = 'FOD01000004';
    expect((await policy.enable({ fdmId: id, endUser: posA, actor: 'test', reason: 'A-12', at })).ok).toBe(
      true,
    );
    const doomed = await startBridgeNode({
      nodeId: 'node-doomed',
      sql,
      tls: pki.server,
      fdmCaPem: pki.fdmCa.caCertificatePem,
    });
    const attached = await startFdm(dir.root, id, pki.fdmCa, {
      url: doomed.uplinkUrl,
      caPem: pki.bridgeCa.certPem,
    });
    try {
      expect(await attached.uplink?.waitUntilAttached(5000)).toBe(true);
      const client = clientOver(bridgeTransport(doomed.url, id, pki.bridgeCa.certPem));
      expect((await client.signSale(sale(posA), { isTraining: false })).ok).toBe(true);
      await doomed.stop();
      const counter = attached.engine.totalCounter;
      const refused = await client.signSale(sale(posA), { isTraining: false });
      client.close();
      expect(!refused.ok && refused.error.kind === 'transport' && refused.error.reason).toBe('CONNECTION');
      expect(!refused.ok && refused.error.retryable).toBe(true);
      expect(attached.engine.totalCounter).toBe(counter);
      await waitFor(() => attached.uplink?.status().state !== 'attached');
    } finally {
      await attached.stop();
    }
  });
});

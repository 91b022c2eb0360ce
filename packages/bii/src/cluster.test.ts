import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '@gks/db/testing';
import type { RunningFdm } from '@gks/fdm';
import { ensureInspector } from './console/inspector-credential.js';
import { SqlPolicy } from './policy/sql-policy.js';
import { RouteTable } from './routing/route-table.js';
import { startBridgeNode, type BridgeNode } from './server/bridge-node.js';
import { migrate } from './store/migrations.js';
import { openSql, type Sql } from './store/sql.js';
import {
  bridgeTransport,
  clientOver,
  makePki,
  posA,
  sale,
  setFaults,
  startFdm,
  tempRoot,
  waitFor,
  type Pki,
} from './testing/fixture.js';
import { startTcpBalancer } from './testing/tcp-balancer.js';

// Two bridge nodes on one database: on a real PostgreSQL server (each node its own pool), and on
// PGlite (both nodes in this process sharing it). A request reaching node 2 for an FDM attached
// to node 1 goes there in one mutual-TLS hop; the database only says where.

describeEachBackend('two bridge nodes', (backend) => {
  let dir: Awaited<ReturnType<typeof tempRoot>>;
  let pki: Pki;
  const sqls: Sql[] = [];
  const nodes: BridgeNode[] = [];
  const fdms: RunningFdm[] = [];
  const at = new Date('2025-06-01T08:00:00Z');

  const startNodes = async (ids: readonly string[]) => {
    const location = await backend.fresh();
    const shared = 'dataDir' in location ? await openSql(location) : undefined;
    if (shared) sqls.push(shared);
    const started: BridgeNode[] = [];
    for (const nodeId of ids) {
      const sql = shared ?? (await openSql(location));
      if (!shared) sqls.push(sql);
      await migrate(sql);
      const node = await startBridgeNode({
        nodeId,
        sql,
        tls: pki.server,
        fdmCaPem: pki.fdmCa.caCertificatePem,
        cluster: { tls: await pki.node(nodeId), staleMs: 3000 },
        usageFlushMs: 100,
      });
      nodes.push(node);
      started.push(node);
    }
    const policy = new SqlPolicy(sqls[sqls.length - 1] as Sql);
    return { started, policy, sql: sqls[sqls.length - 1] as Sql };
  };

  beforeAll(async () => {
    dir = await tempRoot();
    pki = await makePki(dir.root);
  });

  afterAll(async () => {
    for (const fdm of fdms) await fdm.stop();
    for (const node of nodes) await node.stop().catch(() => undefined);
    for (const sql of sqls) await sql.close();
    await dir?.remove();
  });

  it('routes a request that reaches node 2 to node 1, which holds the FDM uplink', async () => {
    const { started, policy, sql } = await startNodes(['node-1', 'node-2']);
    const [one, two] = started as [BridgeNode, BridgeNode];
    const fdmId = 'FOD01000021';
    expect((await policy.enable({ fdmId, endUser: posA, actor: 'test', reason: 'A-12', at })).ok).toBe(true);
    const fdm = await startFdm(dir.root, `${fdmId}`, pki.fdmCa, {
      url: one.uplinkUrl,
      caPem: pki.bridgeCa.certPem,
    });
    fdms.push(fdm);
    expect(await fdm.uplink?.waitUntilAttached(5000)).toBe(true);
    const routes = new RouteTable(sql, 3000);
    await waitFor(async () => (await routes.whereIs(fdmId, new Date()))?.nodeId === 'node-1');

    const client = clientOver(bridgeTransport(two.url, fdmId, pki.bridgeCa.certPem));
    const counter = fdm.engine.totalCounter;
    const signed = await client.signSale(sale(posA), { isTraining: false });
    client.close();
    expect(signed.ok).toBe(true);
    expect(fdm.engine.totalCounter).toBe(counter + 1);
    expect(one.hub.isAttached(fdmId)).toBe(true);
    expect(two.hub.isAttached(fdmId)).toBe(false);

    // the console of node 2 knows the FDM is connected on node 1, with its requests
    await ensureInspector(sql, at, 'inspector-secret');
    const consoleAnswer = await fetchConsole(two, 'inspector-secret', pki.bridgeCa.certPem);
    const mine = consoleAnswer.fdms.find((f) => f.fdmId === fdmId);
    expect(mine?.connection).toMatchObject({ state: 'connected', nodeId: 'node-1' });
    expect(mine?.requests).toBe(1); // counted once, at the node the POS reached
  });

  it('the node-to-node hop answers a node certificate and refuses any other caller', async () => {
    const peerUrl = nodes[0]?.peerUrl ?? '';
    const call = (tls: { cert?: string; key?: string }) =>
      new Promise<{ status: number; outcome: string | string[] | undefined }>((resolve, reject) => {
        const req = httpsRequest(
          `${peerUrl}/forward`,
          {
            method: 'POST',
            ca: pki.bridgeCa.certPem,
            ...tls,
            headers: { fdmid: 'FOD01000029', 'x-bii-budget-ms': '500' },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, outcome: res.headers['x-bii-outcome'] }),
            );
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    const member = await pki.node('node-9');
    expect(await call({ cert: member.certPem, key: member.keyPem })).toEqual({
      status: 200,
      outcome: 'not-connected',
    });
    await expect(call({})).rejects.toThrow();
    await expect(call({ cert: pki.server.certPem, key: pki.server.keyPem })).rejects.toThrow();
  });

  it('a node killed mid-request: the byte-identical resend through the other node yields no duplicate event', async () => {
    const { started, policy } = await startNodes(['node-a', 'node-b']);
    const [a, b] = started as [BridgeNode, BridgeNode];
    const portOf = (url: string) => Number(new URL(url).port);
    const posFront = await startTcpBalancer([() => portOf(a.url), () => portOf(b.url)]);
    const uplinkFront = await startTcpBalancer([
      () => portOf(a.uplinkUrl.replace('tls:', 'https:')),
      () => portOf(b.uplinkUrl.replace('tls:', 'https:')),
    ]);
    try {
      const fdmId = 'FOD01000022';
      expect((await policy.enable({ fdmId, endUser: posA, actor: 'test', reason: 'A-12', at })).ok).toBe(
        true,
      );
      const fdm = await startFdm(dir.root, fdmId, pki.fdmCa, {
        url: `tls://127.0.0.1:${uplinkFront.port}`,
        caPem: pki.bridgeCa.certPem,
      });
      fdms.push(fdm);
      expect(await fdm.uplink?.waitUntilAttached(5000)).toBe(true);
      expect(a.hub.isAttached(fdmId)).toBe(true);

      await setFaults(fdm, { delayMs: 1500 }); // the answer waits; the event is signed at once
      const sent: Buffer[] = [];
      const transport = bridgeTransport(`https://127.0.0.1:${posFront.port}`, fdmId, pki.bridgeCa.certPem);
      const client = clientOver(
        {
          post: (body, headers) => {
            sent.push(Buffer.from(body));
            return transport.post(body, headers);
          },
          close: () => transport.close(),
        },
        40,
        100,
      );
      const counter = fdm.engine.totalCounter;
      const signing = client.signSale(sale(posA), { isTraining: false });
      await waitFor(() => fdm.engine.totalCounter === counter + 1);
      await a.crash();
      await setFaults(fdm, { off: true });
      const signed = await signing;
      client.close();

      expect(signed.ok).toBe(true);
      if (!signed.ok) return;
      expect(signed.value.duplicate).toBe(true);
      expect(signed.value.result.fdmRef.totalCounter).toBe(counter + 1);
      expect(fdm.engine.totalCounter).toBe(counter + 1);
      expect(sent.length).toBeGreaterThanOrEqual(2);
      for (const body of sent) expect(body.equals(sent[0] as Buffer)).toBe(true);
      expect(b.hub.isAttached(fdmId)).toBe(true);
    } finally {
      await posFront.stop();
      await uplinkFront.stop();
    }
  });
});

async function fetchConsole(node: BridgeNode, password: string, caPem: string) {
  const { request } = await import('node:https');
  return new Promise<{ fdms: { fdmId: string; requests: number; connection: unknown }[] }>(
    (resolve, reject) => {
      const req = request(
        `${node.consoleUrl}.json`,
        {
          ca: caPem,
          headers: { authorization: `Basic ${Buffer.from(`fod:${password}`).toString('base64')}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

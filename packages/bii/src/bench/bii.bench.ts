/**
 * `npm run bench:bii`: latency of signSale with 100 concurrent POS clients, straight to the FDM
 * (https) and through one bridge node (https to the bridge, the FDM's TLS uplink behind it), and
 * the bridge's added latency. Everything runs on this machine in this process (FDM, bridge with
 * PGlite, load), so the figures include the contention of sharing the CPU; see the README.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { initFdmState, LocalTestCa, startFdmServer } from '@gks/fdm';
import { createTransport, signDocuments, type FdmTransport } from '@gks/fdm-client';
import { createLocalCa } from '../pki/local-pki.js';
import { SqlPolicy } from '../policy/sql-policy.js';
import { startBridgeNode } from '../server/bridge-node.js';
import { migrate } from '../store/migrations.js';
import { openSql } from '../store/sql.js';

const clients = Number(process.env['BII_BENCH_CLIENTS'] ?? 100);
const perClient = Number(process.env['BII_BENCH_REQUESTS'] ?? 20);
const fdmId = 'FOD01000001';
const user = { vatNo: 'BE0000000097', estNo: '2000000042', posId: 'CPOS0031234567' };

let ticket = 0;
const saleBody = (): Buffer => {
  ticket += 1;
  const data = {
    language: 'EN',
    ...user,
    posFiscalTicketNo: ticket,
    posDateTime: '2025-06-12T14:03:11+02:00',
    posSwVersion: '1.0.0',
    deviceId: 'bench-device',
    terminalId: 'TER-1',
    bookingPeriodId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    bookingDate: '2025-06-12',
    ticketMedium: 'PAPER',
    employeeId: '84022899837',
    transaction: {
      transactionLines: [
        {
          lineType: 'SINGLE_PRODUCT',
          mainProduct: {
            productId: '1',
            productName: 'Coffee',
            departmentId: '1',
            departmentName: 'Drinks',
            quantity: 1,
            quantityType: 'PIECE',
            unitPrice: 3,
            vats: [{ label: 'A', price: 3 }],
          },
          lineTotal: 3,
        },
      ],
      transactionTotal: 3,
    },
    financials: [
      { id: '1', name: 'CASH', type: 'CASH', inputMethod: 'MANUAL', amount: 3, amountType: 'PAYMENT' },
    ],
  };
  const { query, operationName } = signDocuments.signSale;
  return Buffer.from(JSON.stringify({ query, variables: { data, isTraining: false }, operationName }));
};

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function load(
  makeTransport: () => FdmTransport,
): Promise<{ p50: number; p99: number; rate: number; failures: number }> {
  const transports = Array.from({ length: clients }, makeTransport);
  const bodies = transports.map(() => Array.from({ length: perClient }, saleBody));
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    transports.map(async (transport, c) => {
      for (const body of bodies[c] ?? []) {
        const t0 = performance.now();
        const answer = await transport.post(body, { 'Content-Type': 'application/json' });
        latencies.push(performance.now() - t0);
        if (!answer.ok || answer.value.status !== 200 || answer.value.body.includes('"errors"'))
          failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const transport of transports) transport.close();
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rate: latencies.length / seconds,
    failures,
  };
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'gks-bii-bench-'));
  try {
    const fdmCa = await LocalTestCa.create(join(root, 'fdm-ca'));
    const state = await initFdmState(join(root, 'fdm'), {
      fdmId,
      ...user,
      allowedPosIds: [user.posId],
      ca: fdmCa,
      now: new Date(),
    });
    if (!state.ok) throw new Error(state.error.reason);
    const bridgeCa = await createLocalCa('bench bridge CA');
    const serverTls = await bridgeCa.issue({ commonName: 'bench', names: ['127.0.0.1'], serverAuth: true });
    const sql = await openSql({ dataDir: join(root, 'bii-db') });
    await migrate(sql);
    await new SqlPolicy(sql).enable({
      fdmId,
      endUser: user,
      actor: 'bench',
      reason: 'bench',
      at: new Date(),
    });
    const node = await startBridgeNode({
      nodeId: 'bench',
      sql,
      tls: serverTls,
      fdmCaPem: fdmCa.caCertificatePem,
    });
    const fdm = await startFdmServer({
      dir: join(root, 'fdm'),
      tls: true,
      admin: false,
      bridge: { bridgeUrl: node.uplinkUrl, caPem: bridgeCa.certPem },
    });
    if (!fdm.ok) throw new Error(fdm.error.reason);
    if (!(await fdm.value.uplink?.waitUntilAttached(10_000))) throw new Error('the FDM did not attach');

    const direct = () => {
      const t = createTransport({
        kind: 'lan',
        baseUrl: fdm.value.url,
        caPem: state.value.caCertificatePem,
        timeoutMs: 30_000,
      });
      if (!t.ok) throw new Error(t.error);
      return t.value;
    };
    const bridged = () => {
      const t = createTransport({
        kind: 'bridge',
        baseUrl: node.url,
        fdmId,
        caPem: bridgeCa.certPem,
        timeoutMs: 30_000,
      });
      if (!t.ok) throw new Error(t.error);
      return t.value;
    };
    // warm-up: TLS sessions, JIT, PGlite caches
    await load(direct);
    await load(bridged);
    const rows: [string, Awaited<ReturnType<typeof load>>][] = [];
    for (let round = 0; round < 2; round++) {
      rows.push(['direct', await load(direct)]);
      rows.push(['bridge', await load(bridged)]);
    }
    const best = (mode: string) =>
      rows
        .filter(([m]) => m === mode)
        .map(([, r]) => r)
        .sort((a, b) => a.p50 - b.p50)[0] as Awaited<ReturnType<typeof load>>;
    console.log(
      `bii bench: ${clients} concurrent POS clients x ${perClient} signSale each; ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(1)}`,
    );
    console.log('mode    p50 ms   p99 ms   signed/s  failures');
    for (const [mode, r] of rows)
      console.log(
        `${mode.padEnd(7)} ${r.p50.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(8)} ${r.rate.toFixed(0).padStart(9)}  ${r.failures}`,
      );
    const d = best('direct');
    const b = best('bridge');
    console.log(
      `added by the bridge (best rounds): p50 +${(b.p50 - d.p50).toFixed(2)} ms, p99 +${(b.p99 - d.p99).toFixed(2)} ms`,
    );
    await fdm.value.stop();
    await node.stop();
    await sql.close();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();

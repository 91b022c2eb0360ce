/**
 * Test support (not exported): an FDM CA, FDM state directories, the bridge's own PKI, a
 * database, and a POS client over the bridge. Every server listens on 127.0.0.1.
 */
import { request as httpsRequest } from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SaleInput } from '@gks/core';
import { fodIdentity, fodLines, fodSaleOf } from '@gks/core';
import { initFdmState, LocalTestCa, startFdmServer, type RunningFdm } from '@gks/fdm';
import { createTransport, FdmClient, type FdmTransport } from '@gks/fdm-client';
import { createLocalCa, type LocalCa } from '../pki/local-pki.js';
import type { NodeTls } from '../peer/peer-hop.js';
import type { EndUser } from '../policy/bridge-policy.js';
import { migrate } from '../store/migrations.js';
import { openSql, type Sql } from '../store/sql.js';

export const owner = { vatNo: fodIdentity.vatNo, estNo: fodIdentity.estNo } as const;
export const posA: EndUser = { ...owner, posId: fodIdentity.posId };
export const posB: EndUser = { ...owner, posId: 'CPOS0031234568' };

export interface Pki {
  readonly fdmCa: LocalTestCa;
  readonly bridgeCa: LocalCa;
  readonly server: { certPem: string; keyPem: string };
  node(name: string): Promise<NodeTls>;
}

export async function makePki(root: string): Promise<Pki> {
  const fdmCa = await LocalTestCa.create(join(root, 'fdm-ca'));
  const bridgeCa = await createLocalCa('test bridge CA');
  const server = await bridgeCa.issue({
    commonName: 'bii.test',
    names: ['127.0.0.1', 'localhost'],
    serverAuth: true,
  });
  return {
    fdmCa,
    bridgeCa,
    server,
    async node(name) {
      const issued = await bridgeCa.issue({
        commonName: name,
        organizationalUnit: 'BII node',
        names: ['127.0.0.1', 'localhost'],
        serverAuth: true,
        clientAuth: true,
      });
      return { ...issued, caPem: bridgeCa.certPem };
    },
  };
}

export async function tempRoot(): Promise<{ root: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'gks-bii-'));
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * Writes what `gks bii start` reads (the FDM CA, an inspector password) under `root` and returns
 * its arguments for a node on 127.0.0.1 with free ports and its data in `bridgeDir`.
 */
export async function bridgeStartArgs(
  root: string,
  pki: Pki,
  bridgeDir: string,
  nodeId: string,
): Promise<{ values: Record<string, string>; positionals: string[] }> {
  await writeFile(join(root, 'fdm-ca.pem'), pki.fdmCa.caCertificatePem);
  await writeFile(join(root, 'inspector.txt'), 'a long enough inspector password\n');
  return {
    values: {
      dir: bridgeDir,
      port: '0',
      'uplink-port': '0',
      'fdm-ca': join(root, 'fdm-ca.pem'),
      'inspector-password-file': join(root, 'inspector.txt'),
      'node-id': nodeId,
    },
    positionals: [],
  };
}

export async function openTestSql(root: string): Promise<Sql> {
  const sql = await openSql({ dataDir: join(root, 'db') });
  await migrate(sql);
  return sql;
}

/** An FDM state directory whose certificate comes from `ca`, then the FDM running with an uplink. */
export async function startFdm(
  root: string,
  fdmId: string,
  ca: LocalTestCa,
  bridge?: { url: string; caPem: string; heartbeatMs?: number },
): Promise<RunningFdm> {
  const dir = join(root, `fdm-${fdmId}`);
  const state = await initFdmState(dir, {
    fdmId,
    vatNo: owner.vatNo,
    estNo: owner.estNo,
    allowedPosIds: [posA.posId, posB.posId],
    ca,
    now: new Date(),
  });
  if (!state.ok) throw new Error(state.error.reason);
  const started = await startFdmServer({
    dir,
    admin: { token: 'test-admin-token' },
    ...(bridge
      ? {
          bridge: {
            bridgeUrl: bridge.url,
            caPem: bridge.caPem,
            backoff: { initialMs: 20, maxMs: 200 },
            ...(bridge.heartbeatMs ? { heartbeatMs: bridge.heartbeatMs } : {}),
          },
        }
      : {}),
  });
  if (!started.ok) throw new Error(started.error.reason);
  return started.value;
}

/** Posts a fault patch to the FDM's admin endpoint, as a POS maker would. */
export async function setFaults(fdm: RunningFdm, patch: Record<string, unknown>): Promise<void> {
  const response = await fetch(fdm.adminUrl ?? '', {
    method: patch['off'] ? 'DELETE' : 'POST',
    headers: { authorization: `Bearer ${fdm.adminToken ?? ''}`, 'content-type': 'application/json' },
    ...(patch['off'] ? {} : { body: JSON.stringify(patch) }),
  });
  if (!response.ok) throw new Error(`fault admin answered ${response.status}: ${await response.text()}`);
}

/** A bridge transport that names its end user, as `status` and `device` need (see README). */
export function bridgeTransport(
  baseUrl: string,
  fdmId: string,
  caPem: string,
  endUser: EndUser = posA,
  timeoutMs = 5000,
): FdmTransport {
  const transport = createTransport({ kind: 'bridge', baseUrl, fdmId, caPem, timeoutMs, endUser });
  if (!transport.ok) throw new Error(transport.error);
  return transport.value;
}

export function clientOver(transport: FdmTransport, maxResends = 0, delayMs = 0): FdmClient {
  return new FdmClient({
    transport,
    resend: { maxResends, delaysMs: [delayMs] },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}

let ticket = 1;
/** The FOD M110 sale for `endUser`, with a fresh ticket number, and a marker in a product name. */
export function sale(endUser: EndUser, marker = 'Dry Martini'): SaleInput {
  ticket += 1;
  const martini = fodLines.dryMartini();
  martini.mainProduct.productName = marker;
  return fodSaleOf([martini, fodLines.burger()], {
    vatNo: endUser.vatNo,
    estNo: endUser.estNo,
    posId: endUser.posId,
    posFiscalTicketNo: ticket,
  });
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One POST as a POS sends it, with exactly these headers and bytes; the answer as received. */
export function postRaw(
  url: string,
  headers: Record<string, string>,
  body: string | Buffer,
  caPem: string,
): Promise<{
  status: number;
  body: string;
  json: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: 'POST', ca: caPem, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = {};
          try {
            json = JSON.parse(text) as object;
          } catch {
            // not JSON: the caller looks at status and body
          }
          resolve({ status: res.statusCode ?? 0, body: text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const codeOf = (answer: {
  json: { errors?: { extensions?: { code?: string } }[] };
}): string | undefined => answer.json.errors?.[0]?.extensions?.code;

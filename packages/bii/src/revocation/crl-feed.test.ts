import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCaRoot, LocalTestCa, signingAlgorithm, x509Crypto, type RunningFdm } from '@gks/fdm';
import { SqlPolicy } from '../policy/sql-policy.js';
import type { Sql } from '../store/sql.js';
import { startBridgeNode, type BridgeNode } from '../server/bridge-node.js';
import { streamLog } from '../server/bridge-log.js';
import {
  bridgeTransport,
  clientOver,
  makePki,
  openTestSql,
  posA,
  sale,
  startFdm,
  tempRoot,
  waitFor,
  type Pki,
} from '../testing/fixture.js';
import { CrlFeed, httpsCrlFetcher, normalSerial } from './crl-feed.js';

// The tax administration revokes FDM certificates; the bridge learns it from the signed CRL the
// FPS publishes (the same X.509 CRL the FPS's /crl serves) and refuses or cuts those FDMs.

/** A CRL signed with the key of the CA in `caDir` (as the FPS signs it with its CA key). */
async function signedCrl(
  caDir: string,
  serials: readonly string[],
  thisUpdate = new Date(),
): Promise<Uint8Array> {
  const root = await loadCaRoot(caDir);
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: root.cert.subject,
      thisUpdate,
      nextUpdate: new Date(thisUpdate.getTime() + 3_600_000),
      signingAlgorithm,
      signingKey: root.key,
      entries: serials.map((serialNumber) => ({ serialNumber, revocationDate: thisUpdate })),
    },
    x509Crypto,
  );
  return new Uint8Array(crl.rawData);
}

const serialOf = (pem: string): string => new x509.X509Certificate(pem).serialNumber;

let dir: Awaited<ReturnType<typeof tempRoot>>;
let pki: Pki;
let otherCaDir: string;
const logLines: string[] = [];
const log = streamLog({ write: (line: string) => logLines.push(line) });

beforeAll(async () => {
  dir = await tempRoot();
  pki = await makePki(dir.root);
  otherCaDir = join(dir.root, 'other-ca');
  await LocalTestCa.create(otherCaDir);
});
afterAll(async () => {
  await dir?.remove();
});

describe('CrlFeed', () => {
  const feedOver = (answers: (() => Promise<Uint8Array>)[]) => {
    let calls = 0;
    return new CrlFeed({
      fetch: () => {
        const answer = answers[Math.min(calls++, answers.length - 1)];
        if (!answer) throw new Error('no answer scripted');
        return answer();
      },
      issuerPems: [pki.fdmCa.caCertificatePem],
      now: () => new Date(),
      log,
    });
  };
  const fdmCaDir = () => join(dir.root, 'fdm-ca');

  it('takes a CRL signed by the FDM CA: listed serials are revoked, whatever their case or leading zeros', async () => {
    const crl = await signedCrl(fdmCaDir(), ['0a1b2c', 'ff00']);
    const feed = feedOver([() => Promise.resolve(crl)]);
    expect(feed.isRevoked('A1B2C')).toBe(false);
    const taken = await feed.refreshNow();
    expect(taken.ok && taken.value.revoked).toBe(2);
    expect(feed.isRevoked('A1B2C')).toBe(true);
    expect(feed.isRevoked('000A1B2C')).toBe(true);
    expect(feed.isRevoked('FF00')).toBe(true);
    expect(feed.isRevoked('FF01')).toBe(false);
  });

  it.each([
    ['signed by another CA', () => signedCrl(otherCaDir, ['0a1b2c']), /not signed by a trusted/],
    ['not a CRL', () => Promise.resolve(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])), /not a CRL/],
    ['empty', () => Promise.resolve(new Uint8Array()), /not a CRL/],
    [
      'dated next week',
      () => signedCrl(join(dir.root, 'fdm-ca'), ['0a1b2c'], new Date(Date.now() + 7 * 86_400_000)),
      /future/,
    ],
    ['unreachable', () => Promise.reject(new Error('ECONNREFUSED')), /unreachable/],
  ])('refuses a CRL %s and keeps the last good list', async (_name, bad, reason) => {
    const good = await signedCrl(fdmCaDir(), ['abcd']);
    const feed = feedOver([() => Promise.resolve(good), bad]);
    expect((await feed.refreshNow()).ok).toBe(true);
    const refused = await feed.refreshNow();
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(reason);
    expect(feed.isRevoked('abcd')).toBe(true);
  });

  it('refuses a CRL older than the one it holds (no rolling back a revocation)', async () => {
    const newer = await signedCrl(fdmCaDir(), ['abcd'], new Date());
    const older = await signedCrl(fdmCaDir(), [], new Date(Date.now() - 3_600_000));
    const feed = feedOver([() => Promise.resolve(newer), () => Promise.resolve(older)]);
    await feed.refreshNow();
    expect(await feed.refreshNow()).toEqual({ ok: false, error: 'the CRL is older than the one held' });
    expect(feed.isRevoked('abcd')).toBe(true);
  });

  it('normalSerial drops leading zeros and case only', () => {
    expect(normalSerial('00AB')).toBe('ab');
    expect(normalSerial('0')).toBe('0');
    expect(normalSerial('0A0')).toBe('a0');
  });
});

describe('a bridge node with the CRL of the FPS', () => {
  const revokedId = 'FOD01000011';
  const keptId = 'FOD01000012';
  let sql: Sql;
  let node: BridgeNode;
  let crlServer: Server;
  let crlUrl: string;
  let published: Uint8Array;
  let revokedFdm: RunningFdm;
  let keptFdm: RunningFdm;

  beforeAll(async () => {
    sql = await openTestSql(dir.root);
    const policy = new SqlPolicy(sql);
    for (const fdmId of [revokedId, keptId])
      expect(
        (await policy.enable({ fdmId, endUser: posA, actor: 'test', reason: 'A-12 request', at: new Date() }))
          .ok,
      ).toBe(true);
    published = await signedCrl(join(dir.root, 'fdm-ca'), [], new Date(Date.now() - 60_000));
    crlServer = createServer({ cert: pki.server.certPem, key: pki.server.keyPem }, (req, res) => {
      res.writeHead(req.url === '/crl' ? 200 : 404, { 'content-type': 'application/pkix-crl' });
      res.end(req.url === '/crl' ? published : undefined);
    });
    await new Promise<void>((resolve) => crlServer.listen(0, '127.0.0.1', resolve));
    crlUrl = `https://127.0.0.1:${(crlServer.address() as AddressInfo).port}/crl`;
    node = await startBridgeNode({
      nodeId: 'node-crl',
      sql,
      tls: pki.server,
      fdmCaPem: pki.fdmCa.caCertificatePem,
      log,
      revocation: { crlUrl, caPem: pki.bridgeCa.certPem, intervalMs: 3_600_000 },
    });
    const bridge = { url: node.uplinkUrl, caPem: pki.bridgeCa.certPem };
    revokedFdm = await startFdm(dir.root, revokedId, pki.fdmCa, bridge);
    keptFdm = await startFdm(dir.root, keptId, pki.fdmCa, bridge);
    expect(await revokedFdm.uplink?.waitUntilAttached(5000)).toBe(true);
    expect(await keptFdm.uplink?.waitUntilAttached(5000)).toBe(true);
  });
  afterAll(async () => {
    await revokedFdm?.stop();
    await keptFdm?.stop();
    await node?.stop();
    await new Promise<void>((resolve) => (crlServer ? crlServer.close(() => resolve()) : resolve()));
    await sql?.close();
  });

  it('fetched the (empty) CRL over https on start', () => {
    expect(node.revocation?.state()?.revoked).toBe(0);
  });

  it('drops an attached FDM whose certificate the next CRL revokes, and refuses it from then on', async () => {
    const client = clientOver(bridgeTransport(node.url, revokedId, pki.bridgeCa.certPem));
    expect((await client.signSale(sale(posA), { isTraining: false })).ok).toBe(true);

    const certPem = await readFile(join(dir.root, `fdm-${revokedId}`, 'fdm-cert.pem'), 'utf8');
    published = await signedCrl(join(dir.root, 'fdm-ca'), [serialOf(certPem)]);
    expect((await node.revocation?.refreshNow())?.ok).toBe(true);
    expect(node.hub.isAttached(revokedId)).toBe(false);
    expect(logLines.some((l) => l.includes('"uplink-revoked"') && l.includes(revokedId))).toBe(true);

    // It reconnects (back-off), and the hello is refused every time.
    await waitFor(() =>
      logLines.some((l) => l.includes('the FDM certificate is revoked') && l.includes('uplink-refused')),
    );
    expect(node.hub.isAttached(revokedId)).toBe(false);
    const refused = await client.signSale(sale(posA), { isTraining: false });
    client.close();
    expect(!refused.ok && refused.error.kind === 'fdm' && refused.error.code).toBe('FDM_NOT_CONNECTED');

    // Another FDM of the same CA is untouched.
    expect(node.hub.isAttached(keptId)).toBe(true);
    const kept = clientOver(bridgeTransport(node.url, keptId, pki.bridgeCa.certPem));
    expect((await kept.signSale(sale(posA), { isTraining: false })).ok).toBe(true);
    kept.close();
  });

  it('the fetcher refuses an untrusted CRL server', async () => {
    await expect(httpsCrlFetcher(crlUrl, pki.fdmCa.caCertificatePem)()).rejects.toThrow();
    await expect(httpsCrlFetcher(crlUrl.replace('/crl', '/nothing'), pki.bridgeCa.certPem)()).rejects.toThrow(
      /404/,
    );
  });
});

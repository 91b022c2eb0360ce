import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { ManualClock, startFdmServer, type RunningFdm } from '@gks/fdm';
import { describeEachBackend } from '@gks/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFpsApp, type FpsApp } from './http/fps-app.js';
import { startFpsServer, type RunningFpsServer } from './http/fps-server.js';
import { revokeFdm } from './revocation/fdm-revocations.js';
import { activateFdm, fpsServerTls, manualTimer, type FpsServerTls } from './testing/fdm-against-fps.js';
import { saleInput, testFps, type TestFps } from './testing/fixtures.js';

const DAY = 86_400_000;

function get(url: string, caPem: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: caPem, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const publicKeyOf = (pem: string): string =>
  new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describeEachBackend('FDM certificate renewal and revocation at the FPS', (backend) => {
  const fdmId = 'FPS03000021';
  let fps: TestFps;
  let server: RunningFpsServer | null = null;
  let fdm: RunningFdm | null = null;
  let tls: FpsServerTls;
  let root: string;
  let dir: string;
  const fdmClock = new ManualClock(new Date());
  const warnings: string[] = [];
  // The FPS issues 20-day certificates at first (short-lived: due for renewal at once), then 400.
  let app: FpsApp;
  const appWithLifetime = (days: number): FpsApp =>
    createFpsApp({
      db: fps.database.db,
      ca: fps.ca,
      clock: fps.clock,
      auditor: fps.auditor,
      publicBaseUrl: 'https://fps.test',
      fdmCertificateDays: days,
    });
  let ticket = 0;
  const sell = async () => {
    fdmClock.advance(1000);
    const signed = await fdm?.engine.sign('signSale', saleInput(++ticket, 12.5), false);
    if (!signed?.ok) throw new Error(`sign refused: ${JSON.stringify(signed?.error)}`);
    return signed.value;
  };
  const startFdm = async (): Promise<RunningFdm> => {
    const started = await startFdmServer({
      dir,
      admin: false,
      clock: fdmClock,
      upload: { intervalMs: 3_600_000 },
      parameters: { timer: manualTimer, warn: (t) => warnings.push(t) },
      certificate: { timer: manualTimer, failuresBeforeWarning: 2, warn: (t) => warnings.push(t) },
    });
    if (!started.ok) throw new Error(started.error.reason);
    return started.value;
  };
  const codes = () => fdm?.engine.standingWarnings('EN').map((w) => w.extensions?.code) ?? [];
  const fdmCertificates = async () =>
    (
      await sql<{ pem: string }>`SELECT pem FROM issued_certificate WHERE fdm_id = ${fdmId} AND kind = 'FDM'
        ORDER BY issued_at, serial_number`.execute(fps.database.db)
    ).rows.map((r) => r.pem);

  beforeAll(async () => {
    fps = await testFps(await backend.fresh());
    app = appWithLifetime(20);
    tls = await fpsServerTls(fps);
    root = await mkdtemp(join(tmpdir(), 'gks-fps-fdm-cert-'));
    dir = join(root, 'fdm');
    server = await startFpsServer({
      app: (request, peer) => app(request, peer),
      host: '127.0.0.1',
      port: 0,
      tls,
    });
    await activateFdm(fps, fdmId, dir, { url: server.url, caPem: tls.caPem });
    fdm = await startFdm();
  });
  afterAll(async () => {
    await fdm?.stop();
    await server?.close();
    await fps?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('a 20-day certificate: CLIENT_CERT_NEAR_EXPIRATION (MANDATORY) on every answer, signing goes on', async () => {
    // The check on start renewed already, but the FPS gives 20 days again: still near its end.
    expect((await fdm?.certificate?.checkNow())?.kind).toBe('renewed');
    expect(await readdir(join(dir, 'fdm-cert-previous'))).toEqual(['001.pem', '002.pem']);
    expect(codes()).toContain('CLIENT_CERT_NEAR_EXPIRATION');
    const warning = fdm?.engine
      .standingWarnings('NL')
      .find((w) => w.extensions?.code === 'CLIENT_CERT_NEAR_EXPIRATION');
    expect(warning?.extensions?.showPos).toBe('MANDATORY');
    const signed = await sell();
    expect(signed.warnings?.map((w) => w.extensions?.code)).toContain('CLIENT_CERT_NEAR_EXPIRATION');
    expect(await fdm?.uploader?.uploadPending()).toBe(true);
  });

  it('renews over mutual TLS: new certificate, same key, the old one archived, the warning gone', async () => {
    const before = await readFile(join(dir, 'fdm-cert.pem'), 'utf8');
    app = appWithLifetime(400);
    const outcome = await fdm?.certificate?.checkNow();
    expect(outcome?.kind).toBe('renewed');
    const after = await readFile(join(dir, 'fdm-cert.pem'), 'utf8');
    expect(after).not.toBe(before);
    expect(publicKeyOf(after)).toBe(publicKeyOf(before));
    expect(new X509Certificate(after).checkIssued(new X509Certificate(tls.caPem))).toBe(true);
    expect(await readdir(join(dir, 'fdm-cert-previous'))).toEqual(['001.pem', '002.pem', '003.pem']);
    expect(await readFile(join(dir, 'fdm-cert-previous', '003.pem'), 'utf8')).toBe(before);
    expect(codes()).not.toContain('CLIENT_CERT_NEAR_EXPIRATION');
    // C-86: the FPS keeps every one (activation, three renewals), all for the same public key.
    const issued = await fdmCertificates();
    expect(issued).toHaveLength(4);
    expect(issued.at(-1)).toBe(after);
    expect(new Set(issued.map(publicKeyOf))).toEqual(new Set([publicKeyOf(before)]));
  });

  it('after the renewal uploads go over the new certificate; events signed before and after verify', async () => {
    const second = await sell();
    expect(await fdm?.uploader?.uploadPending()).toBe(true);
    expect(fdm?.uploader?.status().acknowledgedThrough).toBe(2);
    const verdict = await get(`${server?.url}${new URL(second.verificationUrl ?? '').pathname}`, tls.caPem);
    expect(JSON.parse(verdict.body.toString('utf8'))).toMatchObject({ status: 'valid' });
    const stored = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM uploaded_event WHERE fdm_id = ${fdmId}`.execute(fps.database.db);
    expect(stored.rows[0]?.n).toBe(2);
  });

  it('the FDM restarted reads the renewed certificate', async () => {
    await fdm?.stop();
    fdm = await startFdm();
    expect(codes()).not.toContain('CLIENT_CERT_NEAR_EXPIRATION');
    expect(fdm.certificate?.notAfter().getTime()).toBeGreaterThan(Date.now() + 390 * DAY);
  });

  it('revoke-fdm is validated and recorded once', async () => {
    const by = 'test';
    expect(
      await revokeFdm(fps.database.db, { fdmId: 'FPS03000099', reason: 'x', by }, fps.clock),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_FDM' },
    });
    for (const reason of ['', '   ', 'a\nb', 'x'.repeat(501), undefined, 42])
      expect(await revokeFdm(fps.database.db, { fdmId, reason, by }, fps.clock)).toMatchObject({
        ok: false,
        error: { code: 'INVALID', field: 'reason' },
      });
    for (const bad of ['FPS0300002', 'fps03000021', '', undefined, 7])
      expect(await revokeFdm(fps.database.db, { fdmId: bad, reason: 'x', by }, fps.clock)).toMatchObject({
        ok: false,
        error: { code: 'INVALID', field: 'fdmId' },
      });
    const revoked = await revokeFdm(fps.database.db, { fdmId, reason: 'device stolen', by }, fps.clock);
    expect(revoked.ok).toBe(true);
    expect(await revokeFdm(fps.database.db, { fdmId, reason: 'again', by }, fps.clock)).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_REVOKED' },
    });
  });

  it('the CRL at /crl lists every certificate of the revoked FDM, signed by the FPS CA', async () => {
    const answer = await get(`${server?.url}/crl`, tls.caPem);
    expect(answer.status).toBe(200);
    const crl = new x509.X509Crl(new Uint8Array(answer.body));
    const ca = new x509.X509Certificate(tls.caPem);
    expect(await crl.verify({ publicKey: ca.publicKey })).toBe(true);
    const listed = crl.entries.map((e) => e.serialNumber.toLowerCase());
    const serials = (await fdmCertificates()).map((pem) =>
      new x509.X509Certificate(pem).serialNumber.toLowerCase(),
    );
    expect(serials).toHaveLength(4);
    expect(listed.sort()).toEqual(serials.sort());
    expect(crl.nextUpdate?.getTime()).toBeGreaterThan(Date.now());
  });

  it("a revoked FDM's uploads, parameter refreshes and renewals are refused", async () => {
    await sell();
    expect(await fdm?.uploader?.uploadPending()).toBe(false);
    expect(fdm?.uploader?.status().acknowledgedThrough).toBe(2);
    expect((await fdm?.parameters?.refreshNow())?.parametersProblem).toMatch(/403/);
    fdmClock.advance(380 * DAY);
    expect(codes()).toContain('CLIENT_CERT_NEAR_EXPIRATION');
    expect(await fdm?.certificate?.checkNow()).toEqual({
      kind: 'failed',
      problem: 'the service answered 403 FDM_REVOKED',
    });
    await fdm?.certificate?.checkNow();
    expect(codes()).toEqual(
      expect.arrayContaining(['CLIENT_CERT_NEAR_EXPIRATION', 'UPDATE_CLIENT_CERT_FAILED']),
    );
    expect(await readdir(join(dir, 'fdm-cert-previous'))).toHaveLength(3);
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalTestCa } from '../ca/local-test-ca.js';
import { ManualClock } from '../engine/clock.js';
import { installRenewedCertificate, previousCertificates } from './certificate-files.js';
import { CertificateRenewer, notAfterOf } from './certificate-renewer.js';

const DAY = 86_400_000;
const fdmId = 'FDM01000001';
const keyPair = () => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
};

describe('CertificateRenewer', () => {
  let root: string;
  let ca: LocalTestCa;
  let otherCa: LocalTestCa;
  const publicKeyPem = keyPair();
  const issue = (days: number, overrides: { fdmId?: string; publicKeyPem?: string; by?: LocalTestCa } = {}) =>
    (overrides.by ?? ca).issueFdmCertificate({
      fdmId: overrides.fdmId ?? fdmId,
      vatNo: 'BE0000000097',
      publicKeyPem: overrides.publicKeyPem ?? publicKeyPem,
      validDays: days,
    });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gks-fdm-cert-'));
    ca = await LocalTestCa.create(join(root, 'ca'));
    otherCa = await LocalTestCa.create(join(root, 'other-ca'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** A renewer over a 100-day certificate, the clock at issue time, the service's answer scripted. */
  const make = async (answer: () => Promise<{ status: number; body: unknown }>) => {
    let current = await issue(100);
    const clock = new ManualClock(new Date());
    const installed: string[] = [];
    const warnings: string[] = [];
    let calls = 0;
    const renewer = new CertificateRenewer({
      fdmId,
      current: () => current,
      publicKeyPem,
      caPem: ca.caCertificatePem,
      clock,
      renew: () => {
        calls++;
        return answer();
      },
      install: async (pem) => {
        installed.push(pem);
        current = pem;
      },
      failuresBeforeWarning: 2,
      warn: (t) => warnings.push(t),
    });
    return { renewer, clock, installed, warnings, calls: () => calls, current: () => current };
  };

  it('does nothing while more than 30 days are left, by the injected clock', async () => {
    const t = await make(() => Promise.reject(new Error('must not be asked')));
    expect(t.renewer.status()).toEqual({ nearExpiration: false, expired: false, renewalFailing: false });
    t.clock.advance(69 * DAY);
    expect((await t.renewer.checkNow()).kind).toBe('not-due');
    expect(t.calls()).toBe(0);
    t.clock.advance(1 * DAY + 60_000);
    expect(t.renewer.status().nearExpiration).toBe(true);
  });

  it('renews within 30 days: same key, installed, warning gone', async () => {
    const t = await make(async () => ({ status: 200, body: { certificatePem: await issue(200) } }));
    t.clock.advance(75 * DAY);
    expect(t.renewer.status().nearExpiration).toBe(true);
    const outcome = await t.renewer.checkNow();
    expect(outcome.kind).toBe('renewed');
    expect(t.installed).toHaveLength(1);
    expect(notAfterOf(t.current()).getTime()).toBeGreaterThan(Date.now() + 199 * DAY);
    expect(t.renewer.status()).toEqual({ nearExpiration: false, expired: false, renewalFailing: false });
  });

  it('reports an expired certificate apart from a near one', async () => {
    const t = await make(() => Promise.reject(new Error('offline')));
    t.clock.advance(101 * DAY);
    expect(t.renewer.status()).toMatchObject({ nearExpiration: false, expired: true });
  });

  it.each([
    ['another key', () => issue(200, { publicKeyPem: keyPair() }), /another key/],
    ['another fdmId', () => issue(200, { fdmId: 'FDM01000002' }), /subject/],
    ['another CA', () => issue(200, { by: otherCa }), /CA/],
    ['a shorter one', () => issue(50), /ends before/],
    [
      'garbage',
      () => Promise.resolve('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'),
      /not a certificate/,
    ],
    ['no certificate', () => Promise.resolve(undefined), /no certificatePem/],
  ])('refuses a renewal with %s and keeps the current certificate', async (_name, make2, reason) => {
    const t = await make(async () => ({ status: 200, body: { certificatePem: await make2() } }));
    const before = t.current();
    t.clock.advance(80 * DAY);
    const outcome = await t.renewer.checkNow();
    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.problem).toMatch(reason);
    expect(t.installed).toEqual([]);
    expect(t.current()).toBe(before);
    expect(t.renewer.status().nearExpiration).toBe(true);
  });

  it('warns UPDATE_CLIENT_CERT_FAILED-worthy only after repeated failures; a success clears it', async () => {
    let up = false;
    const t = await make(async () =>
      up
        ? { status: 200, body: { certificatePem: await issue(200) } }
        : { status: 403, body: { error: { code: 'FDM_REVOKED' } } },
    );
    t.clock.advance(80 * DAY);
    expect(await t.renewer.checkNow()).toEqual({
      kind: 'failed',
      problem: 'the service answered 403 FDM_REVOKED',
    });
    expect(t.renewer.status().renewalFailing).toBe(false);
    await t.renewer.checkNow();
    expect(t.renewer.status().renewalFailing).toBe(true);
    expect(t.warnings).toHaveLength(2);
    up = true;
    expect((await t.renewer.checkNow()).kind).toBe('renewed');
    expect(t.renewer.status().renewalFailing).toBe(false);
  });

  it('a failed install keeps the current certificate', async () => {
    const t = await make(async () => ({ status: 200, body: { certificatePem: await issue(200) } }));
    const renewer = new CertificateRenewer({
      fdmId,
      current: t.current,
      publicKeyPem,
      caPem: ca.caCertificatePem,
      clock: t.clock,
      renew: async () => ({ status: 200, body: { certificatePem: await issue(200) } }),
      install: () => Promise.reject(new Error('disk full')),
      warn: () => undefined,
    });
    t.clock.advance(80 * DAY);
    expect(await renewer.checkNow()).toMatchObject({ kind: 'failed', problem: /disk full/ });
  });
});

describe('installRenewedCertificate', () => {
  it('archives each current certificate as NNN.pem in order and replaces fdm-cert.pem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gks-fdm-cert-files-'));
    try {
      await writeFile(join(dir, 'fdm-cert.pem'), 'first\n');
      await installRenewedCertificate(dir, 'second\n');
      await installRenewedCertificate(dir, 'third\n');
      expect(await readFile(join(dir, 'fdm-cert.pem'), 'utf8')).toBe('third\n');
      expect((await readdir(join(dir, 'fdm-cert-previous'))).sort()).toEqual(['001.pem', '002.pem']);
      expect(await previousCertificates(dir)).toEqual(['first\n', 'second\n']);
      // no temp files left behind
      expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CA_KEY_FILE, FpsCertificateAuthority, newKeyPairPem, type IssuedCertificate } from './fps-ca.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function freshCa(): Promise<{ ca: FpsCertificateAuthority; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gks-fps-ca-'));
  dirs.push(dir);
  const now = new Date('2026-03-02T10:00:00Z');
  return { ca: await FpsCertificateAuthority.create(join(dir, 'ca'), () => now), dir: join(dir, 'ca') };
}

describe('FpsCertificateAuthority', () => {
  it('issues an FDM certificate chaining to its root and tells the listener first', async () => {
    const { ca } = await freshCa();
    const told: IssuedCertificate[] = [];
    ca.onIssue(async (issued) => {
      told.push(issued);
    });
    const pem = await ca.issueFdmCertificate({
      fdmId: 'FOD01000001',
      vatNo: 'BE0000000097',
      publicKeyPem: newKeyPairPem().publicKeyPem,
      validDays: 30,
    });
    const cert = new X509Certificate(pem);
    expect(cert.checkIssued(new X509Certificate(ca.caCertificatePem))).toBe(true);
    expect(cert.subject).toContain('OU=FDM');
    expect(cert.ca).toBe(false);
    expect(told).toEqual([
      {
        kind: 'FDM',
        subject: 'CN=FOD01000001, O=BE0000000097, OU=FDM',
        serialNumber: cert.serialNumber.toLowerCase(),
        pem,
        notAfter: new Date(cert.validTo),
      },
    ]);
  });

  it('refuses names that would change the subject, bad lifetimes, bad addresses, no name, a non-P-256 key', async () => {
    const { ca } = await freshCa();
    const publicKeyPem = newKeyPairPem().publicKeyPem;
    for (const fdmId of ['FOD01, OU=FPS-SERVER', 'a=b', '', ' FOD', 'x'.repeat(64)])
      await expect(ca.issueFdmCertificate({ fdmId, vatNo: 'BE0000000097', publicKeyPem })).rejects.toThrow(
        /plain identifier/,
      );
    for (const validDays of [0, -1, 1.5, Number.NaN])
      await expect(
        ca.issueFdmCertificate({ fdmId: 'FOD01000001', vatNo: 'BE0000000097', publicKeyPem, validDays }),
      ).rejects.toThrow(RangeError);
    expect(() =>
      ca.issueBiiServerCertificate({ hostnames: [], ipAddresses: ['300.1.1.1'], publicKeyPem }),
    ).toThrow(/IP/);
    expect(() => ca.issueFpsServerCertificate({ hostnames: [], ipAddresses: [], publicKeyPem })).toThrow(
      /needs a name/,
    );
    expect(() =>
      ca.issueServerCertificate({ hostnames: ['fdm.local/evil'], ipAddresses: [], publicKeyPem }),
    ).toThrow(/plain identifier/);
    expect(() => ca.issueBiiClientCertificate({ nodeName: 'node, O=x', publicKeyPem })).toThrow(
      /plain identifier/,
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    await expect(ca.issueBiiClientCertificate({ nodeName: 'node1', publicKeyPem: rsa })).rejects.toThrow(
      /P-256/,
    );
  });

  it('reloads its root, refuses a key file others may read, never replaces a root', async () => {
    const { ca, dir } = await freshCa();
    expect((await FpsCertificateAuthority.load(dir)).caCertificatePem).toBe(ca.caCertificatePem);
    await expect(FpsCertificateAuthority.create(dir)).rejects.toThrow();
    await chmod(join(dir, CA_KEY_FILE), 0o644);
    await expect(FpsCertificateAuthority.load(dir)).rejects.toThrow(/readable by others/);
  });
});

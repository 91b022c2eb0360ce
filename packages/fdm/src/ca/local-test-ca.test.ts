import { describe, it, expect, afterEach } from 'vitest';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificateSerialOf, LocalTestCa } from './local-test-ca.js';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'ca-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const newPublicKeyPem = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();

describe('LocalTestCa', () => {
  it('issues an FDM certificate for the given key that chains to the CA', async () => {
    const dir = await freshDir();
    const now = new Date('2025-03-14T12:00:00Z');
    const ca = await LocalTestCa.create(dir, () => now);
    const publicKeyPem = newPublicKeyPem();
    const pem = await ca.issueFdmCertificate({
      fdmId: 'FOD01000001',
      vatNo: 'BE0000000097',
      publicKeyPem,
      validDays: 30,
    });
    const cert = new X509Certificate(pem);
    const caCert = new X509Certificate(ca.caCertificatePem);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(caCert.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.subject).toContain('CN=FOD01000001');
    expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).toBe(publicKeyPem);
    expect(new Date(cert.validTo).getTime() - now.getTime()).toBeLessThanOrEqual(30 * 86_400_000);
    expect(new Date(cert.validFrom).getTime()).toBeLessThanOrEqual(now.getTime());
    expect(certificateSerialOf(pem)).toMatch(/^[0-9a-f]+$/);
    await expect(
      ca.issueFdmCertificate({ fdmId: 'X', vatNo: 'Y', publicKeyPem, validDays: 0 }),
    ).rejects.toThrow();
  });

  it('issues a server certificate naming the hosts and IPs', async () => {
    const ca = await LocalTestCa.create(await freshDir());
    const pem = await ca.issueServerCertificate({
      hostnames: ['localhost'],
      ipAddresses: ['127.0.0.1', '::1'],
      publicKeyPem: newPublicKeyPem(),
    });
    const cert = new X509Certificate(pem);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('example.com')).toBeUndefined();
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    await expect(
      ca.issueServerCertificate({
        hostnames: [],
        ipAddresses: ['not-an-ip'],
        publicKeyPem: newPublicKeyPem(),
      }),
    ).rejects.toThrow(/IP/);
    await expect(
      ca.issueServerCertificate({ hostnames: [], ipAddresses: [], publicKeyPem: newPublicKeyPem() }),
    ).rejects.toThrow();
  });

  it('keeps its key private (0600), reloads, and never replaces an existing CA', async () => {
    const dir = await freshDir();
    const ca = await LocalTestCa.create(dir);
    expect((await stat(join(dir, 'ca-key.pem'))).mode & 0o777).toBe(0o600);
    const again = await LocalTestCa.load(dir);
    expect(again.caCertificatePem).toBe(ca.caCertificatePem);
    const pem = await again.issueFdmCertificate({
      fdmId: 'FOD01000001',
      vatNo: 'BE0000000097',
      publicKeyPem: newPublicKeyPem(),
    });
    expect(new X509Certificate(pem).verify(new X509Certificate(ca.caCertificatePem).publicKey)).toBe(true);
    await expect(LocalTestCa.create(dir)).rejects.toThrow(/EEXIST/);
    await expect(LocalTestCa.load(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });
});

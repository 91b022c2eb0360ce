import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

/**
 * Who certifies an FDM's signing key and its TLS server key. In production this is the tax
 * administration's service; LocalTestCa stands in for it during development and tests.
 */
export interface CertificateAuthority {
  readonly caCertificatePem: string;
  issueFdmCertificate(req: {
    fdmId: string;
    vatNo: string;
    publicKeyPem: string;
    validDays?: number;
  }): Promise<string>;
  issueServerCertificate(req: {
    hostnames: string[];
    ipAddresses: string[];
    publicKeyPem: string;
  }): Promise<string>;
}

const CA_KEY_FILE = 'ca-key.pem';
const CA_CERT_FILE = 'ca-cert.pem';
const DAY_MS = 86_400_000;
const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;
// Node's WebCrypto implements the Crypto interface @peculiar/x509 expects.
const crypto = webcrypto as unknown as Crypto;

/** A throw-away CA on disk: an ECDSA P-256 key (mode 0600) and a self-signed certificate. */
export class LocalTestCa implements CertificateAuthority {
  private constructor(
    readonly caCertificatePem: string,
    private readonly caCertificate: x509.X509Certificate,
    private readonly caKey: CryptoKey,
    private readonly now: () => Date,
  ) {}

  /** Creates a new CA in `dir` (created if needed); refuses to replace an existing CA key. */
  static async create(dir: string, clock: () => Date = () => new Date()): Promise<LocalTestCa> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const caKey = await importPrivateKey(keyPem);
    const publicKey = await importPublicKey(
      createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    );
    const notBefore = new Date(clock().getTime() - DAY_MS);
    const cert = await x509.X509CertificateGenerator.createSelfSigned(
      {
        serialNumber: serialNumber(),
        name: 'CN=GKS local test CA (not for production), O=GKS',
        notBefore,
        notAfter: new Date(notBefore.getTime() + 20 * 365 * DAY_MS),
        signingAlgorithm,
        keys: { privateKey: caKey, publicKey },
        extensions: [
          new x509.BasicConstraintsExtension(true, 0, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(publicKey, false, crypto),
        ],
      },
      crypto,
    );
    const certPem = cert.toString('pem') + '\n';
    await writeFile(join(dir, CA_KEY_FILE), keyPem, { mode: 0o600, flag: 'wx' });
    await writeFile(join(dir, CA_CERT_FILE), certPem, { flag: 'wx' });
    return new LocalTestCa(certPem, cert, caKey, clock);
  }

  static async load(dir: string, clock: () => Date = () => new Date()): Promise<LocalTestCa> {
    const keyPem = await readFile(join(dir, CA_KEY_FILE), 'utf8');
    const certPem = await readFile(join(dir, CA_CERT_FILE), 'utf8');
    return new LocalTestCa(certPem, new x509.X509Certificate(certPem), await importPrivateKey(keyPem), clock);
  }

  async issueFdmCertificate(req: {
    fdmId: string;
    vatNo: string;
    publicKeyPem: string;
    validDays?: number;
  }): Promise<string> {
    const validDays = req.validDays ?? 5 * 365;
    if (!Number.isSafeInteger(validDays) || validDays <= 0)
      throw new RangeError('validDays must be positive');
    return this.issue(`CN=${req.fdmId}, O=${req.vatNo}, OU=FDM`, req.publicKeyPem, validDays, [
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
    ]);
  }

  async issueServerCertificate(req: {
    hostnames: string[];
    ipAddresses: string[];
    publicKeyPem: string;
  }): Promise<string> {
    for (const ip of req.ipAddresses) if (isIP(ip) === 0) throw new TypeError(`not an IP address: ${ip}`);
    if (req.hostnames.length + req.ipAddresses.length === 0)
      throw new TypeError('a server certificate needs a name');
    const names: x509.JsonGeneralName[] = [
      ...req.hostnames.map((value) => ({ type: 'dns' as const, value })),
      ...req.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
    ];
    return this.issue(`CN=${req.hostnames[0] ?? req.ipAddresses[0]}`, req.publicKeyPem, 825, [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
    ]);
  }

  private async issue(
    subject: string,
    publicKeyPem: string,
    validDays: number,
    extensions: x509.Extension[],
  ): Promise<string> {
    const publicKey = await importPublicKey(publicKeyPem);
    const notBefore = new Date(this.now().getTime() - 60_000);
    const cert = await x509.X509CertificateGenerator.create(
      {
        serialNumber: serialNumber(),
        subject,
        issuer: this.caCertificate.subject,
        notBefore,
        notAfter: new Date(notBefore.getTime() + validDays * DAY_MS),
        signingAlgorithm,
        publicKey,
        signingKey: this.caKey,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          ...extensions,
          await x509.SubjectKeyIdentifierExtension.create(publicKey, false, crypto),
          await x509.AuthorityKeyIdentifierExtension.create(this.caCertificate, false, crypto),
        ],
      },
      crypto,
    );
    return cert.toString('pem') + '\n';
  }
}

/** 16 random bytes with the top bit clear: a positive INTEGER, unique in practice. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] as number) & 0x7f;
  return bytes.toString('hex');
}

async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return crypto.subtle.importKey('pkcs8', der, ecdsa, false, ['sign']);
}

async function importPublicKey(pem: string): Promise<CryptoKey> {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return crypto.subtle.importKey('spki', der, ecdsa, true, ['verify']);
}

/** The serial number of a PEM certificate, lower-case hex (our "VSC id" in dumps). */
export function certificateSerialOf(certificatePem: string): string {
  return new x509.X509Certificate(certificatePem).serialNumber.toLowerCase();
}

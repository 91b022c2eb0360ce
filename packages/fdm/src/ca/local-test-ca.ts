import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import {
  CA_CERT_FILE,
  CA_KEY_FILE,
  DAY_MS,
  createCaRoot,
  importPrivateKey,
  importPublicKey,
  serialNumber,
  signingAlgorithm,
  x509Crypto as crypto,
} from './ca-root.js';

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
    const root = await createCaRoot(dir, 'CN=GKS local test CA (not for production), O=GKS', clock());
    return new LocalTestCa(root.certPem, root.cert, root.key, clock);
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

/** The serial number of a PEM certificate, lower-case hex (our "VSC id" in dumps). */
export function certificateSerialOf(certificatePem: string): string {
  return new x509.X509Certificate(certificatePem).serialNumber.toLowerCase();
}

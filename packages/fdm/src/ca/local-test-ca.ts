import * as x509 from '@peculiar/x509';
import {
  createCaRoot,
  issueLeafCertificate,
  loadCaRoot,
  serverCertificateExtensions,
  type CaRoot,
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
  readonly caCertificatePem: string;

  private constructor(
    private readonly root: CaRoot,
    private readonly now: () => Date,
  ) {
    this.caCertificatePem = root.certPem;
  }

  /** Creates a new CA in `dir` (created if needed); refuses to replace an existing CA key. */
  static async create(dir: string, clock: () => Date = () => new Date()): Promise<LocalTestCa> {
    const root = await createCaRoot(dir, 'CN=GKS local test CA (not for production), O=GKS', clock());
    return new LocalTestCa(root, clock);
  }

  static async load(dir: string, clock: () => Date = () => new Date()): Promise<LocalTestCa> {
    return new LocalTestCa(await loadCaRoot(dir), clock);
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
    const extensions = serverCertificateExtensions(req.hostnames, req.ipAddresses);
    return this.issue(`CN=${req.hostnames[0] ?? req.ipAddresses[0]}`, req.publicKeyPem, 825, extensions);
  }

  private async issue(
    subject: string,
    publicKeyPem: string,
    validDays: number,
    extensions: x509.Extension[],
  ): Promise<string> {
    const cert = await issueLeafCertificate(
      this.root,
      { subject, publicKeyPem, validDays, extensions },
      this.now(),
    );
    return cert.toString('pem') + '\n';
  }
}

/** The serial number of a PEM certificate, lower-case hex (our "VSC id" in dumps). */
export function certificateSerialOf(certificatePem: string): string {
  return new x509.X509Certificate(certificatePem).serialNumber.toLowerCase();
}

import { generateKeyPairSync } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import {
  CA_CERT_FILE,
  CA_KEY_FILE,
  createCaRoot,
  issueLeafCertificate,
  loadCaRoot,
  serverCertificateExtensions,
  signingAlgorithm,
  x509Crypto as crypto,
} from '@gks/fdm';
import type { CaRoot, CertificateAuthority } from '@gks/fdm';

/** What a certificate is for; also the OU of its subject, so a peer's role can be read from it. */
export type CertificateKind = 'FDM' | 'FDM-SERVER' | 'BII-SERVER' | 'BII-CLIENT' | 'FPS-SERVER';

export interface IssuedCertificate {
  readonly kind: CertificateKind;
  readonly subject: string;
  readonly serialNumber: string;
  readonly pem: string;
  readonly notAfter: Date;
}

/** Told about every certificate issued, so the service can register it (C-86: the FOD keeps the keys). */
export type IssueListener = (issued: IssuedCertificate) => Promise<void>;

export { CA_KEY_FILE, CA_CERT_FILE };

/**
 * The tax administration's certificate authority: an ECDSA P-256 key kept in the service's data
 * directory (mode 0600, never in the repository) and a self-signed root. It certifies FDM
 * signing keys (which also authenticate the FDM over mutual TLS: CN = fdmId), the FDM's LAN
 * server key, and the bridge's server and client keys. Implements the FDM's CertificateAuthority
 * so an FDM can be initialised against it instead of its local test CA.
 */
export class FpsCertificateAuthority implements CertificateAuthority {
  #listener: IssueListener | null = null;

  private constructor(
    readonly caCertificatePem: string,
    readonly certificatePath: string,
    private readonly root: CaRoot,
    private readonly now: () => Date,
  ) {}

  /** Creates the CA in `dir`; refuses to replace an existing key. */
  static async create(dir: string, now: () => Date = () => new Date()): Promise<FpsCertificateAuthority> {
    const root = await createCaRoot(
      dir,
      'CN=GKS FPS certificate authority, O=GKS tax administration service',
      now(),
    );
    return new FpsCertificateAuthority(root.certPem, join(dir, CA_CERT_FILE), root, now);
  }

  /** Loads the CA of `dir`; refuses a key file that others may read. */
  static async load(dir: string, now: () => Date = () => new Date()): Promise<FpsCertificateAuthority> {
    const keyFile = join(dir, CA_KEY_FILE);
    const mode = (await stat(keyFile)).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new Error(`${keyFile} is readable by others (mode ${mode.toString(8)}): chmod 600 it first`);
    }
    const root = await loadCaRoot(dir);
    return new FpsCertificateAuthority(root.certPem, join(dir, CA_CERT_FILE), root, now);
  }

  /** Registers the one listener told about each issued certificate before it is handed out. */
  onIssue(listener: IssueListener): void {
    this.#listener = listener;
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
    return this.#issue(
      'FDM',
      `CN=${plain(req.fdmId)}, O=${plain(req.vatNo)}, OU=FDM`,
      req.publicKeyPem,
      validDays,
      [
        // Signs events; also authenticates the FDM as a TLS client (upload, bridge uplink).
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
          true,
        ),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      ],
    );
  }

  /**
   * A certificate revocation list signed by the CA key: every serial in `entries` is revoked.
   * Relying parties (the bridge) verify it against the CA certificate they already trust.
   */
  async issueCrl(
    entries: readonly { serialNumber: string; revokedAt: Date }[],
    validMs: number,
  ): Promise<{ der: Buffer; thisUpdate: Date; nextUpdate: Date }> {
    const thisUpdate = this.now();
    const nextUpdate = new Date(thisUpdate.getTime() + validMs);
    const crl = await x509.X509CrlGenerator.create(
      {
        issuer: this.root.cert.subject,
        thisUpdate,
        nextUpdate,
        signingAlgorithm,
        signingKey: this.root.key,
        entries: entries.map((e) => ({
          serialNumber: e.serialNumber,
          revocationDate: e.revokedAt,
          reason: x509.X509CrlReason.privilegeWithdrawn,
        })),
        extensions: [await x509.AuthorityKeyIdentifierExtension.create(this.root.cert, false, crypto)],
      },
      crypto,
    );
    return { der: Buffer.from(crl.rawData), thisUpdate, nextUpdate };
  }

  /** The FDM's LAN server certificate (named FDM-SERVER in our registry). */
  issueServerCertificate(req: {
    hostnames: string[];
    ipAddresses: string[];
    publicKeyPem: string;
  }): Promise<string> {
    return this.#issueServer('FDM-SERVER', req);
  }

  issueBiiServerCertificate(req: {
    hostnames: string[];
    ipAddresses: string[];
    publicKeyPem: string;
  }): Promise<string> {
    return this.#issueServer('BII-SERVER', req);
  }

  /** The FPS's own HTTPS certificate. */
  issueFpsServerCertificate(req: {
    hostnames: string[];
    ipAddresses: string[];
    publicKeyPem: string;
  }): Promise<string> {
    return this.#issueServer('FPS-SERVER', req);
  }

  /** A bridge node's client certificate (towards other services), CN = the node's name. */
  issueBiiClientCertificate(req: { nodeName: string; publicKeyPem: string }): Promise<string> {
    return this.#issue('BII-CLIENT', `CN=${plain(req.nodeName)}, OU=BII-CLIENT`, req.publicKeyPem, 825, [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ]);
  }

  #issueServer(
    kind: CertificateKind,
    req: { hostnames: string[]; ipAddresses: string[]; publicKeyPem: string },
  ): Promise<string> {
    const extensions = serverCertificateExtensions(req.hostnames, req.ipAddresses);
    for (const host of req.hostnames) plain(host);
    return this.#issue(
      kind,
      `CN=${req.hostnames[0] ?? req.ipAddresses[0]}, OU=${kind}`,
      req.publicKeyPem,
      825,
      extensions,
    );
  }

  async #issue(
    kind: CertificateKind,
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
    const pem = cert.toString('pem') + '\n';
    await this.#listener?.({
      kind,
      subject,
      serialNumber: cert.serialNumber.toLowerCase(),
      pem,
      notAfter: cert.notAfter,
    });
    return pem;
  }
}

/** Refuses values that would change the meaning of a distinguished name or a host name. */
function plain(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(value))
    throw new TypeError(`not a plain identifier: ${JSON.stringify(value)}`);
  return value;
}

/** A fresh P-256 key pair as PEM (for the service's own TLS key and for tests). */
export function newKeyPairPem(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

/**
 * A small CA for what the bridge operator runs itself: the bridge's TLS server certificate when
 * none is given, and the node certificates that authenticate one bridge node to another. FDM
 * certificates never come from here (the FPS, today the FDM's local test CA, issues those).
 */
export interface LocalCa {
  readonly certPem: string;
  readonly keyPem: string;
  issue(request: IssueRequest): Promise<{ certPem: string; keyPem: string }>;
}

export interface IssueRequest {
  /** Subject common name. */
  readonly commonName: string;
  readonly organizationalUnit?: string;
  /** DNS names and IP addresses for a server certificate. */
  readonly names?: readonly string[];
  readonly serverAuth?: boolean;
  readonly clientAuth?: boolean;
  readonly notBefore?: Date;
  readonly validDays?: number;
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
// Node's WebCrypto implements the Crypto interface @peculiar/x509 expects.
const crypto = webcrypto as unknown as Crypto;

export async function createLocalCa(commonName: string, validDays = 3650): Promise<LocalCa> {
  const keys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial(),
      name: `CN=${commonName}, O=GKS BII`,
      keys,
      signingAlgorithm: algorithm,
      notBefore,
      notAfter: new Date(notBefore.getTime() + validDays * DAY_MS),
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ],
    },
    crypto,
  );
  return loadLocalCa(cert.toString('pem') + '\n', await keyPemOf(keys.privateKey));
}

export async function loadLocalCa(certPem: string, keyPem: string): Promise<LocalCa> {
  const cert = new x509.X509Certificate(certPem);
  const der = Buffer.from(keyPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const signingKey = await crypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
  return {
    certPem,
    keyPem,
    async issue(request) {
      const keys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
      const notBefore = request.notBefore ?? new Date(Date.now() - 60_000);
      const usages: string[] = [];
      if (request.serverAuth) usages.push(x509.ExtendedKeyUsage.serverAuth);
      if (request.clientAuth) usages.push(x509.ExtendedKeyUsage.clientAuth);
      const names = (request.names ?? []).map((value) =>
        isIP(value) === 0 ? { type: 'dns' as const, value } : { type: 'ip' as const, value },
      );
      const issued = await x509.X509CertificateGenerator.create(
        {
          serialNumber: serial(),
          subject: `CN=${request.commonName}${request.organizationalUnit ? `, OU=${request.organizationalUnit}` : ''}`,
          issuer: cert.subject,
          notBefore,
          notAfter: new Date(notBefore.getTime() + (request.validDays ?? 825) * DAY_MS),
          signingAlgorithm: algorithm,
          publicKey: keys.publicKey,
          signingKey,
          extensions: [
            new x509.BasicConstraintsExtension(false, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
            ...(usages.length > 0 ? [new x509.ExtendedKeyUsageExtension(usages)] : []),
            ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
          ],
        },
        crypto,
      );
      return { certPem: issued.toString('pem') + '\n', keyPem: await keyPemOf(keys.privateKey) };
    },
  };
}

async function keyPemOf(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
}

function serial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] as number) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

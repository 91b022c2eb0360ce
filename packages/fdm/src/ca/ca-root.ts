import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

/**
 * The root of a certificate authority on disk (an ECDSA P-256 key, mode 0600, and a self-signed
 * certificate) and how it issues an end-entity certificate. Shared by the FDM's local test CA and
 * the tax administration's CA, which differ in what they issue, not in how a root is made or signs.
 */
export const CA_KEY_FILE = 'ca-key.pem';
export const CA_CERT_FILE = 'ca-cert.pem';
export const DAY_MS = 86_400_000;
export const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;
const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
// Node's WebCrypto implements the Crypto interface @peculiar/x509 expects.
export const x509Crypto = webcrypto as unknown as Crypto;

export interface CaRoot {
  readonly certPem: string;
  readonly cert: x509.X509Certificate;
  readonly key: CryptoKey;
}

/** Creates the root in `dir` (created if needed); refuses to replace an existing key. */
export async function createCaRoot(dir: string, subject: string, now: Date): Promise<CaRoot> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = await importPrivateKey(keyPem);
  const publicKey = await importPublicKey(
    createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
  );
  const notBefore = new Date(now.getTime() - DAY_MS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serialNumber(),
      name: subject,
      notBefore,
      notAfter: new Date(notBefore.getTime() + 20 * 365 * DAY_MS),
      signingAlgorithm,
      keys: { privateKey: key, publicKey },
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(publicKey, false, x509Crypto),
      ],
    },
    x509Crypto,
  );
  const certPem = cert.toString('pem') + '\n';
  await writeFile(join(dir, CA_KEY_FILE), keyPem, { mode: 0o600, flag: 'wx' });
  await writeFile(join(dir, CA_CERT_FILE), certPem, { flag: 'wx' });
  return { certPem, cert, key };
}

/** Reads the root that createCaRoot wrote in `dir`. */
export async function loadCaRoot(dir: string): Promise<CaRoot> {
  const keyPem = await readFile(join(dir, CA_KEY_FILE), 'utf8');
  const certPem = await readFile(join(dir, CA_CERT_FILE), 'utf8');
  return { certPem, cert: new x509.X509Certificate(certPem), key: await importPrivateKey(keyPem) };
}

/**
 * Certifies `publicKeyPem` (ECDSA P-256 only) under `root`: not a CA, valid from a minute before
 * `now` (the relying party's clock may be a little behind) for `validDays`.
 */
export async function issueLeafCertificate(
  root: CaRoot,
  req: { subject: string; publicKeyPem: string; validDays: number; extensions: x509.Extension[] },
  now: Date,
): Promise<x509.X509Certificate> {
  const publicKey = await importPublicKey(req.publicKeyPem);
  const notBefore = new Date(now.getTime() - 60_000);
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: serialNumber(),
      subject: req.subject,
      issuer: root.cert.subject,
      notBefore,
      notAfter: new Date(notBefore.getTime() + req.validDays * DAY_MS),
      signingAlgorithm,
      publicKey,
      signingKey: root.key,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        ...req.extensions,
        await x509.SubjectKeyIdentifierExtension.create(publicKey, false, x509Crypto),
        await x509.AuthorityKeyIdentifierExtension.create(root.cert, false, x509Crypto),
      ],
    },
    x509Crypto,
  );
}

/**
 * The extensions of a TLS server certificate naming `hostnames` and `ipAddresses`; throws on a
 * malformed IP address or when no name is given.
 */
export function serverCertificateExtensions(
  hostnames: readonly string[],
  ipAddresses: readonly string[],
): x509.Extension[] {
  for (const ip of ipAddresses) if (isIP(ip) === 0) throw new TypeError(`not an IP address: ${ip}`);
  if (hostnames.length + ipAddresses.length === 0) throw new TypeError('a server certificate needs a name');
  return [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.SubjectAlternativeNameExtension([
      ...hostnames.map((value) => ({ type: 'dns' as const, value })),
      ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
    ]),
  ];
}

/** 16 random bytes with the top bit clear: a positive INTEGER, unique in practice. */
export function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] as number) & 0x7f;
  return bytes.toString('hex');
}

async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return x509Crypto.subtle.importKey('pkcs8', der, ecdsa, false, ['sign']);
}

/** Imports a public key to certify; only ECDSA P-256 keys are certified. */
async function importPublicKey(pem: string): Promise<CryptoKey> {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new TypeError('the public key must be ECDSA P-256');
  }
  return x509Crypto.subtle.importKey('spki', key.export({ type: 'spki', format: 'der' }), ecdsa, true, [
    'verify',
  ]);
}

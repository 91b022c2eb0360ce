import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** Test-only PKI: a CA, a server certificate for 127.0.0.1 and a client certificate, all PEM. */
export interface TestPki {
  readonly caPem: string;
  readonly server: { readonly certPem: string; readonly keyPem: string };
  readonly client: { readonly certPem: string; readonly keyPem: string };
  /** A second, unrelated CA: a client trusting only this one must refuse the server. */
  readonly strangerCaPem: string;
  /** A server certificate naming only `fdm.local`, for the serverName option. */
  readonly namedServer: { readonly certPem: string; readonly keyPem: string };
}

type KeyPair = webcrypto.CryptoKeyPair;

// @peculiar/x509 is typed against the DOM's Crypto, which this Node-only build does not load.
x509.cryptoProvider.set(webcrypto as never);

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

const generateKeys = async (): Promise<KeyPair> =>
  webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);

const keyPem = async (key: webcrypto.CryptoKey): Promise<string> => {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
};

const validity = (): { notBefore: Date; notAfter: Date } => ({
  notBefore: new Date(Date.now() - 60_000),
  notAfter: new Date(Date.now() + 24 * 3600_000),
});

const createCa = async (name: string): Promise<{ cert: x509.X509Certificate; keys: KeyPair }> => {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${name}`,
    keys,
    signingAlgorithm: algorithm,
    ...validity(),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return { cert, keys };
};

const issue = async (
  ca: { cert: x509.X509Certificate; keys: KeyPair },
  subject: string,
  extensions: x509.Extension[],
): Promise<{ certPem: string; keyPem: string }> => {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${subject}`,
    issuer: ca.cert.subject,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: algorithm,
    ...validity(),
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), ...extensions],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
};

export const createTestPki = async (): Promise<TestPki> => {
  const ca = await createCa('GKS test CA');
  const stranger = await createCa('Stranger CA');
  const serverUsage = new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]);
  const server = await issue(ca, 'FDM under test', [
    serverUsage,
    new x509.SubjectAlternativeNameExtension([
      { type: 'ip', value: '127.0.0.1' },
      { type: 'dns', value: 'localhost' },
    ]),
  ]);
  const namedServer = await issue(ca, 'fdm.local', [
    serverUsage,
    new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'fdm.local' }]),
  ]);
  const client = await issue(ca, 'CPOS0031234567', [
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
  ]);
  return {
    caPem: ca.cert.toString('pem'),
    server,
    client,
    strangerCaPem: stranger.cert.toString('pem'),
    namedServer,
  };
};

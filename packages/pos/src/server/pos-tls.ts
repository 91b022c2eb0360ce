import { generateKeyPairSync } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalTestCa } from '@gks/fdm';

/**
 * A certificate for serving the API over https in a demo or test set-up: a local CA and a
 * server certificate for 127.0.0.1 and localhost, made once in `dir` and reused. A real site
 * passes its own certificate instead.
 */
export async function localTlsCertificate(
  dir: string,
): Promise<{ certPem: string; keyPem: string; caPem: string }> {
  const certFile = join(dir, 'server-cert.pem');
  const keyFile = join(dir, 'server-key.pem');
  const caDir = join(dir, 'ca');
  const exists = await access(certFile).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const ca = await LocalTestCa.create(caDir);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const certPem = await ca.issueServerCertificate({
      hostnames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
    await writeFile(certFile, certPem);
  }
  return {
    certPem: await readFile(certFile, 'utf8'),
    keyPem: await readFile(keyFile, 'utf8'),
    caPem: await readFile(join(caDir, 'ca-cert.pem'), 'utf8'),
  };
}

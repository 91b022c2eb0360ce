import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLocalCa, loadLocalCa } from '../pki/local-pki.js';
import { migrate } from '../store/migrations.js';
import { openSql, type Sql } from '../store/sql.js';

/**
 * A bridge node's data directory: `db/` (PGlite, when no DATABASE_URL), `logs/bii.log`,
 * `tls/` (generated certificates, when none are given). Nothing that passes through the bridge
 * is ever written under it.
 */
export const layout = (dir: string) => ({
  db: join(dir, 'db'),
  logs: join(dir, 'logs'),
  log: join(dir, 'logs', 'bii.log'),
  tls: join(dir, 'tls'),
});

export async function openBridgeDatabase(dir: string, databaseUrl: string | undefined): Promise<Sql> {
  const sql = await openSql(databaseUrl ? { databaseUrl } : { dataDir: layout(dir).db });
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return sql;
}

export function databaseUrlOf(option: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const url = option ?? env['DATABASE_URL'];
  return url?.trim() ? url.trim() : undefined;
}

/**
 * The TLS certificate for the POS and uplink ports when the operator gives none: a local CA
 * kept in `tls/` (clients trust `tls/ca-cert.pem`) and a server certificate for the names given.
 * Made once; later starts reuse it.
 */
export async function generatedServerTls(
  dir: string,
  names: readonly string[],
): Promise<{ certPem: string; keyPem: string; caPem: string }> {
  const tls = layout(dir).tls;
  const read = async (name: string) => readFile(join(tls, name), 'utf8').catch(() => undefined);
  const [caCert, caKey, cert, key] = await Promise.all(
    ['ca-cert.pem', 'ca-key.pem', 'server-cert.pem', 'server-key.pem'].map(read),
  );
  if (caCert && caKey && cert && key) return { certPem: cert, keyPem: key, caPem: caCert };
  await mkdir(tls, { recursive: true, mode: 0o700 });
  const ca = caCert && caKey ? await loadLocalCa(caCert, caKey) : await createLocalCa('GKS bridge local CA');
  const server = await ca.issue({ commonName: names[0] ?? 'localhost', names, serverAuth: true });
  await writeFile(join(tls, 'ca-key.pem'), ca.keyPem, { mode: 0o600 });
  await writeFile(join(tls, 'ca-cert.pem'), ca.certPem);
  await writeFile(join(tls, 'server-key.pem'), server.keyPem, { mode: 0o600 });
  await writeFile(join(tls, 'server-cert.pem'), server.certPem);
  return { ...server, caPem: ca.certPem };
}

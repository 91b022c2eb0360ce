import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '@gks/core';
import { databaseLocation, type DatabaseLocation } from '@gks/db';
import { newAuditorCredential, type AuditorCredential } from '../auditor/auditor-credential.js';
import { FpsCertificateAuthority, newKeyPairPem } from '../ca/fps-ca.js';
import { openFpsDatabase, type FpsDatabase } from '../db/open-fps-database.js';
import type { Clock } from '../registry/registrations.js';
import type { FpsSchema } from '../db/schema.js';
import type { Kysely } from 'kysely';

/** The service's data directory: CA, TLS, auditor login, configuration, embedded database. */
export const fpsFiles = {
  config: 'fps.json',
  caDir: 'ca',
  tlsKey: join('tls', 'server-key.pem'),
  tlsCert: join('tls', 'server-cert.pem'),
  auditor: 'auditor.json',
  database: 'db',
} as const;

export interface FpsConfig {
  readonly publicBaseUrl: string;
  readonly createdAt: string;
}

export interface InitFpsOptions {
  readonly publicBaseUrl?: string;
  /** Names on the service's TLS certificate besides localhost, 127.0.0.1 and ::1. */
  readonly hostnames?: readonly string[];
  readonly clock?: Clock;
  readonly env?: NodeJS.ProcessEnv;
}

/** Creates a data directory: CA (key 0600), TLS certificate, auditor login; migrates the database. */
export async function initFps(
  dir: string,
  options: InitFpsOptions = {},
): Promise<
  Result<{ auditorUser: string; auditorPassword: string; caCertificatePath: string }, { reason: string }>
> {
  if (existsSync(join(dir, fpsFiles.config)))
    return err({ reason: `${dir} already holds an FPS (fps.json exists)` });
  const clock = options.clock ?? { now: () => new Date() };
  await mkdir(join(dir, 'tls'), { recursive: true, mode: 0o700 });
  const ca = await FpsCertificateAuthority.create(join(dir, fpsFiles.caDir), () => clock.now());
  const tls = newKeyPairPem();
  const certPem = await ca.issueFpsServerCertificate({
    hostnames: ['localhost', ...(options.hostnames ?? [])],
    ipAddresses: ['127.0.0.1', '::1'],
    publicKeyPem: tls.publicKeyPem,
  });
  await writeFile(join(dir, fpsFiles.tlsKey), tls.privateKeyPem, { mode: 0o600, flag: 'wx' });
  await writeFile(join(dir, fpsFiles.tlsCert), certPem, { flag: 'wx' });
  const { credential, password } = newAuditorCredential();
  await writeFile(join(dir, fpsFiles.auditor), JSON.stringify(credential, null, 2) + '\n', {
    mode: 0o600,
    flag: 'wx',
  });
  const database = await openFpsDatabase(fpsDatabaseLocation(dir, options.env ?? process.env), 'owner');
  await database.close();
  const config: FpsConfig = {
    publicBaseUrl: options.publicBaseUrl ?? 'https://localhost:8443',
    createdAt: clock.now().toISOString(),
  };
  // fps.json last: a directory without it is an init that did not finish.
  await writeFile(join(dir, fpsFiles.config), JSON.stringify(config, null, 2) + '\n', { flag: 'wx' });
  return ok({
    auditorUser: credential.user,
    auditorPassword: password,
    caCertificatePath: ca.certificatePath,
  });
}

export function fpsDatabaseLocation(dir: string, env: NodeJS.ProcessEnv): DatabaseLocation {
  return databaseLocation(env, join(dir, fpsFiles.database));
}

export interface OpenedFps {
  readonly config: FpsConfig;
  readonly ca: FpsCertificateAuthority;
  readonly database: FpsDatabase;
  readonly auditor: AuditorCredential;
  readonly tls: { keyPem: string; certPem: string; caPem: string };
  close(): Promise<void>;
}

/**
 * Opens a data directory: loads the CA and records every certificate it issues from now on in
 * the database (C-86: the FOD keeps the public keys).
 */
export async function openFps(
  dir: string,
  options: { clock?: Clock; env?: NodeJS.ProcessEnv } = {},
): Promise<Result<OpenedFps, { reason: string }>> {
  if (!existsSync(join(dir, fpsFiles.config)))
    return err({ reason: `${dir} holds no FPS: run 'gks fps init --dir ${dir}'` });
  const clock = options.clock ?? { now: () => new Date() };
  const config = JSON.parse(await readFile(join(dir, fpsFiles.config), 'utf8')) as FpsConfig;
  const ca = await FpsCertificateAuthority.load(join(dir, fpsFiles.caDir), () => clock.now());
  const auditor = JSON.parse(await readFile(join(dir, fpsFiles.auditor), 'utf8')) as AuditorCredential;
  const database = await openFpsDatabase(fpsDatabaseLocation(dir, options.env ?? process.env));
  recordIssuedCertificates(ca, database.db, clock);
  return ok({
    config,
    ca,
    database,
    auditor,
    tls: {
      keyPem: await readFile(join(dir, fpsFiles.tlsKey), 'utf8'),
      certPem: await readFile(join(dir, fpsFiles.tlsCert), 'utf8'),
      caPem: ca.caCertificatePem,
    },
    close: () => database.close(),
  });
}

/** Records every certificate `ca` issues from now on in the database (C-86: the FOD keeps the public keys). */
export function recordIssuedCertificates(
  ca: FpsCertificateAuthority,
  db: Kysely<FpsSchema>,
  clock: Clock,
): void {
  ca.onIssue(async (issued) => {
    const fdmId = issued.kind === 'FDM' ? (/CN=([^,]+)/.exec(issued.subject)?.[1] ?? null) : null;
    await db
      .insertInto('issued_certificate')
      .values({
        serial_number: issued.serialNumber,
        kind: issued.kind,
        subject: issued.subject,
        fdm_id: fdmId,
        pem: issued.pem,
        not_after: issued.notAfter,
        issued_at: clock.now(),
      })
      .execute();
  });
}

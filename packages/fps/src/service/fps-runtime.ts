import { startServiceAdmin, type CommandArgs, type CommandIo } from '@gks/fdm';
import { DataDirInUseError } from '@gks/db';
import { err, ok, type Result } from '@gks/core';
import type { Kysely } from 'kysely';
import type { FpsSchema } from '../db/schema.js';
import { createFpsApp } from '../http/fps-app.js';
import { startFpsServer } from '../http/fps-server.js';
import type { Clock } from '../registry/registrations.js';
import { openFps } from './fps-service.js';

/** An admin command's work, as the service runs it against its own database. */
export type FpsAdminWork = (
  fps: { readonly db: Kysely<FpsSchema>; readonly clock: Clock },
  args: CommandArgs,
  io: CommandIo,
) => Promise<number>;

export interface RunningFpsService {
  /** https://host:port */
  readonly url: string;
  readonly port: number;
  readonly publicBaseUrl: string;
  readonly caCertificatePath: string;
  /** The loopback admin endpoint (its token is in DIR/admin.json, mode 0600). */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

/**
 * What `gks fps start` runs: the data directory opened, the HTTPS service, and the admin
 * endpoint through which the CLI registers, revokes and sets VAT rates while the service holds
 * the database.
 */
export async function startFpsService(
  dir: string,
  options: {
    readonly host: string;
    readonly port: number;
    readonly fdmCertificateDays?: number;
    readonly commands: ReadonlyMap<string, FpsAdminWork>;
    readonly clock?: Clock;
    readonly env?: NodeJS.ProcessEnv;
  },
): Promise<Result<RunningFpsService, { reason: string }>> {
  const clock = options.clock ?? { now: () => new Date() };
  let opened;
  try {
    opened = await openFps(dir, { clock, ...(options.env ? { env: options.env } : {}) });
  } catch (error) {
    if (error instanceof DataDirInUseError)
      return err({ reason: `${error.message}; is the service running already?` });
    throw error;
  }
  if (!opened.ok) return opened;
  const fps = opened.value;
  try {
    const app = createFpsApp({
      db: fps.database.db,
      ca: fps.ca,
      clock,
      auditor: fps.auditor,
      publicBaseUrl: fps.config.publicBaseUrl,
      ...(options.fdmCertificateDays === undefined ? {} : { fdmCertificateDays: options.fdmCertificateDays }),
    });
    const server = await startFpsServer({ app, host: options.host, port: options.port, tls: fps.tls });
    const admin = await startServiceAdmin({
      dir,
      commands: [...options.commands.keys()],
      run: (name, args, io) => {
        const work = options.commands.get(name);
        if (!work) throw new Error(`not an admin command: ${name}`);
        return work({ db: fps.database.db, clock }, args, io);
      },
    });
    return ok({
      url: server.url,
      port: server.port,
      publicBaseUrl: fps.config.publicBaseUrl,
      caCertificatePath: fps.ca.certificatePath,
      adminUrl: admin.url,
      async stop() {
        await admin.stop();
        await server.close();
        await fps.close();
      },
    });
  } catch (error) {
    await fps.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
      return err({ reason: `cannot listen on ${options.host}:${options.port}: ${code}` });
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { createFastPath } from '../api/fast-path.js';
import { createFdmYoga } from '../api/fdm-yoga.js';
import { defaultLimits, type RequestLimits } from '../api/limits.js';
import type { FdmEngine } from '../engine/fdm-engine.js';
import { startFaultAdmin, type FaultAdmin } from '../faults/admin-server.js';
import { startHttpTransport } from './http-transport.js';

export interface AdminOptions {
  /** Port of the loopback-only fault admin endpoint; 0 (default) picks a free one. */
  readonly port?: number;
  /** Bearer token; a random one when absent. */
  readonly token?: string;
}

export interface ServeOptions {
  readonly host?: string;
  readonly port?: number;
  readonly tls?: { readonly keyPem: string; readonly certPem: string } | undefined;
  readonly limits?: RequestLimits;
  /** false: no fault admin endpoint at all. */
  readonly admin?: AdminOptions | false;
}

export interface ServedFdm {
  readonly url: string;
  readonly port: number;
  readonly fdmId: string;
  readonly engine: FdmEngine;
  /** http://127.0.0.1:P/faults, when the admin endpoint runs. */
  readonly adminUrl?: string;
  readonly adminToken?: string;
  stop(): Promise<void>;
}

/** Puts an engine on the network: GraphQL on host:port, fault admin on loopback. */
export async function serveEngine(engine: FdmEngine, options: ServeOptions = {}): Promise<ServedFdm> {
  const limits = options.limits ?? defaultLimits;
  const yoga = createFdmYoga(engine, limits);
  const transport = await startHttpTransport({
    yoga,
    fastPath: createFastPath(yoga),
    faults: engine.faults,
    limits,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    tls: options.tls,
  });
  let admin: FaultAdmin | undefined;
  let adminToken: string | undefined;
  if (options.admin !== false) {
    adminToken = options.admin?.token ?? randomBytes(24).toString('base64url');
    try {
      admin = await startFaultAdmin({
        faults: engine.faults,
        token: adminToken,
        port: options.admin?.port ?? 0,
      });
    } catch (error) {
      await transport.stop();
      throw error;
    }
  }
  return {
    url: transport.url,
    port: transport.port,
    fdmId: engine.fdmId,
    engine,
    ...(admin && adminToken ? { adminUrl: admin.url, adminToken } : {}),
    async stop() {
      await admin?.stop();
      await transport.stop();
    },
  };
}

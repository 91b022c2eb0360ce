import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createPosYoga, type PosYoga } from '../api/pos-yoga.js';
import { defaultProbeEveryMs, FdmProbe, type Ticker } from '../fiscal/fdm-probe.js';
import { withStaticUi } from './static-ui.js';
import { openRegisterRuntime, type RegisterRuntime, type RuntimeOptions } from './runtime.js';

export interface PosServerOptions extends RuntimeOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Serve https with this certificate. */
  readonly tls?: { readonly certPem: string; readonly keyPem: string };
  /** How often events still waiting for the FDM are resent; default 10 s, 0 turns it off. */
  readonly retryEveryMs?: number;
  /** The built web UI served at `/`; default packages/web/dist. */
  readonly uiDir?: string;
  /** Asking the FDM's status during an incident: default every 5 s; `everyMs: 0` turns it off. */
  readonly fdmProbe?: { readonly everyMs?: number; readonly ticker?: Ticker };
}

export interface RunningPos {
  readonly url: string;
  readonly port: number;
  readonly runtime: RegisterRuntime;
  readonly yoga: PosYoga;
  /** What the start-up resend found: events journaled before a crash and sent again. */
  readonly recovered: { readonly resent: number; readonly fdmDown: boolean };
  stop(): Promise<void>;
}

/**
 * Opens the register, resends every event left unanswered before the last stop (byte for
 * byte, before any new work), and serves the API on /graphql.
 */
export async function startPosServer(options: PosServerOptions): Promise<RunningPos> {
  const runtime = await openRegisterRuntime(options);
  const recovered = await runtime.deps.pipeline.recover();
  const yoga = createPosYoga(runtime);
  const server: Server = options.tls
    ? createHttpsServer(
        { cert: options.tls.certPem, key: options.tls.keyPem },
        withStaticUi(yoga, options.uiDir),
      )
    : createHttpServer(withStaticUi(yoga, options.uiDir));
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const retryEveryMs = options.retryEveryMs ?? 10_000;
  const retry =
    retryEveryMs > 0
      ? setInterval(() => {
          if (runtime.deps.pipeline.stuckCount > 0) void runtime.deps.pipeline.flush();
        }, retryEveryMs)
      : null;
  retry?.unref();
  const probeEveryMs = options.fdmProbe?.everyMs ?? defaultProbeEveryMs;
  const probe =
    probeEveryMs > 0
      ? new FdmProbe({
          pipeline: runtime.deps.pipeline,
          status: () => runtime.fdm.status(),
          everyMs: probeEveryMs,
          ...(options.fdmProbe?.ticker ? { ticker: options.fdmProbe.ticker } : {}),
        })
      : null;
  probe?.start();
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let stopping: Promise<void> | null = null;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}/graphql`,
    port,
    runtime,
    yoga,
    recovered: {
      resent: recovered.ok ? recovered.value.resent : runtime.deps.pipeline.stuckCount,
      fdmDown: !recovered.ok,
    },
    stop: () =>
      (stopping ??= (async () => {
        if (retry) clearInterval(retry);
        await probe?.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await runtime.close();
      })()),
  };
}

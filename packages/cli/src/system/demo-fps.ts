import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { demoFdmIdentity } from '@gks/fdm';
import {
  createFpsApp,
  type FpsApp,
  currentFdm,
  currentOperator,
  fpsFiles,
  initFps,
  issueActivationCode,
  openFps,
  registerFdm,
  registerOperator,
  revokeFdm,
  startFpsServer,
} from '@gks/fps';

export interface DemoFps {
  readonly url: string;
  /** Where a ticket's QR code points: `<url>/verify/<fdmId>/<totalCounter>/<shortSignature>`. */
  readonly verifyUrl: string;
  readonly caPem: string;
  readonly caCertificatePath: string;
  /** Printed once, on the run that created the service. */
  readonly auditorLogin?: string;
  /** The CA's revocation list of FDM certificates, which bridges fetch. */
  readonly crlUrl: string;
  /** A fresh one-time activation code for the demo FDM. */
  activationCode(): Promise<string>;
  /** Revokes an FDM (its certificates go on the CRL); for demonstrations and tests. */
  revokeFdm(fdmId: string, reason: string): Promise<void>;
  stop(): Promise<void>;
}

const clock = { now: () => new Date() };

/**
 * The tax administration's service with the demo restaurant registered (operator and demo FDM),
 * created on first run. Its public URL is where it actually listens, so the verification URLs
 * the FDM prints open this service's /verify page.
 */
export async function startDemoFps(options: { dir: string; host: string; port: number }): Promise<DemoFps> {
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  let auditorLogin: string | undefined;
  if (!existsSync(join(options.dir, fpsFiles.config))) {
    const made = await initFps(options.dir, {
      // Recorded for `gks fps start`; this run uses where it actually listens (below).
      publicBaseUrl: `https://${shownHost}:${options.port}`,
      hostnames: options.host === '127.0.0.1' || options.host === 'localhost' ? [] : [options.host],
    });
    if (!made.ok) throw new Error(made.error.reason);
    auditorLogin = `auditor login ${made.value.auditorUser}, password ${made.value.auditorPassword} (shown once)`;
  }
  const opened = await openFps(options.dir);
  if (!opened.ok) throw new Error(opened.error.reason);
  const fps = opened.value;
  try {
    const { fdmId, vatNo, estNo, allowedPosIds } = demoFdmIdentity;
    if (!(await currentOperator(fps.database.db, vatNo))) {
      const o = await registerOperator(
        fps.database.db,
        { vatNo, name: 'Brasserie De Markt (demo)', estNos: [estNo], by: 'gks up' },
        clock,
      );
      if (!o.ok) throw new Error(o.error.reason);
    }
    if (!(await currentFdm(fps.database.db, fdmId))) {
      const f = await registerFdm(
        fps.database.db,
        { fdmId, ownerVatNo: vatNo, estNo, allowedPosIds: [...allowedPosIds], by: 'gks up' },
        clock,
      );
      if (!f.ok) throw new Error(f.error.reason);
    }
    // Listen first, then build the app with the address it got (port 0 in tests), so that the
    // verification URLs the FDM prints point at this very service.
    const ready: { app?: FpsApp } = {};
    const server = await startFpsServer({
      app: (request, peer) =>
        ready.app ? ready.app(request, peer) : Promise.resolve(new Response('starting', { status: 503 })),
      host: options.host,
      port: options.port,
      tls: fps.tls,
    });
    const publicBaseUrl = server.url.replace(/\/+$/, '');
    ready.app = createFpsApp({ db: fps.database.db, ca: fps.ca, clock, auditor: fps.auditor, publicBaseUrl });
    return {
      url: server.url,
      verifyUrl: `${publicBaseUrl}/verify`,
      crlUrl: `${publicBaseUrl}/crl`,
      caPem: fps.ca.caCertificatePem,
      caCertificatePath: fps.ca.certificatePath,
      ...(auditorLogin ? { auditorLogin } : {}),
      async activationCode() {
        const code = await issueActivationCode(fps.database.db, fdmId, clock);
        if (!code.ok) throw new Error(code.error.reason);
        return code.value.code;
      },
      async revokeFdm(revokedId, reason) {
        const revoked = await revokeFdm(fps.database.db, { fdmId: revokedId, reason, by: 'gks up' }, clock);
        if (!revoked.ok) throw new Error(revoked.error.reason);
      },
      async stop() {
        await server.close();
        await fps.close();
      },
    };
  } catch (error) {
    await fps.close();
    throw error;
  }
}

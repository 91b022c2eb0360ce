/** Test support: the FPS served over TLS on loopback, and a real FDM activated against it. */
import { initFdmFromFps, type FdmState, type RefreshTimer } from '@gks/fdm';
import { newKeyPairPem } from '../ca/fps-ca.js';
import type { TestFps } from './fixtures.js';

/** Never fires on its own: each test refreshes or checks explicitly, so nothing sleeps. */
export const manualTimer: RefreshTimer = { schedule: () => ({ cancel() {} }) };

export interface FpsServerTls {
  readonly keyPem: string;
  readonly certPem: string;
  readonly caPem: string;
}

/** A server certificate for 127.0.0.1 / localhost from the test FPS's own CA. */
export async function fpsServerTls(fps: TestFps): Promise<FpsServerTls> {
  const key = newKeyPairPem();
  const certPem = await fps.ca.issueFpsServerCertificate({
    hostnames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    publicKeyPem: key.publicKeyPem,
  });
  return { keyPem: key.privateKeyPem, certPem, caPem: fps.ca.caCertificatePem };
}

/** Registers `fdmId` at the FPS and initialises an FDM in `dir` with its one-time code. */
export async function activateFdm(
  fps: TestFps,
  fdmId: string,
  dir: string,
  fpsServer: { url: string; caPem: string },
): Promise<FdmState> {
  const code = await fps.registerFdm(fdmId);
  const init = await initFdmFromFps(dir, {
    fpsUrl: fpsServer.url,
    fpsCaPem: fpsServer.caPem,
    fdmId,
    activationCode: code,
    capacityBytes: 8 * 1024 * 1024,
    now: new Date(),
  });
  if (!init.ok) throw new Error(init.error.reason);
  return init.value;
}

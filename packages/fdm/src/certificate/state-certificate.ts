import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../engine/clock.js';
import { signerFromPem } from '../signing/event-signature.js';
import type { FdmState } from '../state/fdm-state.js';
import { fpsRequest, liveIdentity } from '../upload/fps-transport.js';
import { installRenewedCertificate } from './certificate-files.js';
import { CertificateRenewer, type CertificateRenewerOptions } from './certificate-renewer.js';

export type CertificateTuning = Pick<CertificateRenewerOptions, 'timer' | 'failuresBeforeWarning' | 'warn'>;

/**
 * The certificate renewer of an FDM initialised against the tax administration's service
 * (`fpsUrl` in fdm.json); undefined otherwise (a local test CA renews nothing). An installed
 * renewal changes `state.certificatePem`, which the uploader, the parameter refresher and the
 * bridge uplink read on their next connection.
 */
export async function certificateRenewerForState(
  state: FdmState,
  clock: Clock,
  tuning: CertificateTuning = {},
): Promise<CertificateRenewer | undefined> {
  const fpsUrl = state.config.fpsUrl;
  if (fpsUrl === undefined) return undefined;
  const keyPem = await readFile(join(state.dir, 'fdm-key.pem'), 'utf8');
  const identity = liveIdentity(state, keyPem);
  return new CertificateRenewer({
    ...tuning,
    fdmId: state.config.fdmId,
    current: () => state.certificatePem,
    publicKeyPem: signerFromPem(keyPem).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    caPem: state.caCertificatePem,
    clock,
    renew: () => fpsRequest(fpsUrl, identity, 'POST', 'fdm/certificate/renew', {}),
    async install(pem) {
      await installRenewedCertificate(state.dir, pem);
      state.certificatePem = pem;
    },
  });
}

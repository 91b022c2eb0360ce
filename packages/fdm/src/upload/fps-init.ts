import { err, type Result } from '@gks/core';
import { initFdmState, type FdmState } from '../state/fdm-state.js';
import { fetchActivationParameters, fpsActivationCa } from './fps-activation.js';

export interface FpsInitOptions {
  /** The service's base URL, e.g. https://127.0.0.1:8443. */
  readonly fpsUrl: string;
  /** The service's CA certificate: trust anchor for its TLS and issuer of the FDM's certificate. */
  readonly fpsCaPem: string;
  readonly fdmId: string;
  /** The one-time code `gks fps register-fdm` printed. */
  readonly activationCode: string;
  readonly capacityBytes?: number;
  readonly now: Date;
}

/**
 * Initialises an FDM against the tax administration's service: its registration (VAT and
 * establishment number, allow-list, verification base URL) comes from the service, and its
 * certificates from the service's CA, which uses the activation code up. The state remembers
 * the service, so the FDM server uploads every event to it.
 */
export async function initFdmFromFps(
  dir: string,
  options: FpsInitOptions,
): Promise<Result<FdmState, { reason: string }>> {
  const { fpsUrl, fpsCaPem, fdmId, activationCode } = options;
  try {
    const parameters = await fetchActivationParameters(fpsUrl, fpsCaPem, fdmId, activationCode);
    return await initFdmState(dir, {
      fdmId,
      vatNo: parameters.vatNo,
      estNo: parameters.estNo,
      allowedPosIds: [...parameters.allowedPosIds],
      verificationBaseUrl: parameters.verificationBaseUrl,
      ...(options.capacityBytes === undefined ? {} : { capacityBytes: options.capacityBytes }),
      ca: fpsActivationCa({ fpsUrl, caPem: fpsCaPem, activationCode }),
      fpsUrl,
      now: options.now,
    });
  } catch (error) {
    // Network failures and refusals of the service are expected here: the operator retries.
    return err({ reason: `initialisation against ${fpsUrl} failed: ${(error as Error).message}` });
  }
}

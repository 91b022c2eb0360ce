import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, type Result } from '@gks/core';
import type { RequestLimits } from '../api/limits.js';
import type { FdmEngine } from '../engine/fdm-engine.js';
import type { FdmState } from '../state/fdm-state.js';
import { createLocalExchange } from './local-exchange.js';
import { startFdmUplink, type FdmUplink, type FdmUplinkOptions } from './fdm-uplink.js';

export type { FdmUplink } from './fdm-uplink.js';

/** What `startFdmServer({ bridge })` and `gks fdm start --bridge` need to reach a bridge. */
export type BridgeUplinkOptions = Omit<FdmUplinkOptions, 'fdmId' | 'certPem' | 'keyPem' | 'exchange'>;

/**
 * The uplink of a running FDM: its certificate and key from the state directory as the TLS
 * client certificate, its engine behind the forwarded requests.
 */
export async function startBridgeUplink(
  state: FdmState,
  engine: FdmEngine,
  options: BridgeUplinkOptions,
  limits?: RequestLimits,
): Promise<Result<FdmUplink, { reason: string }>> {
  const keyPem = await readFile(join(state.dir, 'fdm-key.pem'), 'utf8');
  const started = startFdmUplink({
    ...options,
    fdmId: state.config.fdmId,
    certPem: () => state.certificatePem,
    keyPem,
    exchange: createLocalExchange(engine, limits),
  });
  return started.ok ? started : err({ reason: started.error });
}

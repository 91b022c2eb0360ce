import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Result } from '@gks/core';
import type { Clock } from '../engine/clock.js';
import { initFdmState } from '../state/fdm-state.js';
import type { BridgeUplinkOptions } from '../uplink/bridge-uplink.js';
import { initFdmFromFps } from '../upload/fps-init.js';
import { startFdmServer, type RunningFdm } from './fdm-server.js';

/** The demo restaurant's FDM identities (the FOD sample values). */
export const demoFdmIdentity = {
  fdmId: 'FOD01000001',
  vatNo: 'BE0000000097',
  estNo: '2000000042',
  allowedPosIds: ['CPOS0031234567'],
} as const;

/** Starts the demo FDM of `dir`, creating its state with the demo identities on first run. */
export async function startDemoFdm(options: {
  dir: string;
  host: string;
  port: number;
  clock?: Clock;
  /** Initialise a new demo FDM against this tax administration's service (else the local test CA). */
  fps?: { url: string; caPem: string; activationCode: () => Promise<string> };
  /** Keep an uplink to this bridge. */
  bridge?: BridgeUplinkOptions;
}): Promise<Result<RunningFdm & { created: boolean }, { reason: string }>> {
  let created = false;
  const exists = await access(join(options.dir, 'fdm.json')).then(
    () => true,
    () => false,
  );
  if (!exists) {
    // 64 MiB: room for about 25,000 demo tickets, and a visible buffer percentage.
    const capacityBytes = 64 * 1024 * 1024;
    const now = (options.clock ?? { now: () => new Date() }).now();
    const init = options.fps
      ? await initFdmFromFps(options.dir, {
          fpsUrl: options.fps.url,
          fpsCaPem: options.fps.caPem,
          fdmId: demoFdmIdentity.fdmId,
          activationCode: await options.fps.activationCode(),
          capacityBytes,
          now,
        })
      : await initFdmState(options.dir, {
          ...demoFdmIdentity,
          allowedPosIds: [...demoFdmIdentity.allowedPosIds],
          capacityBytes,
          now,
        });
    if (!init.ok) return init;
    created = true;
  }
  const started = await startFdmServer({
    dir: options.dir,
    host: options.host,
    port: options.port,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.bridge ? { bridge: options.bridge } : {}),
  });
  if (!started.ok) return started;
  return { ok: true, value: { ...started.value, created } };
}

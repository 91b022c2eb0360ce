import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initFdmState } from '../state/fdm-state.js';
import { fodFdmConfig } from './fod-requests.js';

/** A fresh FDM state directory with the FOD identities, removed by dispose(). */
export async function fodStateDir(
  capacityBytes?: number,
): Promise<{ dir: string; dispose(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'gks-fdm-e2e-'));
  const dir = join(root, 'fdm');
  const init = await initFdmState(dir, {
    ...fodFdmConfig(),
    verificationBaseUrl: 'https://verify.example/fdm',
    // Certificates are issued for the real now: TLS clients check them against the real clock.
    now: new Date(),
    ...(capacityBytes === undefined ? {} : { capacityBytes }),
  });
  if (!init.ok) throw new Error(init.error.reason);
  return { dir, dispose: () => rm(root, { recursive: true, force: true }) };
}

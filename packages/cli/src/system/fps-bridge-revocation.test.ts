import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoFdmIdentity, startDemoFdm, type RunningFdm } from '@gks/fdm';
import { createTransport, FdmClient } from '@gks/fdm-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBridge, type DemoBridge } from './demo-bridge.js';
import { startDemoFps, type DemoFps } from './demo-fps.js';

/**
 * The tax administration's service and the bridge together, as `gks up` runs them: the FPS
 * revokes an FDM, the bridge learns it from the FPS's own CRL over TLS and cuts the FDM's uplink.
 * (The bridge's tests use a CRL made in the test; this one uses the FPS's.)
 */
describe('revocation from the FPS reaches the bridge (A-6, the FPS CRL)', () => {
  let dir: string;
  let fps: DemoFps;
  let bridge: DemoBridge;
  let fdm: RunningFdm;
  const { fdmId, vatNo, estNo, allowedPosIds } = demoFdmIdentity;
  const posId = allowedPosIds[0] ?? '';

  const clientThroughBridge = () => {
    const transport = createTransport({
      kind: 'bridge',
      baseUrl: bridge.url,
      fdmId,
      ...(bridge.caPem ? { caPem: bridge.caPem } : {}),
      timeoutMs: 5000,
      endUser: { vatNo, estNo, posId },
    });
    if (!transport.ok) throw new Error(transport.error);
    return new FdmClient({
      transport: transport.value,
      resend: { maxResends: 0, delaysMs: [0] },
      sleep: async () => {},
    });
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gks-revocation-'));
    fps = await startDemoFps({ dir: join(dir, 'fps'), host: '127.0.0.1', port: 0 });
    bridge = await startDemoBridge({
      dir: join(dir, 'bii'),
      host: '127.0.0.1',
      port: 0,
      uplinkPort: 0,
      fdmCaPems: [fps.caPem],
      fpsCrl: { url: fps.crlUrl, caFile: fps.caCertificatePath },
    });
    const started = await startDemoFdm({
      dir: join(dir, 'fdm'),
      host: '127.0.0.1',
      port: 0,
      fps: { url: fps.url, caPem: fps.caPem, activationCode: () => fps.activationCode() },
      bridge: { bridgeUrl: bridge.uplinkUrl, ...(bridge.caPem ? { caPem: bridge.caPem } : {}) },
    });
    if (!started.ok) throw new Error(started.error.reason);
    fdm = started.value;
    expect(await fdm.uplink?.waitUntilAttached(10_000)).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await fdm?.stop();
    await bridge?.stop();
    await fps?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('before the revocation, the FDM answers through the bridge', async () => {
    const client = clientThroughBridge();
    const status = await client.status();
    client.close();
    expect(status.ok).toBe(true);
    expect(bridge.isAttached(fdmId)).toBe(true);
  });

  it('after the FPS revokes it, the next CRL fetch cuts the uplink and the bridge answers FDM_NOT_CONNECTED', async () => {
    await fps.revokeFdm(fdmId, 'device reported stolen');
    await bridge.refreshRevocations();
    expect(bridge.isAttached(fdmId)).toBe(false);
    // The FDM keeps trying to reattach; every hello is refused.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(bridge.isAttached(fdmId)).toBe(false);
    const client = clientThroughBridge();
    const refused = await client.status();
    client.close();
    expect(!refused.ok && refused.error.kind === 'fdm' && refused.error.code).toBe('FDM_NOT_CONNECTED');
  });
});

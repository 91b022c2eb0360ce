import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SqlPolicy, startBridgeFromArgs } from '@gks/bii';
import { demoFdmIdentity } from '@gks/fdm';

export interface DemoBridge {
  readonly url: string;
  readonly uplinkUrl: string;
  readonly consoleUrl: string;
  /** What clients and the FDM's uplink trust for the bridge's generated certificate. */
  readonly caPem: string | undefined;
  /** The inspector's login, on the run that created it. */
  readonly details: readonly string[];
  /** Whether an FDM holds a live uplink to this node. */
  isAttached(fdmId: string): boolean;
  /** Fetches the FPS's CRL now (it is also fetched every 5 minutes); revoked FDMs are cut. */
  refreshRevocations(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A bridge node with the demo policy: the bridge enabled for the demo FDM and the demo
 * restaurant's POS (A-5: with the reason recorded). `fdmCaPems` are the CAs whose FDM
 * certificates may attach (the FPS's, and a demo FDM's older local test CA).
 */
export async function startDemoBridge(options: {
  dir: string;
  host: string;
  port: number;
  uplinkPort: number;
  fdmCaPems: readonly string[];
  /** The FPS's CRL of FDM certificates, and the CA file its TLS is trusted with. */
  fpsCrl?: { url: string; caFile: string };
}): Promise<DemoBridge> {
  await mkdir(options.dir, { recursive: true });
  const fdmCaFile = join(options.dir, 'fdm-ca.pem');
  await writeFile(fdmCaFile, options.fdmCaPems.join('\n'));
  let printed = '';
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      printed += chunk.toString();
      done();
    },
  });
  const started = await startBridgeFromArgs(
    {
      values: {
        dir: options.dir,
        host: options.host,
        port: String(options.port),
        'uplink-port': String(options.uplinkPort),
        'fdm-ca': fdmCaFile,
        ...(options.fpsCrl ? { 'fps-crl-url': options.fpsCrl.url, 'fps-ca': options.fpsCrl.caFile } : {}),
      },
      positionals: [],
    },
    { stdout: capture, stderr: capture },
    process.env,
  );
  if (typeof started === 'number') throw new Error(printed.trim() || `exit ${started}`);
  const { fdmId, vatNo, estNo, allowedPosIds } = demoFdmIdentity;
  const policy = new SqlPolicy(started.sql);
  const posId = allowedPosIds[0];
  if (posId && (await policy.decide(fdmId, { vatNo, estNo, posId })) !== 'allowed') {
    const enabled = await policy.enable({
      fdmId,
      endUser: { vatNo, estNo, posId },
      actor: 'gks up',
      reason: 'demo restaurant: cloud POS through the bridge',
      at: new Date(),
    });
    if (!enabled.ok) {
      await started.stop();
      throw new Error(enabled.error);
    }
  }
  const inspector = /inspector login .*$/m.exec(printed)?.[0];
  return {
    url: started.node.url,
    uplinkUrl: started.node.uplinkUrl,
    consoleUrl: started.node.consoleUrl,
    caPem: started.generatedCaPem,
    details: inspector ? [inspector] : [],
    isAttached: (fdmId) => started.node.hub.isAttached(fdmId),
    async refreshRevocations() {
      const refreshed = await started.node.revocation?.refreshNow();
      if (refreshed && !refreshed.ok) throw new Error(refreshed.error);
    },
    stop: () => started.stop(),
  };
}

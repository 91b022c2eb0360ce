import { err, ok, type Result } from '@gks/core';
import type { RequestLimits } from '../api/limits.js';
import { systemClock, type Clock } from '../engine/clock.js';
import { FdmEngine } from '../engine/fdm-engine.js';
import { FaultController } from '../faults/fault-controller.js';
import { EventMemory, type MemoryOpenReport } from '../memory/event-memory.js';
import { ErrorLog } from '../state/error-log.js';
import { loadFdmState } from '../state/fdm-state.js';
import { startBridgeUplink, type BridgeUplinkOptions, type FdmUplink } from '../uplink/bridge-uplink.js';
import type { EventUploader, UploaderOptions } from '../upload/event-uploader.js';
import { uploaderForState } from '../upload/state-uploader.js';
import type { ParameterRefresher, ParameterRefresherOptions } from '../parameters/parameter-refresher.js';
import { parameterRefresherForState } from '../parameters/state-parameters.js';
import type { CertificateRenewer } from '../certificate/certificate-renewer.js';
import { certificateRenewerForState, type CertificateTuning } from '../certificate/state-certificate.js';
import { serveEngine, type AdminOptions, type ServedFdm } from './serve-engine.js';

export interface FdmServerOptions {
  /** State directory made by `gks fdm init` (initFdmState). */
  readonly dir: string;
  /** Default 127.0.0.1: an FDM is reachable from elsewhere only when asked for. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Serve https with the state's TLS certificate (issued for 127.0.0.1 and localhost). */
  readonly tls?: boolean;
  readonly clock?: Clock;
  readonly limits?: RequestLimits;
  readonly admin?: AdminOptions | false;
  /** Also keep an uplink to a bridge (BII), so that a cloud POS can reach this FDM. */
  readonly bridge?: BridgeUplinkOptions;
  /** Upload every `intervalMs` (default 5 s) and tuning, for an FDM initialised against an FPS. */
  readonly upload?: Pick<
    UploaderOptions,
    'batchSize' | 'backoff' | 'failuresBeforeWarning' | 'lockAfterMs'
  > & {
    readonly intervalMs?: number;
  };
  /** Refresh the service's parameters every `intervalMs` (default 1 h), for an FDM initialised against an FPS. */
  readonly parameters?: Pick<ParameterRefresherOptions, 'timer' | 'failuresBeforeWarning' | 'warn'> & {
    readonly intervalMs?: number;
  };
  /** Check the client certificate every `intervalMs` (default 1 h) and renew it within 30 days of its end. */
  readonly certificate?: CertificateTuning & { readonly intervalMs?: number };
}

export interface RunningFdm extends ServedFdm {
  /** What opening the memory found: records, a discarded torn tail, damage. */
  readonly memoryReport: MemoryOpenReport;
  readonly uplink?: FdmUplink;
  /** Present when the state names an FPS (`gks fdm init --fps`): uploads every signed event. */
  readonly uploader?: EventUploader;
  /** Present when the state names an FPS: refreshes the allow-list and VAT rates from it. */
  readonly parameters?: ParameterRefresher;
  /** Present when the state names an FPS: warns before the certificate ends and renews it. */
  readonly certificate?: CertificateRenewer;
}

/**
 * Loads an FDM's state directory, opens and verifies its memory, and serves it. A damaged
 * memory does not stop the server: it answers, and refuses every sign with FDM_NOT_OPERATIONAL
 * naming the record, so the POS shows why.
 */
export async function startFdmServer(
  options: FdmServerOptions,
): Promise<Result<RunningFdm, { reason: string }>> {
  const loaded = await loadFdmState(options.dir);
  if (!loaded.ok) return loaded;
  const state = loaded.value;
  // The engine's counters and duplicate index are rebuilt in the same pass as the verification.
  const seed = FdmEngine.seedFor();
  const { memory, report } = await EventMemory.open(state.paths.memory, {
    capacityBytes: state.config.capacityBytes,
    publicKey: state.signer.publicKey,
    onRecord: seed.add,
  });
  let errorLog: ErrorLog | undefined;
  let uploader: EventUploader | undefined;
  try {
    errorLog = await ErrorLog.open(state.paths.errorLog);
    const { intervalMs, ...tuning } = options.upload ?? {};
    uploader = await uploaderForState(state, memory, options.clock ?? systemClock, tuning);
    const { intervalMs: refreshMs, ...refreshTuning } = options.parameters ?? {};
    // The refresher applies to the engine made below; it starts only once the engine exists.
    const target: { engine?: FdmEngine } = {};
    const refresher = await parameterRefresherForState(
      state,
      (parameters) => target.engine?.applyParameters(parameters),
      refreshTuning,
    );
    const { intervalMs: certificateMs, ...certificateTuning } = options.certificate ?? {};
    const renewer = await certificateRenewerForState(state, options.clock ?? systemClock, certificateTuning);
    const engine = await FdmEngine.open({
      seed,
      state,
      memory,
      errorLog,
      clock: options.clock ?? systemClock,
      faults: new FaultController(),
      ...(uploader ? { upload: uploader } : {}),
      ...(refresher ? { parameters: refresher } : {}),
      ...(renewer ? { certificate: renewer } : {}),
    });
    target.engine = engine;
    const served = await serveEngine(engine, {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      tls: options.tls ? state.tls : undefined,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.admin === undefined ? {} : { admin: options.admin }),
    });
    const log = errorLog;
    const uplink = options.bridge
      ? await startBridgeUplink(state, engine, options.bridge, options.limits)
      : undefined;
    if (uplink && !uplink.ok) {
      await served.stop();
      await memory.close();
      await log.close();
      return uplink;
    }
    const running = uploader;
    running?.start(intervalMs);
    refresher?.start(refreshMs ?? 3_600_000);
    renewer?.start(certificateMs ?? 3_600_000);
    return ok({
      ...served,
      memoryReport: report,
      ...(uplink ? { uplink: uplink.value } : {}),
      ...(running ? { uploader: running } : {}),
      ...(refresher ? { parameters: refresher } : {}),
      ...(renewer ? { certificate: renewer } : {}),
      async stop() {
        await renewer?.stop();
        await refresher?.stop();
        await running?.stop();
        await uplink?.value.stop();
        await served.stop();
        await memory.close();
        await log.close();
      },
    });
  } catch (error) {
    await memory.close();
    await errorLog?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      return err({ reason: `cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 0}: ${code}` });
    }
    throw error;
  }
}

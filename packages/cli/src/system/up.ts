import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultFdmPort, startDemoFdm } from '@gks/fdm';
import { startDemoBridge, type DemoBridge } from './demo-bridge.js';
import { startDemoFps, type DemoFps } from './demo-fps.js';
import {
  demoSettings,
  demoTerminals,
  loadDemoFloors,
  initRegister,
  listPrinters,
  loadSettings,
  openPosDatabase,
  saveSettings,
  startPosServer,
  systemClock,
  startVirtualPrinter,
  technicianUserId,
  updateTerminal,
  upsertPrinter,
  type RunningPos,
  type VirtualPrinter,
} from '@gks/pos';

/** A running component of the system, as `gks up` reports it. */
export interface RunningComponent {
  readonly name: string;
  readonly url: string;
  /** What an operator needs to use it (terminal tokens, demo users and PINs). */
  readonly details?: readonly string[];
  stop(): Promise<void>;
}

export interface SystemOptions {
  readonly dir: string;
  readonly host: string;
  /** Port of the demo FDM; default 8301, 0 picks a free one (tests). */
  readonly fdmPort?: number;
  /** Port of the demo POS (API and UI); default 8302, 0 picks a free one (tests). */
  readonly posPort?: number;
  /** Port of the tax administration's service; default 8303. */
  readonly fpsPort?: number;
  /** Ports of the bridge node (POS side and FDM uplinks); defaults 8304 and 8305. */
  readonly biiPort?: number;
  readonly biiUplinkPort?: number;
  /** Port of the virtual printer the demo terminals print on; default 8306, 0 picks a free one. */
  readonly printerPort?: number;
}

export const defaultPosPort = 8302;
export const defaultFpsPort = 8303;
export const defaultBiiPort = 8304;
export const defaultBiiUplinkPort = 8305;
export const defaultPrinterPort = 8306;

/** The demo terminals' printers: receipts and kitchen orders both land in the virtual printer. */
const demoPrinters = [
  { printerId: 'DEMO-RECEIPT', name: 'Receipt printer (virtual)', kind: 'RECEIPT' },
  { printerId: 'DEMO-KITCHEN', name: 'Kitchen printer (virtual)', kind: 'KITCHEN' },
] as const;

/** Fixed demo terminal tokens, so a demo UI can be configured once. */
const demoTokens: Readonly<Record<string, string>> = {
  T1: 'demo-terminal-T1-bar-0001',
  T2: 'demo-terminal-T2-terrace-02',
};

/**
 * Starts every component, each on its embedded defaults, in the order each needs the other:
 * the tax administration's service (its CA certifies the FDM, its /verify page is where the
 * ticket's QR code points), the bridge (trusting that CA, the demo FDM allowed), the demo FDM
 * (initialised against the service on first run, uploading to it, attached to the bridge), and
 * the POS with the web UI signing through the FDM.
 */
export async function startSystem(options: SystemOptions): Promise<{
  components: RunningComponent[];
  stop(): Promise<void>;
}> {
  const components: RunningComponent[] = [];
  const stop = async () => {
    for (const c of [...components].reverse()) await c.stop();
  };

  let fps: DemoFps;
  try {
    fps = await startDemoFps({
      dir: join(options.dir, 'fps'),
      host: options.host,
      port: options.fpsPort ?? defaultFpsPort,
    });
  } catch (error) {
    throw new Error(`gks up: the FPS did not start: ${(error as Error).message}`);
  }
  components.push({
    name: 'fps',
    url: fps.url,
    details: [
      `verify ${fps.verifyUrl}/<fdmId>/<totalCounter>/<shortSignature>`,
      `ca ${fps.caCertificatePath}`,
      ...(fps.auditorLogin ? [fps.auditorLogin] : []),
    ],
    stop: () => fps.stop(),
  });

  const fdmDir = join(options.dir, 'fdm');
  let bridge: DemoBridge;
  try {
    // A demo FDM made before the FPS existed carries a local test CA's certificate: let it attach too.
    const olderFdmCa = await readFile(join(fdmDir, 'ca-cert.pem'), 'utf8').catch(() => undefined);
    bridge = await startDemoBridge({
      dir: join(options.dir, 'bii'),
      host: options.host,
      port: options.biiPort ?? defaultBiiPort,
      uplinkPort: options.biiUplinkPort ?? defaultBiiUplinkPort,
      fdmCaPems: [fps.caPem, ...(olderFdmCa && olderFdmCa !== fps.caPem ? [olderFdmCa] : [])],
      // Revocations reach the bridge through the FPS's CRL (fetched on start and every 5 minutes).
      fpsCrl: { url: fps.crlUrl, caFile: fps.caCertificatePath },
    });
  } catch (error) {
    await stop();
    throw new Error(`gks up: the bridge did not start: ${(error as Error).message}`);
  }
  components.push({
    name: 'bridge',
    url: bridge.url,
    details: [`uplink ${bridge.uplinkUrl}`, `console ${bridge.consoleUrl}`, ...bridge.details],
    stop: () => bridge.stop(),
  });

  const fdm = await startDemoFdm({
    dir: fdmDir,
    host: options.host,
    port: options.fdmPort ?? defaultFdmPort,
    fps: { url: fps.url, caPem: fps.caPem, activationCode: () => fps.activationCode() },
    bridge: { bridgeUrl: bridge.uplinkUrl, ...(bridge.caPem ? { caPem: bridge.caPem } : {}) },
  });
  if (!fdm.ok) {
    await stop();
    throw new Error(`gks up: the demo FDM did not start: ${fdm.error.reason}`);
  }
  components.push({
    name: 'fdm',
    url: fdm.value.url,
    details: [
      fdm.value.uploader ? `uploads to ${fps.url}` : 'not initialised against the FPS: uploads nothing',
      `attached to the bridge ${bridge.uplinkUrl}`,
    ],
    stop: () => fdm.value.stop(),
  });

  let printer: VirtualPrinter;
  const printerDir = join(options.dir, 'printer');
  try {
    printer = await startVirtualPrinter({
      outDir: printerDir,
      host: options.host,
      port: options.printerPort ?? defaultPrinterPort,
    });
  } catch (error) {
    await stop();
    throw new Error(`gks up: the virtual printer did not start: ${(error as Error).message}`);
  }
  components.push({
    name: 'printer',
    url: `tcp://${printer.host}:${printer.port}`,
    details: [`jobs in ${printerDir} (NNNN.txt to read, NNNN.bin as received)`],
    stop: () => printer.stop(),
  });

  let pos: RunningPos;
  try {
    const fdmBaseUrl = fdm.value.url.replace(/\/graphql$/, '');
    const database = { dataDir: join(options.dir, 'pos', 'data') };
    await mkdir(join(options.dir, 'pos'), { recursive: true });
    await prepareDemoRegister(database, fdmBaseUrl, { host: printer.host, port: printer.port });
    pos = await startPosServer({ database, host: options.host, port: options.posPort ?? defaultPosPort });
  } catch (error) {
    await stop();
    throw new Error(`gks up: the demo POS did not start: ${(error as Error).message}`);
  }
  components.push({
    name: 'pos',
    url: pos.url,
    details: [
      ...Object.entries(demoTokens).map(([id, token]) => `terminal ${id}: x-terminal-token ${token}`),
      'user Ann (waiter) PIN 1234',
      'user Bob (manager) PIN 5678',
    ],
    stop: () => pos.stop(),
  });
  // The same server serves the web UI at /.
  components.push({ name: 'pos-ui', url: pos.url.replace(/graphql$/, ''), stop: async () => undefined });

  return { components, stop };
}

/**
 * Creates the demo restaurant on first run, its terminals printing on the virtual printer;
 * afterwards only points it at the FDM's and the printer's current addresses.
 */
async function prepareDemoRegister(
  database: { dataDir: string },
  fdmUrl: string,
  printerAddress: { host: string; port: number },
): Promise<void> {
  const pos = await openPosDatabase(database);
  try {
    const settings = await loadSettings(pos.db);
    const by = { userId: technicianUserId, terminalId: null };
    if (!settings.ok) {
      const made = await initRegister(
        pos.db,
        {
          settings: demoSettings(fdmUrl),
          technicianPin: '0000',
          terminals: demoTerminals.map((t) => ({
            ...t,
            token: demoTokens[t.terminalId] ?? `demo-${t.terminalId}-token-000`,
          })),
          demo: true,
        },
        systemClock,
      );
      if (!made.ok) throw new Error(made.error.message);
      await setDemoPrinters(pos.db, printerAddress, by);
      for (const terminal of demoTerminals) {
        const updated = await updateTerminal(
          pos.db,
          {
            terminalId: terminal.terminalId,
            name: terminal.name,
            receiptPrinterId: 'DEMO-RECEIPT',
            kitchenPrinterId: 'DEMO-KITCHEN',
          },
          by,
          systemClock,
        );
        if (!updated.ok) throw new Error(updated.error.message);
      }
      return;
    }
    // A demo register of an earlier run: its virtual printers follow the printer's address.
    const printers = await listPrinters(pos.db);
    const moved = demoPrinters.some((demo) => {
      const known = printers.find((p) => p.printerId === demo.printerId);
      return (
        known !== undefined && (known.host !== printerAddress.host || known.port !== printerAddress.port)
      );
    });
    if (moved) await setDemoPrinters(pos.db, printerAddress, by);
    // Demo registers made before the demo had a table plan get it now (never over a manager's own).
    const floors = await loadDemoFloors(pos.db, by, systemClock);
    if (!floors.ok) throw new Error(floors.error.message);
    if (settings.value.fdm.url !== fdmUrl) {
      const saved = await saveSettings(
        pos.db,
        { ...settings.value, fdm: { ...settings.value.fdm, url: fdmUrl } },
        by,
        systemClock,
      );
      if (!saved.ok) throw new Error(saved.error.message);
    }
  } finally {
    await pos.close();
  }
}

async function setDemoPrinters(
  db: Parameters<typeof upsertPrinter>[0],
  address: { host: string; port: number },
  by: { userId: string; terminalId: null },
): Promise<void> {
  for (const demo of demoPrinters) {
    const saved = await upsertPrinter(db, { ...demo, ...address, columns: 42 }, by, systemClock);
    if (!saved.ok) throw new Error(saved.error.message);
  }
}

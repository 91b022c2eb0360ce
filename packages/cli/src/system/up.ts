import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultFdmPort, startDemoFdm } from '@gks/fdm';
import {
  demoSettings,
  demoTerminals,
  initRegister,
  loadSettings,
  openPosDatabase,
  saveSettings,
  startPosServer,
  systemClock,
  technicianUserId,
  type RunningPos,
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
  /** Port of the demo POS; default 8302, 0 picks a free one (tests). */
  readonly posPort?: number;
}

export const defaultPosPort = 8302;

/** Fixed demo terminal tokens, so a demo UI can be configured once. */
const demoTokens: Readonly<Record<string, string>> = {
  T1: 'demo-terminal-T1-bar-0001',
  T2: 'demo-terminal-T2-terrace-02',
};

/**
 * Starts every component that exists so far, each on its embedded defaults.
 * Components are started in data-flow order (fdm before the POS that signs through it).
 */
export async function startSystem(options: SystemOptions): Promise<{
  components: RunningComponent[];
  stop(): Promise<void>;
}> {
  const components: RunningComponent[] = [];
  const stop = async () => {
    for (const c of [...components].reverse()) await c.stop();
  };

  const fdm = await startDemoFdm({
    dir: join(options.dir, 'fdm'),
    host: options.host,
    port: options.fdmPort ?? defaultFdmPort,
  });
  if (!fdm.ok) {
    await stop();
    throw new Error(`gks up: the demo FDM did not start: ${fdm.error.reason}`);
  }
  components.push({ name: 'fdm', url: fdm.value.url, stop: () => fdm.value.stop() });

  let pos: RunningPos;
  try {
    const fdmBaseUrl = fdm.value.url.replace(/\/graphql$/, '');
    const database = { dataDir: join(options.dir, 'pos', 'data') };
    await mkdir(join(options.dir, 'pos'), { recursive: true });
    await prepareDemoRegister(database, fdmBaseUrl);
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

  return { components, stop };
}

/** Creates the demo restaurant on first run; afterwards only points it at the FDM's current address. */
async function prepareDemoRegister(database: { dataDir: string }, fdmUrl: string): Promise<void> {
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
    } else if (settings.value.fdm.url !== fdmUrl) {
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

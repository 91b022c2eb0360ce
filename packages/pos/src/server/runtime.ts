import { createTransport, FdmClient, type ResendPolicy } from '@gks/fdm-client';
import { openPosDatabase, type PosDatabase, type PosDatabaseLocation } from '../db/open-database.js';
import { SigningPipeline } from '../fiscal/pipeline.js';
import type { Clock } from '../journal/journal.js';
import { identityOf, loadSettings, type RegisterSettings } from '../master-data/settings.js';
import { createRegisterDeps, type RegisterDeps } from '../register/register.js';
import { Sessions } from '../session/sessions.js';
import { rawTcpPrinter, type NetworkPrinter } from '../printing/network-printer.js';
import type { PrintDeps } from '../printing/ticket-printing.js';

export interface RuntimeOptions {
  readonly database: PosDatabaseLocation & { readonly poolSize?: number };
  readonly clock?: Clock;
  /** FDM client tuning: tests shorten the timeout and the waits between resends. */
  readonly fdm?: {
    readonly timeoutMs?: number;
    readonly resend?: Partial<ResendPolicy>;
    readonly sleep?: (ms: number) => Promise<void>;
  };
  /** The printing adapter; default raw TCP (ESC/POS on port 9100 printers). */
  readonly printer?: NetworkPrinter;
}

/** Everything a running register needs, wired together; `recover()` must run before serving. */
export interface RegisterRuntime {
  readonly database: PosDatabase;
  /** The settings as last saved through this runtime (the establishment may change while running). */
  readonly settings: RegisterSettings;
  readonly deps: RegisterDeps;
  readonly sessions: Sessions;
  readonly fdm: FdmClient;
  readonly printing: PrintDeps;
  /** After the settings were saved: tickets print with the new ones from now on. */
  useSettings(settings: RegisterSettings): void;
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };

export async function openRegisterRuntime(options: RuntimeOptions): Promise<RegisterRuntime> {
  const clock = options.clock ?? systemClock;
  const database = await openPosDatabase(options.database);
  try {
    const settings = await loadSettings(database.db);
    if (!settings.ok) throw new Error(settings.error.message);
    const transport = createTransport({
      kind: 'lan',
      baseUrl: settings.value.fdm.url,
      ...(settings.value.fdm.caPem ? { caPem: settings.value.fdm.caPem } : {}),
      timeoutMs: options.fdm?.timeoutMs ?? settings.value.fdm.timeoutMs ?? 5000,
    });
    if (!transport.ok) throw new Error(`FDM connection: ${transport.error}`);
    const fdm = new FdmClient({
      transport: transport.value,
      ...(options.fdm?.resend ? { resend: options.fdm.resend } : {}),
      ...(options.fdm?.sleep ? { sleep: options.fdm.sleep } : {}),
    });
    const pipeline = new SigningPipeline({
      db: database.db,
      fdm,
      clock,
      identity: identityOf(settings.value),
    });
    let current = settings.value;
    const deps = createRegisterDeps(database.db, pipeline, clock);
    return {
      database,
      get settings() {
        return current;
      },
      deps,
      sessions: new Sessions(database.db, clock),
      fdm,
      printing: {
        db: database.db,
        clock,
        locks: deps.locks,
        printer: options.printer ?? rawTcpPrinter(),
        settings: () => current,
      },
      useSettings(next) {
        current = next;
      },
      close: async () => {
        fdm.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

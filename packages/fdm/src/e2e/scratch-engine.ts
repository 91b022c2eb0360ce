import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../engine/clock.js';
import { FdmEngine } from '../engine/fdm-engine.js';
import type { EngineErrorLog, EngineState } from '../engine/ports.js';
import { FaultController } from '../faults/fault-controller.js';
import { EventMemory } from '../memory/event-memory.js';
import { signerFromPem } from '../signing/event-signature.js';
import { fodFdmConfig } from './fod-requests.js';

/** An error log kept in a list, for tests and benchmarks that do not need the file. */
export class ListErrorLog implements EngineErrorLog {
  readonly entries: { code: string; subCode?: string; field?: string; message: string }[] = [];
  async append(entry: { code: string; subCode?: string; field?: string; message: string }): Promise<void> {
    this.entries.push(entry);
  }
}

export interface ScratchEngine {
  readonly engine: FdmEngine;
  readonly memory: EventMemory;
  readonly errorLog: ListErrorLog;
  readonly faults: FaultController;
  readonly dir: string;
  dispose(): Promise<void>;
}

/**
 * An engine with the FOD identities over a fresh memory in a temporary directory, with a
 * throw-away key: for API tests and the in-process benchmark (no state directory, no CA).
 */
export async function scratchEngine(clock: Clock, capacityBytes = 100_000_000): Promise<ScratchEngine> {
  const dir = await mkdtemp(join(tmpdir(), 'gks-fdm-'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const state: EngineState = {
    config: {
      ...fodFdmConfig(),
      vatRates: [],
      verificationBaseUrl: 'https://verify.example/v',
      fdmSwVersion: '0.1.0',
    },
    signer: signerFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
  };
  const { memory } = await EventMemory.open(join(dir, 'memory.bin'), { capacityBytes });
  const errorLog = new ListErrorLog();
  const faults = new FaultController({ sleep: async () => undefined });
  const engine = await FdmEngine.open({ state, memory, errorLog, clock, faults });
  return {
    engine,
    memory,
    errorLog,
    faults,
    dir,
    async dispose() {
      await memory.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Test support (not part of the public API): a real software FDM over HTTP on 127.0.0.1 and a
 * demo register on a given database, wired as in production.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initFdmState, startFdmServer, type RunningFdm } from '@gks/fdm';
import type { PosDatabaseLocation } from '../db/open-database.js';
import type { Clock } from '../journal/journal.js';
import { findTerminal } from '../master-data/terminals.js';
import { findUser } from '../master-data/users.js';
import type { Actor } from '../register/register.js';
import { openRegisterRuntime, type RegisterRuntime, type RuntimeOptions } from '../server/runtime.js';
import { initRegister, type InitReport } from '../setup/init-register.js';
import { openPosDatabase } from '../db/open-database.js';
import { systemClock } from '../server/runtime.js';

export const demoIdentity = {
  fdmId: 'FOD01000001',
  vatNo: 'BE0000000097',
  estNo: '2000000042',
  posId: 'CPOS0031234567',
} as const;

export const terminalTokens = {
  T1: 'terminal-one-token-0001',
  T2: 'terminal-two-token-0002',
} as const;

export interface TestFdm {
  readonly fdm: RunningFdm;
  readonly dir: string;
  /** Sends a fault patch to the FDM's admin switchboard. */
  faults(patch: Record<string, unknown> | null): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestFdm(options: { port?: number; dir?: string } = {}): Promise<TestFdm> {
  let dir = options.dir;
  if (dir === undefined) {
    dir = await mkdtemp(join(tmpdir(), 'gks-pos-fdm-'));
    const state = await initFdmState(join(dir, 'fdm'), {
      fdmId: demoIdentity.fdmId,
      vatNo: demoIdentity.vatNo,
      estNo: demoIdentity.estNo,
      allowedPosIds: [demoIdentity.posId],
      verificationBaseUrl: 'https://verify.example/fdm',
      now: new Date(),
    });
    if (!state.ok) throw new Error(state.error.reason);
  }
  const started = await startFdmServer({ dir: join(dir, 'fdm'), port: options.port ?? 0 });
  if (!started.ok) throw new Error(started.error.reason);
  const fdm = started.value;
  const stateDir = dir;
  return {
    fdm,
    dir: stateDir,
    async faults(patch) {
      if (!fdm.adminUrl || !fdm.adminToken) throw new Error('FDM started without its admin endpoint');
      const response = await fetch(fdm.adminUrl, {
        method: patch === null ? 'DELETE' : 'POST',
        headers: { authorization: `Bearer ${fdm.adminToken}`, 'content-type': 'application/json' },
        ...(patch === null ? {} : { body: JSON.stringify(patch) }),
      });
      if (!response.ok) throw new Error(`fault patch refused: ${await response.text()}`);
    },
    async stop() {
      await fdm.stop();
    },
  };
}

/** Initialises a demo register on `location` talking to `fdmUrl`. */
export async function initTestRegister(
  location: PosDatabaseLocation,
  fdmUrl: string,
  clock: Clock = systemClock,
): Promise<InitReport> {
  const pos = await openPosDatabase(location);
  try {
    const report = await initRegister(
      pos.db,
      {
        settings: {
          establishment: {
            name: 'Brasserie Test',
            address: 'Grote Markt 1, 1000 Brussel',
            vatNo: demoIdentity.vatNo,
            estNo: demoIdentity.estNo,
          },
          posId: demoIdentity.posId,
          language: 'EN',
          fdm: { url: fdmUrl },
        },
        technicianPin: '9999',
        terminals: [
          { terminalId: 'T1', name: 'Bar', deviceId: 'dev-bar-1', token: terminalTokens.T1 },
          { terminalId: 'T2', name: 'Terrace', deviceId: 'dev-terrace-2', token: terminalTokens.T2 },
        ],
        demo: true,
      },
      clock,
    );
    if (!report.ok) throw new Error(report.error.message);
    return report.value;
  } finally {
    await pos.close();
  }
}

export async function openTestRuntime(
  location: PosDatabaseLocation,
  options: Omit<RuntimeOptions, 'database'> = {},
): Promise<RegisterRuntime> {
  return openRegisterRuntime({
    database: location,
    fdm: { timeoutMs: 2000, resend: { maxResends: 1, delaysMs: [0] }, ...options.fdm },
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

export async function actorOf(runtime: RegisterRuntime, terminalId: string, userId: string): Promise<Actor> {
  const terminal = await findTerminal(runtime.deps.db, terminalId);
  const user = await findUser(runtime.deps.db, userId);
  if (!terminal || !user) throw new Error(`no terminal ${terminalId} or user ${userId}`);
  return { terminal, user };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

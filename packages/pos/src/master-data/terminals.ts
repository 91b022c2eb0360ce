import { createHash, randomBytes } from 'node:crypto';
import { ok, type Result } from '@gks/core';
import {
  appendJournalEntry,
  inTransaction,
  isIdentifier,
  type Clock,
  type Database,
} from '../journal/journal.js';
import { posError, type PosError } from '../register/pos-error.js';

export interface Terminal {
  readonly terminalId: string;
  readonly name: string;
  /** Hardware id of the input device, sent as deviceId. */
  readonly deviceId: string;
  /** The whole terminal works in training mode (C-8). */
  readonly training: boolean;
}

type By = { readonly userId: string; readonly terminalId: string | null };

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Registers a terminal; the token it answers is shown once and only its hash is kept. */
export async function createTerminal(
  db: Database,
  terminal: Omit<Terminal, 'training'> & { readonly token?: string },
  by: By,
  clock: Clock,
): Promise<Result<{ terminal: Terminal; token: string }, PosError>> {
  if (!isIdentifier(terminal.terminalId) || terminal.terminalId.length > 40)
    return posError('BAD_INPUT', 'terminalId must be 1..40 characters');
  if (!isIdentifier(terminal.deviceId)) return posError('BAD_INPUT', 'deviceId must be 1..600 characters');
  if (typeof terminal.name !== 'string' || terminal.name.trim() === '' || terminal.name.length > 100)
    return posError('BAD_INPUT', 'a terminal name is 1..100 characters');
  const token = terminal.token ?? randomBytes(24).toString('base64url');
  if (token.length < 16) return posError('BAD_INPUT', 'a terminal token has at least 16 characters');
  return inTransaction(db, async (trx) => {
    const clash = await trx
      .selectFrom('terminal')
      .select('terminal_id')
      .where((eb) =>
        eb.or([eb('terminal_id', '=', terminal.terminalId), eb('token_hash', '=', tokenHash(token))]),
      )
      .executeTakeFirst();
    if (clash) return posError('DUPLICATE_ID', `terminal ${terminal.terminalId} exists`);
    await trx
      .insertInto('terminal')
      .values({
        terminal_id: terminal.terminalId,
        name: terminal.name,
        device_id: terminal.deviceId,
        token_hash: tokenHash(token),
        training: false,
      })
      .execute();
    const entry = await appendJournalEntry(
      trx,
      {
        kind: 'master_data_change',
        terminalId: by.terminalId,
        userId: by.userId,
        data: {
          table: 'terminal',
          change: 'create',
          terminalId: terminal.terminalId,
          name: terminal.name,
          deviceId: terminal.deviceId,
        },
      },
      clock,
    );
    if (!entry.ok) throw new Error(entry.error.code);
    return ok({
      terminal: {
        terminalId: terminal.terminalId,
        name: terminal.name,
        deviceId: terminal.deviceId,
        training: false,
      },
      token,
    });
  });
}

export async function terminalByToken(db: Database, token: string): Promise<Terminal | null> {
  if (typeof token !== 'string' || token.length < 16 || token.length > 200) return null;
  const row = await db
    .selectFrom('terminal')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  return row ? terminalOf(row) : null;
}

export async function findTerminal(db: Database, terminalId: string): Promise<Terminal | null> {
  const row = await db
    .selectFrom('terminal')
    .selectAll()
    .where('terminal_id', '=', terminalId)
    .executeTakeFirst();
  return row ? terminalOf(row) : null;
}

export async function setTerminalTraining(
  db: Database,
  terminalId: string,
  training: boolean,
  by: By,
  clock: Clock,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.updateTable('terminal').set({ training }).where('terminal_id', '=', terminalId).execute();
    const entry = await appendJournalEntry(
      trx,
      {
        kind: 'configuration_change',
        terminalId: by.terminalId,
        userId: by.userId,
        data: { table: 'terminal', terminalId, training },
      },
      clock,
    );
    if (!entry.ok) throw new Error(entry.error.code);
  });
}

function terminalOf(row: {
  terminal_id: string;
  name: string;
  device_id: string;
  training: boolean;
}): Terminal {
  return { terminalId: row.terminal_id, name: row.name, deviceId: row.device_id, training: row.training };
}

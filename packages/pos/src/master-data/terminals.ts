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
import { checkDisplayText } from './display-text.js';
import { findPrinter } from './printers.js';
import { accessDataChange } from './revision.js';

export interface Terminal {
  readonly terminalId: string;
  readonly name: string;
  /** Hardware id of the input device, sent as deviceId. */
  readonly deviceId: string;
  /** The whole terminal works in training mode (C-8). */
  readonly training: boolean;
  /** Where its tickets and its kitchen orders print (null: none). */
  readonly receiptPrinterId: string | null;
  readonly kitchenPrinterId: string | null;
  /** A retired terminal's token opens nothing any more; the terminal stays in the journal. */
  readonly active: boolean;
}

type By = { readonly userId: string; readonly terminalId: string | null };

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Registers a terminal; the token it answers is shown once and only its hash is kept. */
export async function createTerminal(
  db: Database,
  terminal: Pick<Terminal, 'terminalId' | 'name' | 'deviceId'> & { readonly token?: string },
  by: By,
  clock: Clock,
): Promise<Result<{ terminal: Terminal; token: string }, PosError>> {
  if (!isIdentifier(terminal.terminalId) || terminal.terminalId.length > 40)
    return posError('BAD_INPUT', 'terminalId must be 1..40 characters', { field: 'terminalId' });
  if (!isIdentifier(terminal.deviceId))
    return posError('BAD_INPUT', 'deviceId must be 1..600 characters', { field: 'deviceId' });
  const name = checkDisplayText(terminal.name, 'name', 100);
  if (!name.ok) return name;
  const token = terminal.token ?? randomBytes(24).toString('base64url');
  if (token.length < 16) return posError('BAD_INPUT', 'a terminal token has at least 16 characters');
  return accessDataChange(() =>
    inTransaction(db, async (trx) => {
      const clash = await trx
        .selectFrom('terminal')
        .select('terminal_id')
        .where((eb) =>
          eb.or([eb('terminal_id', '=', terminal.terminalId), eb('token_hash', '=', tokenHash(token))]),
        )
        .executeTakeFirst();
      if (clash)
        return posError('TERMINAL_EXISTS', `terminal ${terminal.terminalId} exists`, { field: 'terminalId' });
      await trx
        .insertInto('terminal')
        .values({
          terminal_id: terminal.terminalId,
          name: name.value,
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
            name: name.value,
            deviceId: terminal.deviceId,
          },
        },
        clock,
      );
      if (!entry.ok) throw new Error(entry.error.code);
      return ok({
        terminal: {
          terminalId: terminal.terminalId,
          name: name.value,
          deviceId: terminal.deviceId,
          training: false,
          receiptPrinterId: null,
          kitchenPrinterId: null,
          active: true,
        },
        token,
      });
    }),
  );
}

/** Whether a string can be a terminal token at all (createTerminal's rule), before any lookup. */
export const isTerminalTokenShaped = (token: unknown): token is string =>
  typeof token === 'string' && token.length >= 16 && token.length <= 200;

export async function terminalByToken(db: Database, token: string): Promise<Terminal | null> {
  if (!isTerminalTokenShaped(token)) return null;
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
  await accessDataChange(() =>
    inTransaction(db, async (trx) => {
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
    }),
  );
}

export async function listTerminals(db: Database): Promise<Terminal[]> {
  const rows = await db.selectFrom('terminal').selectAll().orderBy('terminal_id').execute();
  return rows.map(terminalOf);
}

/**
 * Renames a terminal and sets its printers: a receipt printer must be a RECEIPT printer and a
 * kitchen printer a KITCHEN one, so a VAT ticket never comes out in the kitchen.
 */
export async function updateTerminal(
  db: Database,
  change: {
    readonly terminalId: string;
    readonly name: string;
    readonly receiptPrinterId: string | null;
    readonly kitchenPrinterId: string | null;
    /** Default: unchanged. */
    readonly active?: boolean;
  },
  by: By,
  clock: Clock,
): Promise<Result<Terminal, PosError>> {
  const name = checkDisplayText(change.name, 'name', 100);
  if (!name.ok) return name;
  if (change.active !== undefined && typeof change.active !== 'boolean')
    return posError('BAD_INPUT', 'active is true or false', { field: 'active' });
  // The manager would lock himself out of the screen he is using.
  if (change.active === false && change.terminalId === by.terminalId)
    return posError('OWN_TERMINAL', 'this terminal cannot retire itself: do it from another one', {
      field: 'active',
    });
  return accessDataChange(() =>
    inTransaction(db, async (trx) => {
      const before =
        typeof change.terminalId === 'string' ? await findTerminal(trx, change.terminalId) : null;
      if (!before)
        return posError('TERMINAL_UNKNOWN', `no terminal ${String(change.terminalId)}`, {
          field: 'terminalId',
        });
      for (const [field, printerId, kind] of [
        ['receiptPrinterId', change.receiptPrinterId, 'RECEIPT'],
        ['kitchenPrinterId', change.kitchenPrinterId, 'KITCHEN'],
      ] as const) {
        if (printerId === null) continue;
        const printer = await findPrinter(trx, printerId);
        if (!printer) return posError('PRINTER_UNKNOWN', `no printer ${printerId}`, { field });
        if (!printer.active && printerId !== before[field])
          return posError('PRINTER_RETIRED', `printer ${printerId} is retired`, { field });
        if (printer.kind !== kind)
          return posError('BAD_INPUT', `${printerId} is a ${printer.kind} printer, not a ${kind} printer`, {
            field,
          });
      }
      const active = change.active ?? before.active;
      await trx
        .updateTable('terminal')
        .set({
          name: name.value,
          receipt_printer_id: change.receiptPrinterId,
          kitchen_printer_id: change.kitchenPrinterId,
          active,
        })
        .where('terminal_id', '=', before.terminalId)
        .execute();
      const after: Terminal = {
        ...before,
        name: name.value,
        receiptPrinterId: change.receiptPrinterId,
        kitchenPrinterId: change.kitchenPrinterId,
        active,
      };
      const entry = await appendJournalEntry(
        trx,
        {
          kind: 'configuration_change',
          terminalId: by.terminalId,
          userId: by.userId,
          data: {
            table: 'terminal',
            change: 'update',
            terminalId: before.terminalId,
            before: publicView(before),
            after: publicView(after),
          },
        },
        clock,
      );
      if (!entry.ok) throw new Error(entry.error.code);
      return ok(after);
    }),
  );
}

const publicView = (t: Terminal) => ({
  name: t.name,
  receiptPrinterId: t.receiptPrinterId,
  kitchenPrinterId: t.kitchenPrinterId,
  active: t.active,
});

function terminalOf(row: {
  terminal_id: string;
  name: string;
  device_id: string;
  training: boolean;
  receipt_printer_id: string | null;
  kitchen_printer_id: string | null;
  active: boolean;
}): Terminal {
  return {
    terminalId: row.terminal_id,
    name: row.name,
    deviceId: row.device_id,
    training: row.training,
    receiptPrinterId: row.receipt_printer_id,
    kitchenPrinterId: row.kitchen_printer_id,
    active: row.active,
  };
}

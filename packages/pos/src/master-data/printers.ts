import { isIP } from 'node:net';
import { ok, type Result } from '@gks/core';
import { appendJournalEntry, inTransaction, type Clock, type Database } from '../journal/journal.js';
import { posError, type PosError } from '../register/pos-error.js';
import { checkDisplayText, checkId } from './display-text.js';

export const printerKinds = ['RECEIPT', 'KITCHEN'] as const;
export type PrinterKind = (typeof printerKinds)[number];

/** An ESC/POS printer reached over raw TCP (port 9100 by convention). */
export interface Printer {
  readonly printerId: string;
  readonly name: string;
  readonly kind: PrinterKind;
  readonly host: string;
  readonly port: number;
  /** Characters per line: 42 (80 mm, font A) or 48 (80 mm, font B). */
  readonly columns: 42 | 48;
  /** A retired printer prints nothing more and cannot be picked; it is never deleted. */
  readonly active: boolean;
}

export type PrinterInput = Omit<Printer, 'active'> & { readonly active?: boolean };

export const defaultPrinterPort = 9100;

const hostName =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Checks a printer as the manager entered it; answers it with its name trimmed. */
export function checkPrinter(printer: PrinterInput): Result<Printer, PosError> {
  const printerId = checkId(printer.printerId, 'printerId');
  if (!printerId.ok) return printerId;
  const name = checkDisplayText(printer.name, 'name', 60);
  if (!name.ok) return name;
  if (!(printerKinds as readonly string[]).includes(printer.kind))
    return posError('BAD_INPUT', `kind is one of ${printerKinds.join(', ')}`, { field: 'kind' });
  if (typeof printer.host !== 'string' || (isIP(printer.host) === 0 && !hostName.test(printer.host)))
    return posError('BAD_INPUT', 'host must be an IP address or a host name', { field: 'host' });
  if (!Number.isInteger(printer.port) || printer.port < 1 || printer.port > 65535)
    return posError('BAD_INPUT', 'port must be 1..65535', { field: 'port' });
  if (printer.columns !== 42 && printer.columns !== 48)
    return posError('BAD_INPUT', 'columns is 42 or 48', { field: 'columns' });
  if (printer.active !== undefined && typeof printer.active !== 'boolean')
    return posError('BAD_INPUT', 'active is true or false', { field: 'active' });
  return ok({ ...printer, printerId: printerId.value, name: name.value, active: printer.active ?? true });
}

export async function upsertPrinter(
  db: Database,
  printer: PrinterInput,
  by: { readonly userId: string; readonly terminalId: string | null },
  clock: Clock,
): Promise<Result<Printer, PosError>> {
  const checked = checkPrinter(printer);
  if (!checked.ok) return checked;
  return inTransaction(db, async (trx) => {
    const before = await findPrinter(trx, checked.value.printerId);
    // Omitted: a new printer is active, an existing one keeps its state.
    const p: Printer = { ...checked.value, active: printer.active ?? before?.active ?? true };
    const row = {
      name: p.name,
      kind: p.kind,
      host: p.host,
      port: p.port,
      columns: p.columns,
      active: p.active,
    };
    if (!p.active) {
      // A terminal in service would silently lose its tickets or its kitchen orders.
      const users = await trx
        .selectFrom('terminal')
        .select('terminal_id')
        .where('active', '=', true)
        .where((eb) =>
          eb.or([eb('receipt_printer_id', '=', p.printerId), eb('kitchen_printer_id', '=', p.printerId)]),
        )
        .orderBy('terminal_id')
        .execute();
      if (users.length > 0)
        return posError(
          'PRINTER_IN_USE',
          `terminal ${users.map((u) => u.terminal_id).join(', ')} prints on ${p.printerId}: give it another printer first`,
          { field: 'active' },
        );
    }
    await trx
      .insertInto('printer')
      .values({ printer_id: p.printerId, ...row })
      .onConflict((oc) => oc.column('printer_id').doUpdateSet(row))
      .execute();
    const entry = await appendJournalEntry(
      trx,
      {
        kind: 'configuration_change',
        terminalId: by.terminalId,
        userId: by.userId,
        data: {
          table: 'printer',
          change: before ? 'update' : 'create',
          before: before ? { ...before } : null,
          after: { ...p },
        },
      },
      clock,
    );
    if (!entry.ok) throw new Error(entry.error.code);
    return ok(p);
  });
}

export async function listPrinters(db: Database): Promise<Printer[]> {
  const rows = await db.selectFrom('printer').selectAll().orderBy('printer_id').execute();
  return rows.map(printerOf);
}

export async function findPrinter(db: Database, printerId: string): Promise<Printer | null> {
  if (typeof printerId !== 'string' || printerId.length > 40) return null;
  const row = await db
    .selectFrom('printer')
    .selectAll()
    .where('printer_id', '=', printerId)
    .executeTakeFirst();
  return row ? printerOf(row) : null;
}

function printerOf(row: {
  printer_id: string;
  name: string;
  kind: string;
  host: string;
  port: number;
  columns: number;
  active: boolean;
}): Printer {
  return {
    printerId: row.printer_id,
    name: row.name,
    kind: row.kind as PrinterKind,
    host: row.host,
    port: row.port,
    columns: row.columns === 48 ? 48 : 42,
    active: row.active,
  };
}

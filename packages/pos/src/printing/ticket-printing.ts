import { ok, renderEscPos, type Receipt, type ReceiptWidth, type Result } from '@gks/core';
import { readStoredEvent } from '../fiscal/stored-events.js';
import { appendJournalEntry, inTransaction, type Clock, type Database } from '../journal/journal.js';
import { findPrinter, type Printer } from '../master-data/printers.js';
import type { RegisterSettings } from '../master-data/settings.js';
import type { KeyedLock } from '../register/keyed-lock.js';
import { posError, type PosError } from '../register/pos-error.js';
import type { Actor } from '../register/register.js';
import type { NetworkPrinter } from './network-printer.js';
import { aliasOf, receiptOf } from './receipts.js';

export interface PrintDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly locks: KeyedLock;
  readonly printer: NetworkPrinter;
  readonly settings: () => RegisterSettings;
}

export interface Printed {
  readonly printerId: string;
  readonly bytes: number;
}

/**
 * Prints the original of a ticket on a network printer (default: the terminal's receipt
 * printer), once: the print is recorded, in the journal and in `ticket_print`, only after the
 * printer accepted the bytes, and a second print is refused. The one reprint is a signed copy
 * (copyTicket, C-33), which is a ticket of its own.
 */
export async function printTicket(
  deps: PrintDeps,
  actor: Actor,
  request: { readonly ticketId: number; readonly printerId: string | null; readonly width: number | null },
): Promise<Result<Printed, PosError>> {
  const printerId = request.printerId ?? actor.terminal.receiptPrinterId;
  if (printerId === null)
    return posError('PRINTER_UNKNOWN', `terminal ${actor.terminal.terminalId} has no receipt printer`, {
      field: 'printerId',
    });
  const printer = await findPrinter(deps.db, printerId);
  if (!printer) return posError('PRINTER_UNKNOWN', `no printer ${printerId}`, { field: 'printerId' });
  const width = request.width ?? printer.columns;
  if (width !== 42 && width !== 48)
    return posError('BAD_INPUT', 'width is 42 or 48 columns', { field: 'width' });
  if (!Number.isSafeInteger(request.ticketId) || request.ticketId < 1)
    return posError('UNKNOWN_TICKET', `no ticket ${request.ticketId}`, { field: 'ticketId' });
  const event = await readStoredEvent(deps.db, request.ticketId);
  if (!event) return posError('UNKNOWN_TICKET', `no ticket ${request.ticketId}`, { field: 'ticketId' });
  // C-32: nothing is printed for an event the FDM did not sign.
  if (event.outcome !== 'signed')
    return posError('NOT_SIGNED', `ticket ${event.eventSeq} is not signed by the FDM: it cannot be printed`);
  const receipt = await receiptOf(deps.db, event, {
    settings: deps.settings(),
    userAlias: await aliasOf(deps.db, event.userId),
  });
  if (!receipt.ok) return posError('RECEIPT_PROBLEM', `the print cannot be built: ${receipt.error}`);
  if (receipt.value === null)
    return posError('BAD_INPUT', `ticket ${event.eventSeq} (${event.eventOperation}) has no print`, {
      field: 'ticketId',
    });
  const document = receipt.value;
  return deps.locks.run([`print:${event.eventSeq}`], async () => {
    if (await wasPrinted(deps.db, event.eventSeq))
      return posError(
        'ALREADY_PRINTED',
        `ticket ${event.eventSeq} was printed; the one reprint is a copy (copyTicket, C-33)`,
      );
    const sent = await send(deps, printer, document, width);
    if (!sent.ok) return sent;
    await inTransaction(deps.db, async (trx) => {
      const entry = await appendJournalEntry(
        trx,
        {
          kind: 'print',
          terminalId: actor.terminal.terminalId,
          userId: actor.user.userId,
          data: {
            document: document.kind,
            ticketId: event.eventSeq,
            printerId: printer.printerId,
            bytes: sent.value,
          },
        },
        deps.clock,
      );
      if (!entry.ok) throw new Error(`print not journaled: ${entry.error.code}`);
      await trx
        .insertInto('ticket_print')
        .values({
          event_seq: event.eventSeq,
          journal_seq: entry.value.seq,
          printer_id: printer.printerId,
          printed_at: entry.value.recordedAt,
        })
        .execute();
    });
    return ok({ printerId: printer.printerId, bytes: sent.value });
  });
}

export async function wasPrinted(db: Database, eventSeq: number): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_print')
    .select('event_seq')
    .where('event_seq', '=', eventSeq)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The kitchen ticket of an order on the terminal's kitchen printer, journaled when accepted.
 * Answers whether it printed: a kitchen printer that is off does not undo the signed order.
 */
export async function printKitchenTicket(
  deps: PrintDeps,
  actor: Actor,
  order: { readonly eventSeq: number; readonly kitchen: Receipt },
): Promise<boolean> {
  const printerId = actor.terminal.kitchenPrinterId;
  if (printerId === null) return false;
  const printer = await findPrinter(deps.db, printerId);
  if (!printer) return false;
  const sent = await send(deps, printer, order.kitchen, printer.columns);
  if (!sent.ok) return false;
  const entry = await appendJournalEntry(
    deps.db,
    {
      kind: 'print',
      terminalId: actor.terminal.terminalId,
      userId: actor.user.userId,
      data: {
        document: 'kitchen',
        ticketId: order.eventSeq,
        printerId: printer.printerId,
        bytes: sent.value,
      },
    },
    deps.clock,
  );
  if (!entry.ok) throw new Error(`kitchen print not journaled: ${entry.error.code}`);
  return true;
}

async function send(
  deps: PrintDeps,
  printer: Printer,
  receipt: Receipt,
  width: ReceiptWidth,
): Promise<Result<number, PosError>> {
  const bytes = renderEscPos(receipt, { width });
  const printed = await deps.printer.print({ host: printer.host, port: printer.port }, bytes);
  if (!printed.ok)
    return posError('PRINTER_UNREACHABLE', printed.error.message, {
      details: { printerId: printer.printerId, address: `${printer.host}:${printer.port}` },
    });
  return ok(printed.value.bytes);
}

import {
  ok,
  renderEscPos,
  type Receipt,
  type ReceiptWidth,
  type Result,
  type SignMutationInputs,
} from '@gks/core';
import { readStoredEvent } from '../fiscal/stored-events.js';
import { appendJournalEntry, inTransaction, type Clock, type Database } from '../journal/journal.js';
import { findPrinter, type Printer } from '../master-data/printers.js';
import type { RegisterSettings } from '../master-data/settings.js';
import type { KeyedLock } from '../register/keyed-lock.js';
import { posError, type PosError } from '../register/pos-error.js';
import type { Actor } from '../register/register.js';
import type { NetworkPrinter } from './network-printer.js';
import { orderLineNotes } from '../register/registration-store.js';
import { aliasOf, kitchenTicketOf, receiptOf } from './receipts.js';

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
  const printer = await usablePrinter(deps.db, printerId);
  if (!printer.ok) return printer;
  return printOriginal(deps, actor, request, printer.value);
}

async function usablePrinter(db: Database, printerId: string): Promise<Result<Printer, PosError>> {
  const printer = await findPrinter(db, printerId);
  if (!printer) return posError('PRINTER_UNKNOWN', `no printer ${printerId}`, { field: 'printerId' });
  if (!printer.active)
    return posError('PRINTER_RETIRED', `printer ${printerId} is retired`, { field: 'printerId' });
  return ok(printer);
}

async function printOriginal(
  deps: PrintDeps,
  actor: Actor,
  request: { readonly ticketId: number; readonly width: number | null },
  printer: Printer,
): Promise<Result<Printed, PosError>> {
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
  if (!printer?.active) return false;
  const sent = await send(deps, printer, order.kitchen, printer.columns);
  if (!sent.ok) return false;
  await journalKitchenPrint(deps, actor, order.eventSeq, printer, sent.value);
  return true;
}

/**
 * The kitchen ticket of a signed order again, as often as the kitchen needs it (it carries no
 * amount and is no VAT ticket, so C-33's one copy does not apply). Once a kitchen print of the
 * order was journaled, the ticket says HERDRUK so the kitchen does not cook the order twice.
 */
export async function printKitchenOrder(
  deps: PrintDeps,
  actor: Actor,
  request: { readonly ticketId: number; readonly printerId: string | null },
): Promise<Result<Printed & { readonly reprint: boolean }, PosError>> {
  const printerId = request.printerId ?? actor.terminal.kitchenPrinterId;
  if (printerId === null)
    return posError('PRINTER_UNKNOWN', `terminal ${actor.terminal.terminalId} has no kitchen printer`, {
      field: 'printerId',
    });
  const printer = await usablePrinter(deps.db, printerId);
  if (!printer.ok) return printer;
  const event = await readStoredEvent(deps.db, request.ticketId);
  if (!event) return posError('UNKNOWN_TICKET', `no ticket ${request.ticketId}`, { field: 'ticketId' });
  if (event.mutation !== 'signOrder')
    return posError('NOT_AN_ORDER', `ticket ${event.eventSeq} is not an order: it has no kitchen ticket`, {
      field: 'ticketId',
    });
  if (event.outcome !== 'signed')
    return posError('NOT_SIGNED', `order ${event.eventSeq} is not signed by the FDM: the kitchen waits`);
  const data = event.data as SignMutationInputs['signOrder'];
  return deps.locks.run([`kitchen:${event.eventSeq}`], async () => {
    const reprint = await kitchenPrintedBefore(deps.db, event.eventSeq);
    const kitchen = kitchenTicketOf(
      {
        posFiscalTicketNo: event.posFiscalTicketNo,
        posDateTime: data.posDateTime,
        costCenterId: data.costCenter.id,
        transaction: data.transaction,
        lineNotes: await orderLineNotes(deps.db, event.eventSeq, data.transaction.transactionLines.length),
        reprint,
      },
      await aliasOf(deps.db, event.userId),
    );
    if (!kitchen.ok)
      return posError('RECEIPT_PROBLEM', `the kitchen ticket cannot be built: ${kitchen.error}`);
    const sent = await send(deps, printer.value, kitchen.value, printer.value.columns);
    if (!sent.ok) return sent;
    await journalKitchenPrint(deps, actor, event.eventSeq, printer.value, sent.value);
    return ok({ printerId: printer.value.printerId, bytes: sent.value, reprint });
  });
}

async function journalKitchenPrint(
  deps: PrintDeps,
  actor: Actor,
  eventSeq: number,
  printer: Printer,
  bytes: number,
): Promise<void> {
  const entry = await appendJournalEntry(
    deps.db,
    {
      kind: 'print',
      terminalId: actor.terminal.terminalId,
      userId: actor.user.userId,
      data: { document: 'kitchen', ticketId: eventSeq, printerId: printer.printerId, bytes },
    },
    deps.clock,
  );
  if (!entry.ok) throw new Error(`kitchen print not journaled: ${entry.error.code}`);
}

async function kitchenPrintedBefore(db: Database, eventSeq: number): Promise<boolean> {
  // The journal's data is canonical JSON (keys sorted), so a kitchen print of this order
  // reads exactly {"bytes":…,"document":"kitchen","printerId":…,"ticketId":<seq>}.
  const row = await db
    .selectFrom('journal_entry')
    .select('seq')
    .where('kind', '=', 'print')
    .where('data', 'like', '%"document":"kitchen",%')
    .where('data', 'like', `%"ticketId":${eventSeq}}`)
    .executeTakeFirst();
  return row !== undefined;
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

import { randomUUID } from 'node:crypto';
import {
  centsToEuros,
  checkCustomerVatNo,
  ok,
  type FdmReferenceInput,
  type MoneyInOutLineType,
  type PaymentType,
  type Result,
} from '@gks/core';
import type { SignedEvent } from '../fiscal/pipeline.js';
import { readStoredEvent, type StoredEvent } from '../fiscal/stored-events.js';
import { lockJournal, type Database } from '../journal/journal.js';
import { currentBookingPeriod } from '../master-data/booking-periods.js';
import { negationOf, openQuantities, quantityToMilli, type NewLine } from './lines.js';
import { posError, type PosError } from './pos-error.js';
import {
  type Actor,
  eventContext,
  isClockedIn,
  pay,
  trainingOf,
  type PaidTicket,
  type RegisterDeps,
} from './register.js';
import { insertLines, insertLink, insertRegistration, loadRegistration } from './registration-store.js';
import { cashDrawer, paymentLine, type Tender } from './settlement.js';

async function requireClockedIn(deps: RegisterDeps, actor: Actor): Promise<Result<void, PosError>> {
  return (await isClockedIn(deps.db, actor.user.userId))
    ? ok(undefined)
    : posError('NOT_CLOCKED_IN', `${actor.user.alias} must clock in first`);
}

/** A signed sale (N, or T in training) and the registration it closed. */
async function signedSale(
  db: Database,
  eventSeq: number,
): Promise<Result<{ event: StoredEvent; registrationId: string }, PosError>> {
  const event = await readStoredEvent(db, eventSeq);
  if (!event) return posError('UNKNOWN_TICKET', `no ticket ${eventSeq}`);
  if (event.eventOperation !== 'SALE')
    return posError('NOT_REFUNDABLE', 'only a sale can be referred to here');
  if (event.outcome !== 'signed' || !event.result)
    return posError('NOT_SIGNED', 'the ticket was never signed by the FDM');
  const link = await db
    .selectFrom('event_link')
    .select('registration_id')
    .where('event_seq', '=', eventSeq)
    .where('role', '=', 'close')
    .executeTakeFirst();
  if (!link?.registration_id) return posError('UNKNOWN_TICKET', `ticket ${eventSeq} closed no registration`);
  return ok({ event, registrationId: link.registration_id });
}

const refOf = (event: StoredEvent): FdmReferenceInput => {
  if (!event.result) throw new Error('refOf an unsigned event');
  const { fdmId, fdmDateTime, eventLabel, eventCounter, totalCounter } = event.result.fdmRef;
  return { fdmId, fdmDateTime, eventLabel, eventCounter, totalCounter };
};

/**
 * A refund of a signed sale, whole or in part: a separate ticket (N) with only negative lines
 * (REFUND), each referring to the sold line, and the original's fdmRef (C-8, fdm-v2-notes).
 * What was refunded before cannot be refunded again.
 */
export async function refund(
  deps: RegisterDeps,
  actor: Actor,
  request: {
    readonly ticketEventSeq: number;
    readonly lines?: readonly { lineNo: number; quantity?: number | null }[] | null;
    readonly tenders: readonly Tender[];
  },
): Promise<Result<PaidTicket, PosError>> {
  const clocked = await requireClockedIn(deps, actor);
  if (!clocked.ok) return clocked;
  return deps.locks.run([`refund:${request.ticketEventSeq}`], async () => {
    const sale = await signedSale(deps.db, request.ticketEventSeq);
    if (!sale.ok) return sale;
    if (sale.value.event.isTraining !== trainingOf(actor))
      return posError('TRAINING_MISMATCH', 'a refund is made in the mode of the sale it refunds');
    const original = await loadRegistration(deps.db, sale.value.registrationId);
    if (!original || original.kind !== 'sale')
      return posError('NOT_REFUNDABLE', 'this ticket is itself a refund');
    // Open quantity of each sold line, less what earlier refunds took back.
    const open = openQuantities(original.lines);
    const earlier = await deps.db
      .selectFrom('registration')
      .innerJoin('registration_line', 'registration_line.registration_id', 'registration.registration_id')
      .select(['registration_line.corrects_line', 'registration_line.quantity_milli'])
      .where('registration.refund_of_event', '=', request.ticketEventSeq)
      .execute();
    for (const row of earlier) {
      if (row.corrects_line !== null)
        open.set(row.corrects_line, (open.get(row.corrects_line) ?? 0) + row.quantity_milli);
    }
    const asked =
      request.lines ??
      [...open.entries()].filter(([, q]) => q > 0).map(([lineNo]) => ({ lineNo, quantity: null }));
    const lines: NewLine[] = [];
    for (const entry of asked) {
      const line = original.lines.find((l) => l.lineNo === entry.lineNo);
      const available = open.get(entry.lineNo) ?? 0;
      if (!line || available <= 0)
        return posError('NOT_REFUNDABLE', `line ${entry.lineNo} has nothing left to refund`);
      let quantity = available;
      if (entry.quantity !== undefined && entry.quantity !== null) {
        const q = quantityToMilli(entry.quantity, line.quantityType);
        if (!q.ok) return posError('BAD_INPUT', q.reason);
        quantity = q.value;
      }
      if (quantity > available)
        return posError(
          'QUANTITY_EXCEEDS_OPEN',
          `line ${entry.lineNo} has ${available / 1000} left to refund`,
        );
      if (line.priceChange !== null && quantity !== available)
        return posError('LINE_NOT_CORRECTABLE', 'a line with a price change is refunded whole');
      open.set(entry.lineNo, available - quantity);
      lines.push(negationOf(line, quantity, 'refund', 'REFUND', null));
    }
    if (lines.length === 0) return posError('NOT_REFUNDABLE', 'everything was refunded already');
    const period = await currentBookingPeriod(deps.db);
    if (!period) return posError('NO_OPEN_BOOKING_PERIOD', 'open a booking period (shift) first');
    const registrationId = randomUUID();
    await deps.db.transaction().execute(async (trx) => {
      await insertRegistration(
        trx,
        {
          registrationId,
          kind: 'refund',
          terminalId: actor.terminal.terminalId,
          userId: actor.user.userId,
          training: sale.value.event.isTraining,
          bookingPeriodId: period.bookingPeriodId,
          refundOfEvent: request.ticketEventSeq,
          place: null,
        },
        deps.clock,
      );
      await insertLines(trx, registrationId, 0, lines, actor.user.userId, deps.clock);
    });
    return pay(deps, actor, registrationId, request.tenders, null);
  });
}

/** The one reprint there is (C-33): a copy (C) through signCopy, once per original ticket. */
export async function copyTicket(
  deps: RegisterDeps,
  actor: Actor,
  ticketEventSeq: number,
): Promise<Result<{ copy: SignedEvent<'signCopy'>; original: StoredEvent }, PosError>> {
  const clocked = await requireClockedIn(deps, actor);
  if (!clocked.ok) return clocked;
  return deps.locks.run([`copy:${ticketEventSeq}`], async () => {
    const original = await readStoredEvent(deps.db, ticketEventSeq);
    if (!original) return posError('UNKNOWN_TICKET', `no ticket ${ticketEventSeq}`);
    if (original.outcome !== 'signed' || !original.result)
      return posError('NOT_SIGNED', 'the ticket was never signed');
    if (!['N', 'P', 'I', 'R', 'T'].includes(original.eventLabel) || original.eventOperation === 'COPY')
      return posError(
        'NOT_COPYABLE',
        `a ${original.eventLabel} ${original.eventOperation} event has no copy`,
      );
    const earlier = await deps.db
      .selectFrom('event_link')
      .leftJoin('fiscal_result', 'fiscal_result.event_seq', 'event_link.event_seq')
      .select(['event_link.event_seq', 'fiscal_result.outcome'])
      .where('event_link.role', '=', 'copy_of')
      .where('event_link.ref_event_seq', '=', ticketEventSeq)
      .execute();
    if (earlier.some((row) => row.outcome !== 'refused'))
      return posError(
        'COPY_ALREADY_MADE',
        'this ticket was copied once already: no other reprint is allowed (C-33)',
      );
    const context = await eventContext(deps, actor, original.isTraining || trainingOf(actor));
    if (!context.ok) return context;
    const copy = await deps.pipeline.sign(
      'signCopy',
      context.value,
      { fdmRef: refOf(original) },
      {
        after: (trx, eventSeq) => insertLink(trx, { eventSeq, role: 'copy_of', refEventSeq: ticketEventSeq }),
      },
    );
    return copy.ok ? ok({ copy: copy.value, original }) : copy;
  });
}

export interface Customer {
  readonly name: string;
  readonly address: string;
  readonly vatNo: string;
}

/**
 * An invoice (I) for one or more signed sales (C-45ter): its own continuous number, the
 * customer's identity, and the sales' fdmRefs. A sale is invoiced at most once.
 */
export async function invoiceSales(
  deps: RegisterDeps,
  actor: Actor,
  request: { readonly ticketEventSeqs: readonly number[]; readonly customer: Customer },
): Promise<Result<{ invoice: SignedEvent<'signInvoice'>; invoiceNo: string }, PosError>> {
  const clocked = await requireClockedIn(deps, actor);
  if (!clocked.ok) return clocked;
  const { customer } = request;
  if (typeof customer.name !== 'string' || customer.name.trim() === '' || customer.name.length > 200)
    return posError('BAD_INPUT', 'the customer needs a name (C-45ter)');
  if (typeof customer.address !== 'string' || customer.address.trim() === '' || customer.address.length > 400)
    return posError('BAD_INPUT', 'the customer needs an address (C-45ter)');
  const vat = checkCustomerVatNo(customer.vatNo);
  if (!vat.ok) return posError('BAD_INPUT', `customer VAT number ${vat.error.reason}`);
  const seqs = [...new Set(request.ticketEventSeqs)];
  if (seqs.length === 0 || seqs.length > 100 || seqs.length !== request.ticketEventSeqs.length)
    return posError('BAD_INPUT', 'give 1 to 100 different tickets');
  if (trainingOf(actor)) return posError('TRAINING_MISMATCH', 'invoices are not made in training mode');
  return deps.locks.run(['invoice'], async () => {
    const refs: FdmReferenceInput[] = [];
    let totalCentsSum = 0;
    for (const seq of seqs) {
      const sale = await signedSale(deps.db, seq);
      if (!sale.ok) return sale;
      if (sale.value.event.isTraining)
        return posError('TRAINING_MISMATCH', `ticket ${seq} is a training ticket`);
      const invoiced = await deps.db
        .selectFrom('event_link')
        .leftJoin('fiscal_result', 'fiscal_result.event_seq', 'event_link.event_seq')
        .select('fiscal_result.outcome')
        .where('event_link.role', '=', 'invoice_of')
        .where('event_link.ref_event_seq', '=', seq)
        .execute();
      if (invoiced.some((row) => row.outcome !== 'refused'))
        return posError('ALREADY_INVOICED', `ticket ${seq} is invoiced already`);
      refs.push(refOf(sale.value.event));
      const data = sale.value.event.data as { transaction?: { transactionTotal: number } };
      totalCentsSum += Math.round((data.transaction?.transactionTotal ?? 0) * 100);
    }
    const context = await eventContext(deps, actor, false);
    if (!context.ok) return context;
    // The number is taken under the journal lock, in the event's transaction: gap-free like the tickets.
    let invoiceNumber = 0;
    const nextNumber = async (db: Database): Promise<number> => {
      const last = await db
        .selectFrom('invoice')
        .select('invoice_no')
        .orderBy('invoice_no', 'desc')
        .limit(1)
        .executeTakeFirst();
      return (last?.invoice_no ?? 0) + 1;
    };
    const peek = await nextNumber(deps.db);
    const invoiceNo = formatInvoiceNo(peek);
    const signed = await deps.pipeline.sign(
      'signInvoice',
      context.value,
      {
        invoiceNo,
        customerVatNo: customer.vatNo,
        costCenter: { id: customer.vatNo, type: 'CUSTOMER', reference: invoiceNo },
        fdmRefs: refs,
      },
      {
        before: async (trx) => {
          await lockJournal(trx);
          invoiceNumber = await nextNumber(trx);
          return invoiceNumber === peek
            ? ok(undefined)
            : posError('BAD_INPUT', 'another invoice was made at the same moment: try again');
        },
        after: async (trx, eventSeq) => {
          await trx
            .insertInto('invoice')
            .values({
              invoice_no: invoiceNumber,
              event_seq: eventSeq,
              customer_name: customer.name,
              customer_address: customer.address,
              customer_vat_no: customer.vatNo,
              total_cents: totalCentsSum,
              issued_at: deps.clock.now(),
            })
            .execute();
          for (const seq of seqs) await insertLink(trx, { eventSeq, role: 'invoice_of', refEventSeq: seq });
        },
      },
    );
    return signed.ok ? ok({ invoice: signed.value, invoiceNo }) : signed;
  });
}

export const formatInvoiceNo = (n: number): string => `INV${String(n).padStart(6, '0')}`;

/** Float in or out, or the declared drawer content (F). */
export async function moneyInOut(
  deps: RegisterDeps,
  actor: Actor,
  request: { amountCents: number; kind: MoneyInOutLineType },
): Promise<Result<SignedEvent<'signMoneyInOut'>, PosError>> {
  const clocked = await requireClockedIn(deps, actor);
  if (!clocked.ok) return clocked;
  if (!Number.isSafeInteger(request.amountCents) || Math.abs(request.amountCents) > 100_000_000)
    return posError('BAD_INPUT', 'the amount is in whole cents, at most 1,000,000 euro');
  if (request.kind !== 'MONEY_IN_OUT' && request.kind !== 'DRAWER_DECLARATION')
    return posError('BAD_INPUT', 'kind is MONEY_IN_OUT or DRAWER_DECLARATION');
  if (request.kind === 'MONEY_IN_OUT' && request.amountCents === 0)
    return posError('BAD_INPUT', 'money in or out is not zero');
  if (request.kind === 'DRAWER_DECLARATION' && request.amountCents < 0)
    return posError('BAD_INPUT', 'a drawer holds no negative amount');
  const context = await eventContext(deps, actor, trainingOf(actor));
  if (!context.ok) return context;
  return deps.pipeline.sign('signMoneyInOut', context.value, {
    financials: [
      {
        id: 'CASH',
        name: 'Cash',
        type: 'CASH',
        inputMethod: 'MANUAL',
        amount: centsToEuros(request.amountCents),
        amountType: request.kind,
        drawer: { ...cashDrawer },
      },
    ],
  });
}

/** The drawer opened without a sale (F); counted on the reports. */
export async function openDrawer(
  deps: RegisterDeps,
  actor: Actor,
): Promise<Result<SignedEvent<'signDrawerOpen'>, PosError>> {
  const clocked = await requireClockedIn(deps, actor);
  if (!clocked.ok) return clocked;
  const context = await eventContext(deps, actor, trainingOf(actor));
  if (!context.ok) return context;
  return deps.pipeline.sign('signDrawerOpen', context.value, { drawer: { ...cashDrawer } });
}

/** A sale was paid by another method than registered (F): the amount leaves one method and joins the other. */
export async function correctPayment(
  deps: RegisterDeps,
  actor: Actor,
  request: { ticketEventSeq: number; from: PaymentType; to: PaymentType; amountCents: number },
): Promise<Result<SignedEvent<'signPaymentCorrection'>, PosError>> {
  const clocked = await requireClockedIn(deps, actor);
  if (!clocked.ok) return clocked;
  if (request.from === request.to) return posError('BAD_INPUT', 'the methods differ in a payment correction');
  if (!Number.isSafeInteger(request.amountCents) || request.amountCents === 0)
    return posError('BAD_INPUT', 'the amount is a non-zero number of cents');
  const sale = await signedSale(deps.db, request.ticketEventSeq);
  if (!sale.ok) return sale;
  if (sale.value.event.isTraining !== trainingOf(actor))
    return posError('TRAINING_MISMATCH', 'a payment correction is made in the mode of its sale');
  const paid =
    (sale.value.event.data as { financials?: { type: string; amount: number; amountType: string }[] })
      .financials ?? [];
  const paidWithFrom = paid
    .filter((line) => line.type === request.from && line.amountType === 'PAYMENT')
    .reduce((sum, line) => sum + Math.round(line.amount * 100), 0);
  if (Math.abs(request.amountCents) > Math.abs(paidWithFrom))
    return posError('PAYMENT_MISMATCH', `the sale was paid ${paidWithFrom / 100} by ${request.from}`);
  const context = await eventContext(deps, actor, trainingOf(actor));
  if (!context.ok) return context;
  return deps.pipeline.sign(
    'signPaymentCorrection',
    context.value,
    {
      fdmRef: refOf(sale.value.event),
      financials: [
        paymentLine(request.from, -request.amountCents, 'PAYMENT'),
        paymentLine(request.to, request.amountCents, 'PAYMENT'),
      ],
    },
    {
      after: (trx, eventSeq) =>
        insertLink(trx, { eventSeq, role: 'correction_of', refEventSeq: request.ticketEventSeq }),
    },
  );
}

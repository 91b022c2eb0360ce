export type { PosContext } from './access.js';
import type { MessageItem, PaymentType } from '@gks/core';
import type { SignedEvent } from '../fiscal/pipeline.js';
import { listStoredEvents, readStoredEvent, type StoredEvent } from '../fiscal/stored-events.js';
import {
  closeBookingPeriod,
  currentBookingPeriod,
  openBookingPeriod,
} from '../master-data/booking-periods.js';
import { listDepartments, listProducts, upsertDepartment, upsertProduct } from '../master-data/catalog.js';
import { listCostCenters } from '../master-data/cost-centers.js';
import { posSwVersion } from '../master-data/settings.js';
import { createUser, type User, type UserRole } from '../master-data/users.js';
import { aliasOf, kitchenTicketOf, receiptOf, render } from '../printing/receipts.js';
import {
  copyTicket,
  correctPayment,
  invoiceSales,
  moneyInOut,
  openDrawer,
  refund,
} from '../register/after-sale.js';
import { totalCents } from '../register/lines.js';
import { fdmDownMessage } from '../register/pos-error.js';
import {
  addLines,
  cancelRegistration,
  changeLinePrice,
  clockIn,
  clockOut,
  correctLine,
  isClockedIn,
  pay,
  preBill,
  sendOrder,
  setLineNote,
  startRegistration,
  trainingOf,
  transferLines,
  type PaidTicket,
} from '../register/register.js';
import {
  loadRegistration,
  openRegistrationSummaries,
  orderLineNotes,
  preBilledRegistrations,
  type Registration,
} from '../register/registration-store.js';
import { printKitchenTicket } from '../printing/ticket-printing.js';
import { tableState } from './restaurant-resolvers.js';
import type { Tender } from '../register/settlement.js';
import { makeReport } from '../register/reports.js';
import { changeTrainingMode } from '../register/training-mode.js';
import {
  actorOf,
  arg,
  bad,
  by,
  cents,
  managerOf,
  refusal,
  terminalOf,
  unwrap,
  type Args,
  type PosContext,
} from './access.js';

const publicUser = (user: User) => ({
  userId: user.userId,
  alias: user.alias,
  role: user.role,
  training: user.training,
});

/** What a ticket resolves from: the journaled event, plus what only the live answer knows. */
interface TicketSource {
  readonly event: StoredEvent;
  readonly mandatoryMessages: readonly MessageItem[];
  readonly duplicate: boolean;
}

function ticketOf(signed: SignedEvent): TicketSource {
  return { event: signed.stored, mandatoryMessages: signed.mandatoryMessages, duplicate: signed.duplicate };
}

const storedTicket = (event: StoredEvent): TicketSource => ({
  event,
  mandatoryMessages: [],
  duplicate: false,
});

function paymentResult(paid: PaidTicket) {
  return {
    ticket: ticketOf(paid.sale),
    order: paid.order ? ticketOf(paid.order) : null,
    due: paid.settlement.dueCents / 100,
    rounding: paid.settlement.roundingCents / 100,
    change: paid.settlement.changeCents / 100,
  };
}

function registrationView(registration: Registration) {
  return {
    id: registration.registrationId,
    kind: registration.kind,
    costCenterId: registration.place?.costCenterId ?? null,
    training: registration.training,
    status: registration.status,
    total: totalCents(registration.lines) / 100,
    signedUpTo: registration.signedUpTo,
    preBilled: registration.preBilled,
    lines: registration.lines.map((line) => ({
      note: registration.notes.get(line.lineNo) ?? null,
      lineNo: line.lineNo,
      origin: line.origin,
      productId: line.productId,
      productName: line.productName,
      quantity: line.quantityMilli / 1000,
      quantityType: line.quantityType,
      unitPrice: line.unitPriceCents / 100,
      vatLabel: line.vatLabel,
      lineTotal: line.lineTotalCents / 100,
      negQuantityReason: line.negReason,
      reason: line.reason,
      correctsLine: line.correctsLine,
      priceChangeName: line.priceChange?.name ?? null,
      priceChangeAmount: line.priceChange ? line.priceChange.amountCents / 100 : null,
    })),
  };
}

function tenders(list: readonly { type: PaymentType; amount: number }[], field: string): Tender[] {
  if (list.length > 20) throw bad(`${field}: at most 20 payments`);
  return list.map((t, i) => ({ type: t.type, amountCents: cents(t.amount, `${field}[${i}].amount`) }));
}

function ticketId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1)
    throw refusal({ code: 'UNKNOWN_TICKET', message: `no ticket ${id}` });
  return id;
}

export const resolvers = {
  Query: {
    async pos(_: unknown, __: Args, context: PosContext) {
      const terminal = await terminalOf(context);
      const { settings } = context.runtime;
      return {
        posId: settings.posId,
        softwareVersion: posSwVersion,
        establishmentName: settings.establishment.name,
        establishmentAddress: settings.establishment.address,
        vatNo: settings.establishment.vatNo,
        terminalId: terminal.terminalId,
        terminalName: terminal.name,
      };
    },
    async me(_: unknown, __: Args, context: PosContext) {
      const actor = await actorOf(context);
      return {
        user: publicUser(actor.user),
        terminalId: actor.terminal.terminalId,
        training: trainingOf(actor),
        clockedIn: await isClockedIn(context.runtime.deps.db, actor.user.userId),
      };
    },
    async catalog(_: unknown, __: Args, context: PosContext) {
      await actorOf(context);
      const db = context.runtime.deps.db;
      const products = await listProducts(db);
      return {
        departments: await listDepartments(db),
        products: products.map((p) => ({ ...p, unitPrice: p.unitPriceCents / 100 })),
      };
    },
    async costCenters(_: unknown, __: Args, context: PosContext) {
      await actorOf(context);
      const db = context.runtime.deps.db;
      const open = await openRegistrationSummaries(db);
      const preBilled = await preBilledRegistrations(
        db,
        open.flatMap((o) => (o.costCenterId === null ? [] : [o.registrationId])),
      );
      return (await listCostCenters(db)).map((c) => {
        const registrationId = open.find((o) => o.costCenterId === c.costCenterId)?.registrationId ?? null;
        return {
          ...c,
          floorId: c.floorId ?? null,
          openRegistrationId: registrationId,
          state: tableState(registrationId, preBilled),
        };
      });
    },
    async registration(_: unknown, args: Args, context: PosContext) {
      await actorOf(context);
      const registration = await loadRegistration(context.runtime.deps.db, arg<string>(args, 'id'));
      return registration ? registrationView(registration) : null;
    },
    async openRegistrations(_: unknown, __: Args, context: PosContext) {
      await actorOf(context);
      const db = context.runtime.deps.db;
      const views = [];
      for (const summary of await openRegistrationSummaries(db)) {
        const registration = await loadRegistration(db, summary.registrationId);
        if (registration) views.push(registrationView(registration));
      }
      return views;
    },
    async tickets(_: unknown, args: Args, context: PosContext) {
      await actorOf(context);
      const limit = arg<number>(args, 'limit');
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw bad('limit is 1..200');
      const before = arg<number | null>(args, 'before');
      const events = await listStoredEvents(context.runtime.deps.db, {
        limit,
        ...(before !== null && before !== undefined ? { beforeSeq: before } : {}),
      });
      return events.map(storedTicket);
    },
    async ticket(_: unknown, args: Args, context: PosContext) {
      await actorOf(context);
      const event = await readStoredEvent(context.runtime.deps.db, arg<number>(args, 'id'));
      return event ? storedTicket(event) : null;
    },
    async fdmState(_: unknown, __: Args, context: PosContext) {
      await terminalOf(context);
      const { pipeline } = context.runtime.deps;
      const incident = pipeline.incidents.open;
      return {
        operational: incident === null && pipeline.stuckCount === 0,
        incidentSince: incident?.since.toISOString() ?? null,
        incidentCause: incident?.cause ?? null,
        pendingEvents: pipeline.stuckCount,
        message: incident ? fdmDownMessage : null,
      };
    },
    async bookingPeriod(_: unknown, __: Args, context: PosContext) {
      await actorOf(context);
      return currentBookingPeriod(context.runtime.deps.db);
    },
  },

  Mutation: {
    async login(_: unknown, args: Args, context: PosContext) {
      const terminal = await terminalOf(context);
      const session = unwrap(
        await context.runtime.sessions.login(terminal, arg<string>(args, 'alias'), arg<string>(args, 'pin')),
      );
      return {
        sessionToken: session.token,
        user: publicUser(session.user),
        posId: context.runtime.settings.posId,
        softwareVersion: posSwVersion,
        clockedIn: await isClockedIn(context.runtime.deps.db, session.user.userId),
      };
    },
    async logout(_: unknown, __: Args, context: PosContext) {
      await actorOf(context);
      return context.runtime.sessions.logout(context.sessionToken ?? '');
    },
    async clockIn(_: unknown, __: Args, context: PosContext) {
      const actor = await actorOf(context);
      return ticketOf(unwrap(await clockIn(context.runtime.deps, actor)));
    },
    async clockOut(_: unknown, __: Args, context: PosContext) {
      const actor = await actorOf(context);
      return ticketOf(unwrap(await clockOut(context.runtime.deps, actor)));
    },
    async setTrainingMode(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      return unwrap(
        await changeTrainingMode(context.runtime.deps, actor, {
          scope: arg<'TERMINAL' | 'USER'>(args, 'scope'),
          training: arg<boolean>(args, 'training'),
        }),
      );
    },
    async openBookingPeriod(_: unknown, __: Args, context: PosContext) {
      const actor = await managerOf(context);
      return unwrap(await openBookingPeriod(context.runtime.deps.db, by(actor), context.runtime.deps.clock));
    },
    async closeBookingPeriod(_: unknown, __: Args, context: PosContext) {
      const actor = await managerOf(context);
      const open = await openRegistrationSummaries(context.runtime.deps.db);
      if (open.length > 0)
        throw refusal({
          code: 'OPEN_REGISTRATIONS',
          message: `${open.length} registration(s) are open: every started registration ends in a ticket (C-8)`,
        });
      return unwrap(await closeBookingPeriod(context.runtime.deps.db, by(actor), context.runtime.deps.clock));
    },
    async startRegistration(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      const costCenterId = arg<string | null | undefined>(args, 'costCenterId');
      const registration = unwrap(
        await startRegistration(context.runtime.deps, actor, {
          kind: arg<boolean>(args, 'proForma') ? 'proforma' : 'sale',
          costCenterId: costCenterId ?? null,
        }),
      );
      return registrationView(registration);
    },
    async addLines(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      return registrationView(
        unwrap(
          await addLines(
            context.runtime.deps,
            actor,
            arg<string>(args, 'registrationId'),
            arg<{ productId: string; quantity: number; note?: string | null }[]>(args, 'lines'),
          ),
        ),
      );
    },
    async correctLine(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      return registrationView(
        unwrap(
          await correctLine(context.runtime.deps, actor, arg<string>(args, 'registrationId'), {
            lineNo: arg<number>(args, 'lineNo'),
            quantity: arg<number | null>(args, 'quantity') ?? null,
            reason: arg<string>(args, 'reason'),
          }),
        ),
      );
    },
    async setLineNote(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      return registrationView(
        unwrap(
          await setLineNote(context.runtime.deps, actor, arg<string>(args, 'registrationId'), {
            lineNo: arg<number>(args, 'lineNo'),
            note: arg<string | null | undefined>(args, 'note'),
          }),
        ),
      );
    },
    async changeLinePrice(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      return registrationView(
        unwrap(
          await changeLinePrice(context.runtime.deps, actor, arg<string>(args, 'registrationId'), {
            lineNo: arg<number>(args, 'lineNo'),
            amountCents: cents(arg<number>(args, 'amount'), 'amount'),
            name: arg<string>(args, 'name'),
          }),
        ),
      );
    },
    async sendOrder(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      const signed = unwrap(
        await sendOrder(context.runtime.deps, actor, arg<string>(args, 'registrationId')),
      );
      const kitchen = kitchenTicketOf(
        {
          posFiscalTicketNo: signed.posFiscalTicketNo,
          posDateTime: signed.data.posDateTime,
          costCenterId: signed.data.costCenter.id,
          transaction: signed.data.transaction,
          lineNotes: await orderLineNotes(
            context.runtime.deps.db,
            signed.eventSeq,
            signed.data.transaction.transactionLines.length,
          ),
        },
        actor.user.alias,
      );
      // The signed order stands whatever the kitchen printer does.
      const kitchenPrinted = kitchen.ok
        ? await printKitchenTicket(context.runtime.printing, actor, {
            eventSeq: signed.eventSeq,
            kitchen: kitchen.value,
          })
        : false;
      return {
        ticket: ticketOf(signed),
        kitchen: kitchen.ok ? render(kitchen.value) : null,
        kitchenPrinted,
      };
    },
    async transfer(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      const moved = unwrap(
        await transferLines(context.runtime.deps, actor, arg<string>(args, 'registrationId'), {
          toCostCenterId: arg<string>(args, 'toCostCenterId'),
          lines: arg<{ lineNo: number; quantity?: number | null }[] | null>(args, 'lines') ?? null,
        }),
      );
      return {
        ticket: ticketOf(moved.event),
        registrationId: moved.registrationId,
        sourceClosed: moved.closedSource,
      };
    },
    async preBill(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      return ticketOf(
        unwrap(await preBill(context.runtime.deps, actor, arg<string>(args, 'registrationId'))),
      );
    },
    async pay(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      const tip = arg<{ type: PaymentType; amount: number } | null>(args, 'tip');
      const paid = unwrap(
        await pay(
          context.runtime.deps,
          actor,
          arg<string>(args, 'registrationId'),
          tenders(arg(args, 'payments'), 'payments'),
          tip ? { type: tip.type, amountCents: cents(tip.amount, 'tip.amount') } : null,
        ),
      );
      return paymentResult(paid);
    },
    async cancelRegistration(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      const paid = unwrap(
        await cancelRegistration(
          context.runtime.deps,
          actor,
          arg<string>(args, 'registrationId'),
          arg<string>(args, 'reason'),
        ),
      );
      return paymentResult(paid);
    },
    async refund(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      const paid = unwrap(
        await refund(context.runtime.deps, actor, {
          ticketEventSeq: ticketId(arg<number>(args, 'ticketId')),
          lines: arg<{ lineNo: number; quantity?: number | null }[] | null>(args, 'lines') ?? null,
          tenders: tenders(arg(args, 'payments'), 'payments'),
        }),
      );
      return paymentResult(paid);
    },
    async copyTicket(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      const copy = unwrap(
        await copyTicket(context.runtime.deps, actor, ticketId(arg<number>(args, 'ticketId'))),
      );
      return ticketOf(copy.copy);
    },
    async invoice(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      const made = unwrap(
        await invoiceSales(context.runtime.deps, actor, {
          ticketEventSeqs: arg<number[]>(args, 'ticketIds').map(ticketId),
          customer: arg(args, 'customer'),
        }),
      );
      return { ticket: ticketOf(made.invoice), invoiceNo: made.invoiceNo };
    },
    async moneyInOut(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      return ticketOf(
        unwrap(
          await moneyInOut(context.runtime.deps, actor, {
            amountCents: cents(arg<number>(args, 'amount'), 'amount'),
            kind: arg(args, 'kind'),
          }),
        ),
      );
    },
    async openDrawer(_: unknown, __: Args, context: PosContext) {
      const actor = await actorOf(context);
      return ticketOf(unwrap(await openDrawer(context.runtime.deps, actor)));
    },
    async correctPayment(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      return ticketOf(
        unwrap(
          await correctPayment(context.runtime.deps, actor, {
            ticketEventSeq: ticketId(arg<number>(args, 'ticketId')),
            from: arg(args, 'from'),
            to: arg(args, 'to'),
            amountCents: cents(arg<number>(args, 'amount'), 'amount'),
          }),
        ),
      );
    },
    async report(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      const made = unwrap(
        await makeReport(context.runtime.deps, actor, { scope: arg(args, 'scope'), type: arg(args, 'type') }),
      );
      return {
        ticket: ticketOf(made.event),
        receipt: made.receipt ? render(made.receipt) : null,
      };
    },
    async upsertDepartment(_: unknown, args: Args, context: PosContext) {
      const actor = await managerOf(context);
      return unwrap(
        await upsertDepartment(
          context.runtime.deps.db,
          { departmentId: arg(args, 'departmentId'), name: arg(args, 'name') },
          by(actor),
          context.runtime.deps.clock,
        ),
      );
    },
    async upsertProduct(_: unknown, args: Args, context: PosContext) {
      const actor = await managerOf(context);
      const input = arg<{
        productId: string;
        name: string;
        departmentId: string;
        unitPrice: number;
        vatLabel: string;
        quantityType: string;
        active: boolean;
      }>(args, 'input');
      const product = unwrap(
        await upsertProduct(
          context.runtime.deps.db,
          {
            productId: input.productId,
            name: input.name,
            departmentId: input.departmentId,
            unitPriceCents: cents(input.unitPrice, 'unitPrice'),
            vatLabel: input.vatLabel as never,
            quantityType: input.quantityType as never,
            active: input.active,
          },
          by(actor),
          context.runtime.deps.clock,
        ),
      );
      return { ...product, unitPrice: product.unitPriceCents / 100 };
    },
    async createUser(_: unknown, args: Args, context: PosContext) {
      const actor = await managerOf(context);
      const input = arg<{ userId: string; alias: string; employeeId: string; pin: string; role: string }>(
        args,
        'input',
      );
      const user = unwrap(
        await createUser(
          context.runtime.deps.db,
          { ...input, role: input.role as UserRole },
          by(actor),
          context.runtime.deps.clock,
        ),
      );
      return publicUser(user);
    },
  },

  Ticket: {
    id: (t: TicketSource) => t.event.eventSeq,
    posFiscalTicketNo: (t: TicketSource) => t.event.posFiscalTicketNo,
    label: (t: TicketSource) => t.event.eventLabel,
    operation: (t: TicketSource) => t.event.eventOperation,
    training: (t: TicketSource) => t.event.isTraining,
    outcome: (t: TicketSource) => t.event.outcome,
    fdmRef: (t: TicketSource) => t.event.result?.fdmRef ?? null,
    shortSignature: (t: TicketSource) => t.event.result?.shortSignature ?? null,
    verificationUrl: (t: TicketSource) => t.event.result?.verificationUrl ?? null,
    total: (t: TicketSource) => {
      const transaction = (t.event.data as { transaction?: { transactionTotal: number } }).transaction;
      return transaction?.transactionTotal ?? null;
    },
    mandatoryMessages: (t: TicketSource) => t.mandatoryMessages.map((m) => m.message),
    duplicate: (t: TicketSource) => t.duplicate,
    async receipt(t: TicketSource, args: Args, context: PosContext) {
      const width = arg<number>(args, 'width');
      if (width !== 42 && width !== 48) throw bad('width is 42 or 48 columns');
      const db = context.runtime.deps.db;
      const receipt = await receiptOf(db, t.event, {
        settings: context.runtime.settings,
        userAlias: await aliasOf(db, t.event.userId),
      });
      // C-32: nothing is printed for an event the FDM did not sign.
      if (t.event.outcome !== 'signed') return null;
      if (!receipt.ok)
        throw refusal({ code: 'RECEIPT_PROBLEM', message: `the print cannot be built: ${receipt.error}` });
      return receipt.value ? render(receipt.value, width) : null;
    },
  },
};

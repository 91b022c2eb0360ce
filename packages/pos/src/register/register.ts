import { randomUUID } from 'node:crypto';
import { ok, type CostCenterInput, type Result, type SignMutation, type TicketMedium } from '@gks/core';
import type { EventContext } from '../fiscal/common-fields.js';
import type { EventBody, SignedEvent, SigningPipeline, SignSteps } from '../fiscal/pipeline.js';
import { appendJournalEntry, inTransaction, type Clock, type Database } from '../journal/journal.js';
import { currentBookingPeriod } from '../master-data/booking-periods.js';
import { findCostCenter } from '../master-data/cost-centers.js';
import { findProducts } from '../master-data/catalog.js';
import type { Terminal } from '../master-data/terminals.js';
import type { UserWithEmployeeId } from '../master-data/users.js';
import { KeyedLock } from './keyed-lock.js';
import { checkKitchenNote } from './kitchen-note.js';
import {
  arrivalOf,
  inputLine,
  negationOf,
  openQuantities,
  quantityToMilli,
  repricedLine,
  toTransaction,
  totalCents,
  type NewLine,
  type RegisteredLine,
} from './lines.js';
import { posError, type PosError } from './pos-error.js';
import {
  insertLines,
  insertLink,
  insertPlace,
  insertRegistration,
  loadRegistration,
  openRegistrationSummaries,
  type Place,
  type Registration,
  type RegistrationKind,
} from './registration-store.js';
import { settle, type Settlement, type Tender } from './settlement.js';

/** Who does something: a logged-in user on an authenticated terminal (C-29). */
export interface Actor {
  readonly terminal: Terminal;
  readonly user: UserWithEmployeeId;
}

export interface RegisterDeps {
  readonly db: Database;
  readonly pipeline: SigningPipeline;
  readonly clock: Clock;
  readonly locks: KeyedLock;
}

export interface LineEntry {
  readonly productId: string;
  /** In the product's unit: pieces, kilograms or litres. */
  readonly quantity: number;
  /** Kitchen note (checkKitchenNote); journaled with the line, never sent to the FDM. */
  readonly note?: string | null;
}

export interface PaidTicket {
  readonly sale: SignedEvent<'signSale'>;
  readonly settlement: Settlement;
  /** The P event that sent the last changes first, if there were any. */
  readonly order: SignedEvent<'signOrder'> | null;
}

/** Training mode applies when the terminal or the user is in it (C-8). */
export const trainingOf = (actor: Actor): boolean => actor.terminal.training || actor.user.training;

export function createRegisterDeps(db: Database, pipeline: SigningPipeline, clock: Clock): RegisterDeps {
  return { db, pipeline, clock, locks: new KeyedLock() };
}

// ------------------------------------------------------------------ context and guards

export async function eventContext(
  deps: RegisterDeps,
  actor: Actor,
  training: boolean,
  ticketMedium: TicketMedium = 'PAPER',
): Promise<Result<EventContext, PosError>> {
  const period = await currentBookingPeriod(deps.db);
  if (!period) return posError('NO_OPEN_BOOKING_PERIOD', 'open a booking period (shift) first');
  return ok({
    terminalId: actor.terminal.terminalId,
    deviceId: actor.terminal.deviceId,
    userId: actor.user.userId,
    employeeId: actor.user.employeeId,
    bookingPeriodId: period.bookingPeriodId,
    bookingDate: period.bookingDate,
    ticketMedium,
    training,
  });
}

/** Whether the user's last signed work event is a WORK_IN (C-29 and the S events). */
export async function isClockedIn(db: Database, userId: string): Promise<boolean> {
  const last = await db
    .selectFrom('fiscal_event')
    .innerJoin('fiscal_result', 'fiscal_result.event_seq', 'fiscal_event.journal_seq')
    .select('fiscal_event.event_operation')
    .where('fiscal_event.user_id', '=', userId)
    .where('fiscal_event.event_operation', 'in', ['WORK_IN', 'WORK_OUT'])
    .where('fiscal_result.outcome', '=', 'signed')
    .orderBy('fiscal_event.journal_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.event_operation === 'WORK_IN';
}

async function requireClockedIn(deps: RegisterDeps, actor: Actor): Promise<Result<void, PosError>> {
  return (await isClockedIn(deps.db, actor.user.userId))
    ? ok(undefined)
    : posError('NOT_CLOCKED_IN', `${actor.user.alias} must clock in before registering anything`);
}

/** The registration, if this actor may change it now. */
async function openRegistration(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
): Promise<Result<Registration, PosError>> {
  if (typeof registrationId !== 'string' || registrationId.length > 100)
    return posError('UNKNOWN_REGISTRATION', 'no such registration');
  const clocked = await requireClockedIn(deps, actor);
  if (!clocked.ok) return clocked;
  // An earlier event of it may still wait for the FDM: resend it first.
  const flushed = await deps.pipeline.flush();
  if (!flushed.ok) return flushed;
  const registration = await loadRegistration(deps.db, registrationId);
  if (!registration) return posError('UNKNOWN_REGISTRATION', `no registration ${registrationId}`);
  if (registration.status === 'closed')
    return posError(
      'REGISTRATION_CLOSED',
      'this registration ended in a ticket: nothing may be added or changed (C-31)',
    );
  if (registration.status === 'busy')
    return posError('REGISTRATION_BUSY', 'an event of this registration still waits for the FDM');
  if (registration.training !== trainingOf(actor))
    return posError(
      'MODE_CHANGE_DURING_REGISTRATION',
      `this registration was started in ${registration.training ? 'training' : 'normal'} mode; the mode cannot change once a registration started (C-31)`,
    );
  return ok(registration);
}

const costCenterOf = (registration: Registration, place: Place): CostCenterInput => ({
  id: place.costCenterId,
  type: place.type as CostCenterInput['type'],
  reference: registration.registrationId,
});

const lastLineNo = (registration: Registration): number => registration.lines.at(-1)?.lineNo ?? 0;

async function sign<M extends SignMutation>(
  deps: RegisterDeps,
  mutation: M,
  context: EventContext,
  body: EventBody<M>,
  steps?: SignSteps,
): Promise<Result<SignedEvent<M>, PosError>> {
  return deps.pipeline.sign(mutation, context, body, steps);
}

// ------------------------------------------------------------------ clocking (S)

export async function clockIn(
  deps: RegisterDeps,
  actor: Actor,
): Promise<Result<SignedEvent<'signWorkIn'>, PosError>> {
  return deps.locks.run([`user:${actor.user.userId}`], async () => {
    if (await isClockedIn(deps.db, actor.user.userId))
      return posError('ALREADY_CLOCKED_IN', `${actor.user.alias} is clocked in already`);
    const context = await eventContext(deps, actor, trainingOf(actor), 'NONE');
    if (!context.ok) return context;
    return sign(deps, 'signWorkIn', context.value, {});
  });
}

export async function clockOut(
  deps: RegisterDeps,
  actor: Actor,
): Promise<Result<SignedEvent<'signWorkOut'>, PosError>> {
  return deps.locks.run([`user:${actor.user.userId}`], async () => {
    if (!(await isClockedIn(deps.db, actor.user.userId)))
      return posError('NOT_CLOCKED_IN', `${actor.user.alias} is not clocked in`);
    const context = await eventContext(deps, actor, trainingOf(actor), 'NONE');
    if (!context.ok) return context;
    return sign(deps, 'signWorkOut', context.value, {});
  });
}

// ------------------------------------------------------------------ registrations

/** Starts a registration: a direct sale (no place), a table or other cost center, or a pro forma. */
export async function startRegistration(
  deps: RegisterDeps,
  actor: Actor,
  options: { kind?: 'sale' | 'proforma'; costCenterId?: string | null },
): Promise<Result<Registration, PosError>> {
  const clocked = await requireClockedIn(deps, actor);
  if (!clocked.ok) return clocked;
  const kind: RegistrationKind = options.kind ?? 'sale';
  if (kind !== 'sale' && kind !== 'proforma') return posError('BAD_INPUT', 'kind is sale or proforma');
  let place: Place | null = null;
  if (options.costCenterId !== undefined && options.costCenterId !== null) {
    const costCenter = await findCostCenter(deps.db, options.costCenterId);
    if (!costCenter) return posError('UNKNOWN_COST_CENTER', `no cost center ${options.costCenterId}`);
    if (costCenter.active === false)
      return posError('PLACE_RETIRED', `${costCenter.costCenterId} is retired`, { field: 'costCenterId' });
    place = { costCenterId: costCenter.costCenterId, type: costCenter.type };
  }
  const period = await currentBookingPeriod(deps.db);
  if (!period) return posError('NO_OPEN_BOOKING_PERIOD', 'open a booking period (shift) first');
  const registrationId = randomUUID();
  const placeKey = place ? [`place:${place.costCenterId}`] : [];
  return deps.locks.run(placeKey, async () => {
    if (place) {
      const occupied = await openRegistrationSummaries(deps.db, { costCenterId: place.costCenterId });
      if (occupied.length > 0)
        return posError(
          'COST_CENTER_OCCUPIED',
          `${place.costCenterId} has an open order: add to it or transfer`,
          {
            details: { registrationId: occupied[0]?.registrationId ?? '' },
          },
        );
    }
    const registration = await insertRegistration(
      deps.db,
      {
        registrationId,
        kind,
        terminalId: actor.terminal.terminalId,
        userId: actor.user.userId,
        training: trainingOf(actor),
        bookingPeriodId: period.bookingPeriodId,
        refundOfEvent: null,
        place,
      },
      deps.clock,
    );
    return ok(registration);
  });
}

/** Registers lines with the article settings of now, copied onto each line (C-34). */
export async function addLines(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
  entries: readonly LineEntry[],
): Promise<Result<Registration, PosError>> {
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > 200)
    return posError('BAD_INPUT', 'give 1 to 200 lines');
  return deps.locks.run([`reg:${registrationId}`], async () => {
    const registration = await openRegistration(deps, actor, registrationId);
    if (!registration.ok) return registration;
    if (registration.value.kind === 'refund') return posError('BAD_INPUT', 'a refund takes no new articles');
    const lines: NewLine[] = [];
    const notes: (string | null)[] = [];
    const products = await findProducts(
      deps.db,
      entries.map((entry) => entry.productId),
    );
    for (const [i, entry] of entries.entries()) {
      const note = checkKitchenNote(entry.note, `lines[${i}].note`);
      if (!note.ok) return note;
      notes.push(note.value);
      const product = products.get(entry.productId);
      if (!product || !product.active)
        return posError('UNKNOWN_PRODUCT', `line ${i + 1}: no product ${entry.productId}`);
      const quantity = quantityToMilli(entry.quantity, product.quantityType);
      if (!quantity.ok) return posError('BAD_INPUT', `line ${i + 1}: ${quantity.reason}`);
      lines.push(
        inputLine(
          {
            productId: product.productId,
            productName: product.name,
            departmentId: product.departmentId,
            departmentName: product.departmentName,
            quantityType: product.quantityType,
            unitPriceCents: product.unitPriceCents,
            vatLabel: product.vatLabel,
          },
          quantity.value,
        ),
      );
    }
    const afterLineNo = lastLineNo(registration.value);
    const inserted = (db: Database) =>
      insertLines(db, registrationId, afterLineNo, lines, actor.user.userId, deps.clock, notes);
    // Without notes the lines are one statement: no transaction (two round trips) needed.
    if (notes.every((note) => note === null)) await inserted(deps.db);
    else
      await inTransaction(deps.db, async (trx) => {
        const noted = (await inserted(trx)).flatMap((line, i) => {
          const note = notes[i];
          return note ? [{ lineNo: line.lineNo, productId: line.productId, note }] : [];
        });
        const entry = await appendJournalEntry(
          trx,
          {
            kind: 'kitchen_note',
            terminalId: actor.terminal.terminalId,
            userId: actor.user.userId,
            data: { registrationId, lines: noted },
          },
          deps.clock,
        );
        if (!entry.ok) throw new Error(`kitchen note not journaled: ${entry.error.code}`);
      });
    return reload(deps, registrationId);
  });
}

/**
 * Sets (or with null clears) the kitchen note of a line not yet sent to the kitchen. The line
 * itself stays as registered (C-31): the note is a row of its own and a journal entry, never
 * part of a fiscal event. Once the line went out in an order the kitchen has its note.
 */
export async function setLineNote(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
  change: { readonly lineNo: number; readonly note: string | null | undefined },
): Promise<Result<Registration, PosError>> {
  const note = checkKitchenNote(change.note, 'note');
  if (!note.ok) return note;
  return deps.locks.run([`reg:${registrationId}`], async () => {
    const registration = await openRegistration(deps, actor, registrationId);
    if (!registration.ok) return registration;
    const line = registration.value.lines.find((l) => l.lineNo === change.lineNo);
    if (!line) return posError('UNKNOWN_LINE', `no line ${String(change.lineNo)}`, { field: 'lineNo' });
    if (line.lineNo <= registration.value.signedUpTo)
      return posError(
        'LINE_ALREADY_SENT',
        `line ${line.lineNo} was sent to the kitchen already: tell the kitchen, or correct the line and enter it again`,
        { field: 'lineNo' },
      );
    if (line.origin !== 'input' || line.quantityMilli <= 0)
      return posError(
        'BAD_INPUT',
        `line ${line.lineNo} is a ${line.origin} line: only an article takes a note`,
        {
          field: 'lineNo',
        },
      );
    if ((registration.value.notes.get(line.lineNo) ?? null) === note.value) return ok(registration.value);
    await inTransaction(deps.db, async (trx) => {
      const entry = await appendJournalEntry(
        trx,
        {
          kind: 'kitchen_note',
          terminalId: actor.terminal.terminalId,
          userId: actor.user.userId,
          data: {
            registrationId,
            lines: [{ lineNo: line.lineNo, productId: line.productId, note: note.value }],
          },
        },
        deps.clock,
      );
      if (!entry.ok) throw new Error(`kitchen note not journaled: ${entry.error.code}`);
      await trx
        .insertInto('line_note')
        .values({
          journal_seq: entry.value.seq,
          registration_id: registrationId,
          line_no: line.lineNo,
          note: note.value,
        })
        .execute();
    });
    return reload(deps, registrationId);
  });
}

/** A correction inside an open ticket: a separate negative line with its reason (C-31). */
export async function correctLine(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
  correction: { lineNo: number; quantity?: number | null; reason: string },
): Promise<Result<Registration, PosError>> {
  if (
    typeof correction.reason !== 'string' ||
    correction.reason.trim() === '' ||
    correction.reason.length > 200
  )
    return posError('BAD_INPUT', 'a correction needs a reason of 1..200 characters (C-31)');
  return deps.locks.run([`reg:${registrationId}`], async () => {
    const registration = await openRegistration(deps, actor, registrationId);
    if (!registration.ok) return registration;
    const target = correctable(registration.value, correction.lineNo);
    if (!target.ok) return target;
    const { line, open } = target.value;
    let quantity = open;
    if (correction.quantity !== undefined && correction.quantity !== null) {
      const asked = quantityToMilli(correction.quantity, line.quantityType);
      if (!asked.ok) return posError('BAD_INPUT', asked.reason);
      quantity = asked.value;
    }
    if (quantity > open)
      return posError('QUANTITY_EXCEEDS_OPEN', `line ${line.lineNo} has ${open / 1000} left to correct`);
    if (line.priceChange !== null && quantity !== open)
      return posError('LINE_NOT_CORRECTABLE', 'a line with a price change is corrected whole');
    await insertLines(
      deps.db,
      registrationId,
      lastLineNo(registration.value),
      [negationOf(line, quantity, 'correction', 'CORRECTION', correction.reason)],
      actor.user.userId,
      deps.clock,
    );
    return reload(deps, registrationId);
  });
}

/**
 * A discount or surcharge on a line: the line is negated (PRICE_CHANGE) and registered again
 * with the price change, so the first registration stays as it was (fdm-v2-notes restaurant flow).
 */
export async function changeLinePrice(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
  change: { lineNo: number; amountCents: number; name: string },
): Promise<Result<Registration, PosError>> {
  if (!Number.isSafeInteger(change.amountCents) || change.amountCents === 0)
    return posError('BAD_INPUT', 'a price change is a non-zero amount in whole cents');
  if (typeof change.name !== 'string' || change.name.trim() === '' || change.name.length > 60)
    return posError('BAD_INPUT', 'a price change needs a name of 1..60 characters');
  return deps.locks.run([`reg:${registrationId}`], async () => {
    const registration = await openRegistration(deps, actor, registrationId);
    if (!registration.ok) return registration;
    const target = correctable(registration.value, change.lineNo);
    if (!target.ok) return target;
    const { line, open } = target.value;
    const repriced = repricedLine(line, open, {
      id: `PC-${change.name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 30)}`,
      name: change.name,
      amountCents: change.amountCents + (line.priceChange?.amountCents ?? 0),
    });
    if (repriced.lineTotalCents < 0) return posError('BAD_INPUT', 'a discount cannot exceed the line price');
    await insertLines(
      deps.db,
      registrationId,
      lastLineNo(registration.value),
      [negationOf(line, open, 'price_change', 'PRICE_CHANGE', `price change: ${change.name}`), repriced],
      actor.user.userId,
      deps.clock,
    );
    return reload(deps, registrationId);
  });
}

function correctable(
  registration: Registration,
  lineNo: number,
): Result<{ line: RegisteredLine; open: number }, PosError> {
  const line = registration.lines.find((l) => l.lineNo === lineNo);
  if (!line) return posError('UNKNOWN_LINE', `no line ${lineNo}`);
  const open = openQuantities(registration.lines).get(lineNo);
  if (line.quantityMilli < 0 || open === undefined)
    return posError('LINE_NOT_CORRECTABLE', `line ${lineNo} is itself a correction`);
  if (open <= 0) return posError('QUANTITY_EXCEEDS_OPEN', `line ${lineNo} has nothing left`);
  return ok({ line, open });
}

async function reload(deps: RegisterDeps, registrationId: string): Promise<Result<Registration, PosError>> {
  const loaded = await loadRegistration(deps.db, registrationId);
  return loaded ? ok(loaded) : posError('UNKNOWN_REGISTRATION', `no registration ${registrationId}`);
}

// ------------------------------------------------------------------ P events

/** Sends the lines registered since the last signed state as a P delta (signOrder). */
export async function sendOrder(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
): Promise<Result<SignedEvent<'signOrder'>, PosError>> {
  return deps.locks.run([`reg:${registrationId}`], async () => {
    const registration = await openRegistration(deps, actor, registrationId);
    if (!registration.ok) return registration;
    const sent = await sendDelta(deps, actor, registration.value);
    if (!sent.ok) return sent;
    return sent.value ? ok(sent.value) : posError('NOTHING_TO_SEND', 'no new lines since the last order');
  });
}

async function sendDelta(
  deps: RegisterDeps,
  actor: Actor,
  registration: Registration,
): Promise<Result<SignedEvent<'signOrder'> | null, PosError>> {
  const place = registration.place;
  if (!place) return posError('NOT_AT_COST_CENTER', 'only an order at a table or other cost center is sent');
  const delta = registration.lines.filter((line) => line.lineNo > registration.signedUpTo);
  if (delta.length === 0) return ok(null);
  const context = await eventContext(deps, actor, registration.training);
  if (!context.ok) return context;
  const upTo = lastLineNo(registration);
  const signed = await sign(
    deps,
    'signOrder',
    context.value,
    { costCenter: costCenterOf(registration, place), transaction: toTransaction(delta) },
    {
      after: (trx, eventSeq) =>
        insertLink(trx, {
          eventSeq,
          role: 'order',
          registrationId: registration.registrationId,
          upToLine: upTo,
        }),
    },
  );
  return signed.ok ? ok(signed.value) : signed;
}

/** The interim bill (signPreBill) with the complete current transaction, after sending the delta. */
export async function preBill(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
): Promise<Result<SignedEvent<'signPreBill'>, PosError>> {
  return deps.locks.run([`reg:${registrationId}`], async () => {
    const registration = await openRegistration(deps, actor, registrationId);
    if (!registration.ok) return registration;
    let current = registration.value;
    if (current.place) {
      const sent = await sendDelta(deps, actor, current);
      if (!sent.ok) return sent;
      const reloaded = await reload(deps, registrationId);
      if (!reloaded.ok) return reloaded;
      current = reloaded.value;
    }
    const context = await eventContext(deps, actor, current.training);
    if (!context.ok) return context;
    const upTo = lastLineNo(current);
    return sign(
      deps,
      'signPreBill',
      context.value,
      {
        ...(current.place ? { costCenter: costCenterOf(current, current.place) } : {}),
        transaction: toTransaction(current.lines),
      },
      {
        after: (trx, eventSeq) =>
          insertLink(trx, {
            eventSeq,
            role: current.kind === 'proforma' ? 'close' : 'pre_bill',
            registrationId,
            upToLine: upTo,
          }),
      },
    );
  });
}

/**
 * Moves lines to another cost center (signCostCenterChange): the whole order to a free place
 * (a table transfer), some lines to a free place (a split), or lines onto the open order of an
 * occupied place (a merge). Pending deltas of both orders are sent first.
 */
export async function transferLines(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
  move: { toCostCenterId: string; lines?: readonly { lineNo: number; quantity?: number | null }[] | null },
): Promise<
  Result<
    { event: SignedEvent<'signCostCenterChange'>; registrationId: string; closedSource: boolean },
    PosError
  >
> {
  const target = await findCostCenter(deps.db, move.toCostCenterId);
  if (!target) return posError('UNKNOWN_COST_CENTER', `no cost center ${move.toCostCenterId}`);
  if (target.active === false)
    return posError('PLACE_RETIRED', `${target.costCenterId} is retired`, { field: 'toCostCenterId' });
  return deps.locks.run([`reg:${registrationId}`, `place:${target.costCenterId}`], async () => {
    const opened = await openRegistration(deps, actor, registrationId);
    if (!opened.ok) return opened;
    let source = opened.value;
    if (!source.place) return posError('NOT_AT_COST_CENTER', 'a direct sale has no place to move from');
    if (source.place.costCenterId === target.costCenterId)
      return posError('BAD_INPUT', 'the order is at that place already');
    const occupants = await openRegistrationSummaries(deps.db, { costCenterId: target.costCenterId });
    const occupantId = occupants[0]?.registrationId ?? null;
    let occupant: Registration | null = null;
    if (occupantId !== null) {
      const loaded = await openRegistration(deps, actor, occupantId);
      if (!loaded.ok) return loaded;
      occupant = loaded.value;
    }

    // Which quantities move.
    const open = openQuantities(source.lines);
    const moving: { line: RegisteredLine; quantity: number }[] = [];
    const asked =
      move.lines ??
      [...open.entries()].filter(([, q]) => q > 0).map(([lineNo]) => ({ lineNo, quantity: null }));
    for (const entry of asked) {
      const line = source.lines.find((l) => l.lineNo === entry.lineNo);
      const available = open.get(entry.lineNo) ?? 0;
      if (!line || available <= 0)
        return posError('UNKNOWN_LINE', `line ${entry.lineNo} has nothing to move`);
      let quantity = available;
      if (entry.quantity !== undefined && entry.quantity !== null) {
        const q = quantityToMilli(entry.quantity, line.quantityType);
        if (!q.ok) return posError('BAD_INPUT', q.reason);
        quantity = q.value;
      }
      if (quantity > available)
        return posError('QUANTITY_EXCEEDS_OPEN', `line ${entry.lineNo} has ${available / 1000} left`);
      if (line.priceChange !== null && quantity !== available)
        return posError('LINE_NOT_CORRECTABLE', 'a line with a price change moves whole');
      moving.push({ line, quantity });
    }
    if (moving.length === 0) return posError('NOTHING_TO_SEND', 'nothing to move');
    const everything = [...open.entries()].every(
      ([lineNo, q]) => q <= 0 || moving.some((m) => m.line.lineNo === lineNo && m.quantity === q),
    );

    // Both orders first reach their last state at the FDM.
    for (const registration of occupant ? [source, occupant] : [source]) {
      const sent = await sendDelta(deps, actor, registration);
      if (!sent.ok) return sent;
    }
    const reloaded = await reload(deps, source.registrationId);
    if (!reloaded.ok) return reloaded;
    source = reloaded.value;
    if (occupant) {
      const again = await reload(deps, occupant.registrationId);
      if (!again.ok) return again;
      occupant = again.value;
    }

    const leaving = moving.map((m) =>
      negationOf(m.line, m.quantity, 'transfer_out', 'COST_CENTER_CHANGE', null),
    );
    const arriving = moving.map((m) => arrivalOf(m.line, m.quantity));
    // The kitchen's instructions go with the dishes (they were journaled when entered).
    const arrivingNotes = moving.map((m) => source.notes.get(m.line.lineNo) ?? null);
    const wholeMove = everything && occupant === null;
    const destinationId = occupant?.registrationId ?? (wholeMove ? source.registrationId : randomUUID());
    const destinationPlace: Place = { costCenterId: target.costCenterId, type: target.type };
    const context = await eventContext(deps, actor, source.training);
    if (!context.ok) return context;
    const fromPlace = source.place;
    if (!fromPlace) throw new Error('source lost its place');
    const sourceNow = source;
    const occupantNow = occupant;
    const signed = await sign(
      deps,
      'signCostCenterChange',
      context.value,
      {
        transfer: {
          from: [{ costCenter: costCenterOf(sourceNow, fromPlace), transaction: toTransaction(leaving) }],
          to: [
            {
              costCenter: {
                id: destinationPlace.costCenterId,
                type: destinationPlace.type as CostCenterInput['type'],
                reference: destinationId,
              },
              transaction: toTransaction(arriving),
            },
          ],
        },
      },
      {
        before: async (trx) => {
          if (wholeMove) {
            // The order itself moves: its lines stay as registered, only its place changes.
            await insertPlace(
              trx,
              sourceNow.registrationId,
              sourceNow.placeNo + 1,
              destinationPlace,
              deps.clock,
            );
            return ok(undefined);
          }
          await insertLines(
            trx,
            sourceNow.registrationId,
            lastLineNo(sourceNow),
            leaving,
            actor.user.userId,
            deps.clock,
          );
          if (occupantNow) {
            await insertLines(
              trx,
              occupantNow.registrationId,
              lastLineNo(occupantNow),
              arriving,
              actor.user.userId,
              deps.clock,
              arrivingNotes,
            );
          } else {
            await insertRegistration(
              trx,
              {
                registrationId: destinationId,
                kind: 'sale',
                terminalId: actor.terminal.terminalId,
                userId: actor.user.userId,
                training: sourceNow.training,
                bookingPeriodId: context.value.bookingPeriodId,
                refundOfEvent: null,
                place: destinationPlace,
              },
              deps.clock,
            );
            await insertLines(trx, destinationId, 0, arriving, actor.user.userId, deps.clock, arrivingNotes);
          }
          return ok(undefined);
        },
        after: async (trx, eventSeq) => {
          const sourceUpTo = wholeMove ? lastLineNo(sourceNow) : lastLineNo(sourceNow) + leaving.length;
          await insertLink(trx, {
            eventSeq,
            role: 'transfer_from',
            registrationId: sourceNow.registrationId,
            upToLine: sourceUpTo,
          });
          if (!wholeMove) {
            const destinationUpTo = (occupantNow ? lastLineNo(occupantNow) : 0) + arriving.length;
            await insertLink(trx, {
              eventSeq,
              role: 'transfer_to',
              registrationId: destinationId,
              upToLine: destinationUpTo,
            });
          }
        },
      },
    );
    if (!signed.ok) return signed;
    // An order emptied by the move still ends in a ticket, at total zero (C-8).
    let closedSource = false;
    if (everything && !wholeMove) {
      const closed = await closeWithSale(deps, actor, sourceNow.registrationId, [], null);
      closedSource = closed.ok;
    }
    return ok({ event: signed.value, registrationId: destinationId, closedSource });
  });
}

// ------------------------------------------------------------------ N events

/** Pays an order: any pending delta as signOrder first, then signSale with the complete transaction. */
export async function pay(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
  tenders: readonly Tender[],
  tip: Tender | null = null,
): Promise<Result<PaidTicket, PosError>> {
  return deps.locks.run([`reg:${registrationId}`], () =>
    closeWithSale(deps, actor, registrationId, tenders, tip),
  );
}

async function closeWithSale(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
  tenders: readonly Tender[],
  tip: Tender | null,
): Promise<Result<PaidTicket, PosError>> {
  const opened = await openRegistration(deps, actor, registrationId);
  if (!opened.ok) return opened;
  let registration = opened.value;
  if (registration.kind === 'proforma')
    return posError('BAD_INPUT', 'a pro forma ends with its pro forma ticket (preBill), not with a payment');
  const total = totalCents(registration.lines);
  if (registration.kind === 'sale' && total < 0)
    return posError(
      'NEGATIVE_TOTAL',
      'a VAT ticket total is never negative: refunds are separate tickets (C-8)',
    );
  const settlement = settle(total, tenders, tip);
  if (!settlement.ok) return posError(settlement.error.code, settlementMessage(settlement.error));
  let order: SignedEvent<'signOrder'> | null = null;
  if (registration.place && registration.everSigned) {
    const sent = await sendDelta(deps, actor, registration);
    if (!sent.ok) return sent;
    order = sent.value;
    const reloaded = await reload(deps, registrationId);
    if (!reloaded.ok) return reloaded;
    registration = reloaded.value;
  }
  let fdmRef = null;
  if (registration.refundOfEvent !== null) {
    const original = await deps.db
      .selectFrom('fiscal_result')
      .innerJoin('journal_entry', 'journal_entry.seq', 'fiscal_result.journal_seq')
      .select('journal_entry.fdm_message')
      .where('fiscal_result.event_seq', '=', registration.refundOfEvent)
      .executeTakeFirst();
    if (!original?.fdm_message) return posError('NOT_REFUNDABLE', 'the original ticket has no signature');
    fdmRef = (
      JSON.parse(Buffer.from(original.fdm_message).toString('utf8')) as {
        signResult: { fdmRef: NonNullable<typeof fdmRef> };
      }
    ).signResult.fdmRef;
  }
  const context = await eventContext(deps, actor, registration.training);
  if (!context.ok) return context;
  const upTo = lastLineNo(registration);
  const current = registration;
  const sale = await sign(
    deps,
    'signSale',
    context.value,
    {
      ...(fdmRef ? { fdmRef } : {}),
      ...(current.place ? { costCenter: costCenterOf(current, current.place) } : {}),
      transaction: toTransaction(current.lines),
      financials: [...settlement.value.financials],
    },
    {
      after: async (trx, eventSeq) => {
        await insertLink(trx, { eventSeq, role: 'close', registrationId, upToLine: upTo });
        if (current.refundOfEvent !== null)
          await insertLink(trx, { eventSeq, role: 'refund_of', refEventSeq: current.refundOfEvent });
      },
    },
  );
  if (!sale.ok) return sale;
  return ok({ sale: sale.value, settlement: settlement.value, order });
}

function settlementMessage(problem: {
  code: string;
  dueCents?: number;
  tenderedCents?: number;
  message?: string;
}): string {
  if (problem.message) return problem.message;
  return `${problem.code}: due ${(problem.dueCents ?? 0) / 100}, tendered ${(problem.tenderedCents ?? 0) / 100}`;
}

/** Cancels an order: every open line corrected, then a ticket at total zero (C-8). */
export async function cancelRegistration(
  deps: RegisterDeps,
  actor: Actor,
  registrationId: string,
  reason: string,
): Promise<Result<PaidTicket, PosError>> {
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > 200)
    return posError('BAD_INPUT', 'a cancellation needs a reason of 1..200 characters');
  return deps.locks.run([`reg:${registrationId}`], async () => {
    const opened = await openRegistration(deps, actor, registrationId);
    if (!opened.ok) return opened;
    const registration = opened.value;
    const open = openQuantities(registration.lines);
    const negations = registration.lines
      .filter((line) => (open.get(line.lineNo) ?? 0) > 0)
      .map((line) => negationOf(line, open.get(line.lineNo) ?? 0, 'correction', 'CORRECTION', reason));
    await inTransaction(deps.db, (trx) =>
      insertLines(trx, registrationId, lastLineNo(registration), negations, actor.user.userId, deps.clock),
    );
    return closeWithSale(deps, actor, registrationId, [], null);
  });
}

export { type Registration } from './registration-store.js';
export { totalCents };

import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { NegQuantityReason, QuantityType, VatLabel } from '@gks/core';
import { canonicalJson } from '../journal/canonical.js';
import type { Clock, Database } from '../journal/journal.js';
import type { LineOrigin, NewLine, RegisteredLine } from './lines.js';

export type RegistrationKind = 'sale' | 'refund' | 'proforma';

export interface Place {
  readonly costCenterId: string;
  readonly type: string;
}

export type RegistrationStatus =
  /** lines may be added */
  | 'open'
  /** an event about it waits for the FDM's answer: nothing may change until it is known */
  | 'busy'
  /** ended in a ticket */
  | 'closed';

export interface Registration {
  readonly registrationId: string;
  readonly kind: RegistrationKind;
  readonly terminalId: string;
  readonly userId: string;
  readonly training: boolean;
  readonly bookingPeriodId: string;
  readonly openedAt: Date;
  readonly refundOfEvent: number | null;
  readonly place: Place | null;
  readonly placeNo: number;
  readonly lines: readonly RegisteredLine[];
  /** Lines up to this number are known to the FDM through signed P events. */
  readonly signedUpTo: number;
  /** Whether any P event (order, transfer) was signed for it: then paying sends the delta first. */
  readonly everSigned: boolean;
  readonly status: RegistrationStatus;
  /** The N (or P for pro forma) that ended it. */
  readonly closedBy: number | null;
  /** A signed pre-bill covers every line: no line was added since (the table plan shows it). */
  readonly preBilled: boolean;
  /** Kitchen notes by line number; not part of the fiscal lines. */
  readonly notes: ReadonlyMap<number, string>;
}

export interface NewRegistration {
  readonly registrationId: string;
  readonly kind: RegistrationKind;
  readonly terminalId: string;
  readonly userId: string;
  readonly training: boolean;
  readonly bookingPeriodId: string;
  readonly refundOfEvent: number | null;
  readonly place: Place | null;
}

/**
 * The registration and its first place, in one statement (atomic without a transaction of its
 * own); answers it as `loadRegistration` would read it back.
 */
export async function insertRegistration(
  db: Database,
  registration: NewRegistration,
  clock: Clock,
): Promise<Registration> {
  const now = clock.now();
  const row = {
    registration_id: registration.registrationId,
    kind: registration.kind,
    terminal_id: registration.terminalId,
    user_id: registration.userId,
    training: registration.training,
    booking_period_id: registration.bookingPeriodId,
    opened_at: now,
    refund_of_event: registration.refundOfEvent,
  };
  if (!registration.place) await db.insertInto('registration').values(row).execute();
  else
    await db
      .with('registered', (w) => w.insertInto('registration').values(row))
      .insertInto('registration_place')
      .values(placeRow(registration.registrationId, 1, registration.place, now))
      .execute();
  return {
    registrationId: registration.registrationId,
    kind: registration.kind,
    terminalId: registration.terminalId,
    userId: registration.userId,
    training: registration.training,
    bookingPeriodId: registration.bookingPeriodId,
    openedAt: now,
    refundOfEvent: registration.refundOfEvent,
    place: registration.place ? { ...registration.place } : null,
    placeNo: registration.place ? 1 : 0,
    lines: [],
    signedUpTo: 0,
    everSigned: false,
    status: 'open',
    closedBy: null,
    preBilled: false,
    notes: new Map(),
  };
}

export async function insertPlace(
  db: Database,
  registrationId: string,
  placeNo: number,
  place: Place,
  clock: Clock,
): Promise<void> {
  await db
    .insertInto('registration_place')
    .values(placeRow(registrationId, placeNo, place, clock.now()))
    .execute();
}

const placeRow = (registrationId: string, placeNo: number, place: Place, at: Date) => ({
  registration_id: registrationId,
  place_no: placeNo,
  cost_center_id: place.costCenterId,
  cost_center_type: place.type,
  placed_at: at,
});

/** Appends lines after the registration's last one; returns them with their numbers. */
export async function insertLines(
  db: Database,
  registrationId: string,
  afterLineNo: number,
  lines: readonly NewLine[],
  userId: string,
  clock: Clock,
  /** Kitchen notes, by position in `lines`. */
  notes: readonly (string | null)[] = [],
): Promise<RegisteredLine[]> {
  if (lines.length === 0) return [];
  const now = clock.now();
  const numbered = lines.map((line, i) => ({ ...line, lineNo: afterLineNo + i + 1 }));
  await db
    .insertInto('registration_line')
    .values(
      numbered.map((line, i) => ({
        note: notes[i] ?? null,
        registration_id: registrationId,
        line_no: line.lineNo,
        origin: line.origin,
        product_id: line.productId,
        product_name: line.productName,
        department_id: line.departmentId,
        department_name: line.departmentName,
        quantity_type: line.quantityType,
        unit_price_cents: line.unitPriceCents,
        vat_label: line.vatLabel,
        quantity_milli: line.quantityMilli,
        neg_reason: line.negReason,
        price_change: line.priceChange === null ? null : canonicalJson({ ...line.priceChange }),
        line_total_cents: line.lineTotalCents,
        corrects_line: line.correctsLine,
        reason: line.reason,
        user_id: userId,
        registered_at: now,
      })),
    )
    .execute();
  return numbered;
}

export async function insertLink(
  db: Database,
  link: {
    eventSeq: number;
    role:
      | 'order'
      | 'transfer_from'
      | 'transfer_to'
      | 'pre_bill'
      | 'close'
      | 'copy_of'
      | 'invoice_of'
      | 'refund_of'
      | 'correction_of';
    registrationId?: string | null;
    upToLine?: number | null;
    refEventSeq?: number | null;
  },
): Promise<void> {
  await db
    .insertInto('event_link')
    .values({
      event_seq: link.eventSeq,
      role: link.role,
      registration_id: link.registrationId ?? null,
      up_to_line: link.upToLine ?? null,
      ref_event_seq: link.refEventSeq ?? null,
    })
    .execute();
}

/**
 * A registration with everything its state derives from, in one statement: it is read several
 * times per request (guards, then the state after a change), so round trips add up.
 */
export async function loadRegistration(db: Database, registrationId: string): Promise<Registration | null> {
  const row = await db
    .selectFrom('registration')
    .selectAll('registration')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('registration_place')
          .select(['place_no', 'cost_center_id', 'cost_center_type'])
          .whereRef('registration_place.registration_id', '=', 'registration.registration_id')
          .orderBy('place_no', 'desc')
          .limit(1),
      ).as('places'),
      jsonArrayFrom(
        eb
          .selectFrom('registration_line')
          .select([
            'line_no',
            'origin',
            'product_id',
            'product_name',
            'department_id',
            'department_name',
            'quantity_type',
            'unit_price_cents',
            'vat_label',
            'quantity_milli',
            'neg_reason',
            'price_change',
            'line_total_cents',
            'corrects_line',
            'reason',
            'note',
          ])
          .whereRef('registration_line.registration_id', '=', 'registration.registration_id')
          .orderBy('line_no'),
      ).as('line_rows'),
      jsonArrayFrom(
        eb
          .selectFrom('event_link')
          .leftJoin('fiscal_result', 'fiscal_result.event_seq', 'event_link.event_seq')
          .select([
            'event_link.event_seq',
            'event_link.role',
            'event_link.up_to_line',
            'fiscal_result.outcome',
          ])
          .whereRef('event_link.registration_id', '=', 'registration.registration_id'),
      ).as('links'),
      jsonArrayFrom(
        eb
          .selectFrom('line_note')
          .select(['line_no', 'note'])
          .whereRef('line_note.registration_id', '=', 'registration.registration_id')
          .orderBy('journal_seq'),
      ).as('later_notes'),
    ])
    .where('registration.registration_id', '=', registrationId)
    .executeTakeFirst();
  if (!row) return null;
  const { places, line_rows: lineRows, links, later_notes: laterNotes } = row;
  const place = places[0];
  let signedUpTo = 0;
  let everSigned = false;
  let busy = false;
  let closedBy: number | null = null;
  let preBilledUpTo = 0;
  for (const link of links) {
    if (link.outcome === null) busy = true;
    if (link.outcome !== 'signed') continue;
    if (link.role === 'close') closedBy = link.event_seq;
    if (link.role === 'pre_bill') preBilledUpTo = Math.max(preBilledUpTo, link.up_to_line ?? 0);
    if (link.role === 'order' || link.role === 'transfer_from' || link.role === 'transfer_to') {
      everSigned = true;
      signedUpTo = Math.max(signedUpTo, link.up_to_line ?? 0);
    }
  }
  return {
    registrationId: row.registration_id,
    kind: row.kind as RegistrationKind,
    terminalId: row.terminal_id,
    userId: row.user_id,
    training: row.training,
    bookingPeriodId: row.booking_period_id,
    openedAt: row.opened_at,
    refundOfEvent: row.refund_of_event,
    place: place ? { costCenterId: place.cost_center_id, type: place.cost_center_type } : null,
    placeNo: place?.place_no ?? 0,
    lines: lineRows.map(lineOf),
    signedUpTo,
    everSigned,
    status: closedBy !== null ? 'closed' : busy ? 'busy' : 'open',
    closedBy,
    preBilled: closedBy === null && preBilledUpTo > 0 && preBilledUpTo >= (lineRows.at(-1)?.line_no ?? 0),
    notes: currentNotes(lineRows, laterNotes),
  };
}

/** Notes set or cleared after their line was entered (setLineNote), oldest first. */
function laterLineNotes(db: Database, registrationId: string, lineNos?: { above: number; upTo: number }) {
  let query = db
    .selectFrom('line_note')
    .select(['line_no', 'note'])
    .where('registration_id', '=', registrationId);
  if (lineNos) query = query.where('line_no', '>', lineNos.above).where('line_no', '<=', lineNos.upTo);
  return query.orderBy('journal_seq').execute();
}

/** The note entered with each line, replaced by the newest later one (null clears it). */
function currentNotes(
  lines: readonly { line_no: number; note: string | null }[],
  later: readonly { line_no: number; note: string | null }[],
): Map<number, string> {
  const notes = new Map<number, string | null>(lines.map((line) => [line.line_no, line.note]));
  for (const change of later) notes.set(change.line_no, change.note);
  return new Map([...notes].flatMap(([lineNo, note]) => (note === null ? [] : [[lineNo, note] as const])));
}

const closedRegistrationIds = (db: Database) =>
  db
    .selectFrom('event_link')
    .innerJoin('fiscal_result', 'fiscal_result.event_seq', 'event_link.event_seq')
    .select('event_link.registration_id')
    .where('event_link.role', '=', 'close')
    .where('fiscal_result.outcome', '=', 'signed');

/**
 * Which of these registrations have a signed pre-bill covering their last line: the
 * PRE_BILLED state of the table plan, the same for every terminal.
 */
export async function preBilledRegistrations(
  db: Database,
  registrationIds: readonly string[],
): Promise<Set<string>> {
  if (registrationIds.length === 0) return new Set();
  const [bills, lastLines] = await Promise.all([
    db
      .selectFrom('event_link')
      .innerJoin('fiscal_result', 'fiscal_result.event_seq', 'event_link.event_seq')
      .select(['event_link.registration_id', (eb) => eb.fn.max('event_link.up_to_line').as('up_to')])
      .where('event_link.role', '=', 'pre_bill')
      .where('fiscal_result.outcome', '=', 'signed')
      .where('event_link.registration_id', 'in', registrationIds)
      .groupBy('event_link.registration_id')
      .execute(),
    db
      .selectFrom('registration_line')
      .select(['registration_id', (eb) => eb.fn.max('line_no').as('last')])
      .where('registration_id', 'in', registrationIds)
      .groupBy('registration_id')
      .execute(),
  ]);
  const last = new Map(lastLines.map((row) => [row.registration_id, Number(row.last)]));
  return new Set(
    bills
      .filter(
        (bill) =>
          bill.registration_id !== null && Number(bill.up_to) >= (last.get(bill.registration_id) ?? 0),
      )
      .map((bill) => bill.registration_id as string),
  );
}

/** Registrations that did not end in a ticket yet, with their current place. */
export async function openRegistrationSummaries(
  db: Database,
  filter: { costCenterId?: string; terminalId?: string; userId?: string } = {},
): Promise<
  {
    registrationId: string;
    costCenterId: string | null;
    userId: string;
    terminalId: string;
    training: boolean;
  }[]
> {
  let query = db
    .selectFrom('registration')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('registration_place')
          .select([
            'registration_id',
            'cost_center_id',
            sql<number>`row_number() over (partition by registration_id order by place_no desc)`.as('rank'),
          ])
          .as('place'),
      (join) =>
        join.onRef('place.registration_id', '=', 'registration.registration_id').on('place.rank', '=', 1),
    )
    .select([
      'registration.registration_id',
      'place.cost_center_id',
      'registration.user_id',
      'registration.terminal_id',
      'registration.training',
    ])
    .where(
      'registration.registration_id',
      'not in',
      closedRegistrationIds(db)
        .where('event_link.registration_id', 'is not', null)
        .$narrowType<{ registration_id: string }>(),
    )
    .orderBy('registration.opened_at');
  if (filter.costCenterId !== undefined) {
    // only the registrations that were ever at this place, through its index
    const atPlace = db
      .selectFrom('registration_place')
      .select('registration_id')
      .where('cost_center_id', '=', filter.costCenterId);
    query = query
      .where('registration.registration_id', 'in', atPlace)
      .where('place.cost_center_id', '=', filter.costCenterId);
  }
  if (filter.terminalId !== undefined)
    query = query.where('registration.terminal_id', '=', filter.terminalId);
  if (filter.userId !== undefined) query = query.where('registration.user_id', '=', filter.userId);
  const rows = await query.execute();
  return rows.map((row) => ({
    registrationId: row.registration_id,
    costCenterId: row.cost_center_id ?? null,
    userId: row.user_id,
    terminalId: row.terminal_id,
    training: row.training,
  }));
}

function lineOf(row: {
  line_no: number;
  origin: string;
  product_id: string;
  product_name: string;
  department_id: string;
  department_name: string;
  quantity_type: string;
  unit_price_cents: number;
  vat_label: string;
  quantity_milli: number;
  neg_reason: string | null;
  price_change: string | null;
  line_total_cents: number;
  corrects_line: number | null;
  reason: string | null;
}): RegisteredLine {
  return {
    lineNo: row.line_no,
    origin: row.origin as LineOrigin,
    productId: row.product_id,
    productName: row.product_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    quantityType: row.quantity_type as QuantityType,
    unitPriceCents: row.unit_price_cents,
    vatLabel: row.vat_label as VatLabel,
    quantityMilli: row.quantity_milli,
    negReason: row.neg_reason as NegQuantityReason | null,
    priceChange:
      row.price_change === null ? null : (JSON.parse(row.price_change) as RegisteredLine['priceChange']),
    lineTotalCents: row.line_total_cents,
    correctsLine: row.corrects_line,
    reason: row.reason,
  };
}

/**
 * The kitchen notes of the lines an order event sent, in the order of its transaction lines:
 * an order sends the consecutive lines after the last signed one, up to its link's line.
 */
export async function orderLineNotes(
  db: Database,
  eventSeq: number,
  lineCount: number,
): Promise<(string | null)[]> {
  const link = await db
    .selectFrom('event_link')
    .select(['registration_id', 'up_to_line'])
    .where('event_seq', '=', eventSeq)
    .where('role', '=', 'order')
    .executeTakeFirst();
  if (!link?.registration_id || link.up_to_line === null) return [];
  const range = { above: link.up_to_line - lineCount, upTo: link.up_to_line };
  const [rows, later] = await Promise.all([
    db
      .selectFrom('registration_line')
      .select(['line_no', 'note'])
      .where('registration_id', '=', link.registration_id)
      .where('line_no', '>', range.above)
      .where('line_no', '<=', range.upTo)
      .orderBy('line_no')
      .execute(),
    laterLineNotes(db, link.registration_id, range),
  ]);
  const notes = currentNotes(rows, later);
  return rows.map((row) => notes.get(row.line_no) ?? null);
}
